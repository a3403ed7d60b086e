"""The Oxigraph store (pyoxigraph): in memory, or on disk in a directory, cleared on open and loaded file by file.

On disk, queries run against an in-memory copy while the Turtle loaded stays under
:data:`MEMORY_COPY_LIMIT`: every file goes into both, the directory for keeps and the copy for queries.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, URIRef

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES
from claimgraph.store.base import (
    XSD_INTEGER,
    XSD_STRING,
    Query,
    QueryResult,
    Store,
    Term,
    bind_prefixes,
    one_line,
    query_text,
    values_block,
)
from claimgraph.store.checks import check_turtle, may_hold_ill_typed, strict_syntax_error, syntax_error
from claimgraph.store.tsv import tsv_strings
from claimgraph.textfile import decode_utf8, read_bytes, read_utf8_bytes

MARKER = ".claimgraph-store"
"""The file claimgraph writes into a store directory it creates; it opens (and clears) only such directories."""

TERM_CACHE_LIMIT = 500_000
"""Converted IRIs and literals a store keeps: building an rdflib Literal parses its lexical form
(2-7 µs each), and result rows repeat the same claims, codes, levels and booleans."""


QUERY_THREADS = 2
"""At most this many queries run side by side: measured on 2 cores, 4 threads made the audit at 10^6
triples 1.7x slower than 2 (and 2 were no faster than 1 while other jobs held the second core); since answers
are read from TSV, 3 threads measure 0.99x the time of 2."""


MEMORY_COPY_LIMIT = 256 * 2**20
"""Bytes of Turtle up to which an on-disk store also keeps an in-memory copy and answers queries from it.

Oxigraph's RocksDB store answers the audit's queries 3-5x slower than its in-memory store (every triple
pattern is an iterator over compressed blocks). With the copy, load + audit + close took 1.39-1.66x the
in-memory run at 10^5 triples and 1.67-1.72x at 10^6, against 2.40-3.23x without it (benchmarks/audit.py,
2026-12-03); what
is left is RocksDB's own write of the directory (7.5 s of CPU at 10^6, 0.57x the whole in-memory run,
whether from the file or from the copy). 256 MiB of N-Triples is about 1.8 million triples, whose copy
takes about 1.1 GB of memory; above it the copy is dropped and queries read the directory."""


BULK_LOAD_ABOVE = 256 * 2**10
"""Bytes of Turtle above which a file goes to disk by RocksDB bulk load (new files written and ingested, about
15 ms a call) rather than one transaction: the curated graph's 13 files load in 0.11 s by transactions against
0.21 s bulk-loaded, a 1.4 MB file in 0.20 s against 0.15 s, 10^6 triples in 109 s against 86 s (load + audit)."""


class OxigraphStore(Store):
    """An Oxigraph store, in memory (no path) or on disk (a directory), with an in-memory copy of what
    is on disk for queries while the Turtle loaded stays under ``memory_copy_limit`` bytes (0: no copy)."""

    name = "oxigraph"

    def __init__(self, path: str | Path | None = None, memory_copy_limit: int = MEMORY_COPY_LIMIT) -> None:
        self.path = Path(path) if path else None
        self._terms: dict[object, Term] = {}
        self._copy_room = memory_copy_limit
        self.disk: ox.Store | None = None
        if self.path is not None:
            self.disk = open_directory(self.path)
            self.disk.clear()
        self.store = ox.Store() if self.disk is None or memory_copy_limit > 0 else self.disk
        """The store queries run on: in memory (the store itself, or the copy of what is on disk) or the directory."""

    @property
    def memory_copy(self) -> bool:
        """True while an on-disk store answers queries from its in-memory copy."""
        return self.disk is not None and self.store is not self.disk

    def load_turtle(self, path: Path) -> None:
        """Load one Turtle file (UTF-8, a leading BOM dropped) as :meth:`load_turtle_text` does."""
        data, text = read_utf8_bytes(path)
        self._load(data, text, str(path))

    def load_turtle_files(self, paths: Sequence[Path]) -> None:
        """Load Turtle files for :func:`claimgraph.store.load`, all or nothing: a failure clears the store.

        In memory, Oxigraph loads each file on a second thread with its lenient parser, which skips some checks
        (IRIs, language tags, escapes in prefixed names, line breaks in one-line strings) and so takes about
        0.75x the strict parser's time. This thread meanwhile decodes the file, scans it for ill-typed literals
        (:func:`may_hold_ill_typed`) and reads it with the strict parser (:func:`strict_syntax_error`, whose
        error and line a refused file gets; a file the scan cannot clear is read by :func:`check_turtle`, which
        also checks each literal), so these cost no time of their own. Where the strict parser reads a file,
        the lenient one reads the same triples: it only checks less. On disk, files load one by one as
        :meth:`load_turtle` loads them.
        """
        try:
            for path in paths:
                if self.disk is None:
                    self._load_checking_alongside(path)
                else:
                    self.load_turtle(path)
        except BaseException:
            for target in self._targets():
                target.clear()
            raise

    def _load_checking_alongside(self, path: Path) -> None:
        data = read_bytes(path)
        with ThreadPoolExecutor(1, thread_name_prefix="claimgraph-load") as pool:
            loading = pool.submit(self.store.load, input=data, format=ox.RdfFormat.TURTLE, lenient=True)
            try:
                text = decode_utf8(data, str(path))  # a file that is not UTF-8 gets this error, not the parser's
                if may_hold_ill_typed(text):
                    check_turtle(text, str(path))  # the strict read and each literal's check in one pass
                    refused = None
                else:
                    refused = strict_syntax_error(data)
            finally:
                wait([loading])
        if refused is not None:
            raise syntax_error(refused, str(path), data)
        try:
            loading.result()
        except SyntaxError as error:  # the strict parser read the file, so this is not expected; never pass it over
            raise syntax_error(error, str(path), data) from None

    def load_turtle_text(self, text: str, name: str) -> None:
        """Parse and check Turtle text and load it: in memory a file with an error adds nothing (one
        transaction); on disk (bulk-loaded) a file with a syntax error leaves the store empty.

        Oxigraph parses (and refuses syntax errors and bad IRIs) inside the transaction; ill-typed
        literals, which it would keep, are ruled out first by a scan of the text, and only a text
        the scan cannot clear goes through the exact, slower check of every parsed literal.
        """
        self._load(text.encode("utf-8"), text, name)

    def _load(self, data: bytes, text: str, name: str) -> None:
        """Load ``data``, the UTF-8 bytes of ``text``, into memory, into the directory, or into both."""
        if self.disk is not None and self.store is not self.disk and len(data) > self._copy_room:
            self.store = self.disk  # the directory holds every file loaded so far: queries go there now
        self._copy_room -= len(data)
        if may_hold_ill_typed(text):
            quads = check_turtle(text, name)
            for target in self._targets():
                target.bulk_extend(quads)
            return
        try:
            if self.disk is None or len(data) <= BULK_LOAD_ABOVE:
                for target in self._targets():
                    target.load(input=data, format=ox.RdfFormat.TURTLE)
            elif self.store is self.disk:
                self.disk.bulk_load(input=data, format=ox.RdfFormat.TURTLE)
            else:
                load_side_by_side(data, self.store, self.disk)
        except SyntaxError as error:
            if self.disk is not None:  # a bulk load may have written part of the file: the store is left empty
                for target in self._targets():
                    target.clear()
            raise syntax_error(error, name, data) from None

    def _targets(self) -> list[ox.Store]:
        """The stores a file goes into: the one queries run on, and the directory if that is another."""
        return [self.store] if self.disk is None or self.store is self.disk else [self.store, self.disk]

    def _run(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self.store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"SPARQL error: {one_line(error)}") from None

    def select_strings(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as plain strings, read from the answer Oxigraph writes as TSV (no terms built)."""
        result = self._run(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        try:
            data = result.serialize(format=ox.QueryResultsFormat.TSV)
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"SPARQL error: {one_line(error)}") from None
        return tsv_strings(data or b"")

    def select_strings_each(self, queries: Sequence[Query]) -> Iterator[list[dict[str, str]]]:
        """The rows of each SELECT, in order, the queries run side by side on up to :data:`QUERY_THREADS`
        threads (Oxigraph evaluates without holding the GIL): the audit's 15 queries at 10^5 triples in
        0.6x the time on an idle second core."""
        workers = min(len(queries), usable_cores(), QUERY_THREADS)
        if workers < 2:
            yield from super().select_strings_each(queries)
            return
        with ThreadPoolExecutor(workers, thread_name_prefix="claimgraph-query") as pool:
            yield from pool.map(lambda query: self.select_strings(query_text(query)), queries)

    def select_values(self, sparql: str) -> str | None:
        """A SELECT's answer as a ``VALUES`` block, its terms written by Oxigraph in N-Triples syntax (which
        SPARQL reads as the same terms); None for no rows, and when a row holds a blank node or a triple term."""
        result = self._run(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        variables = [variable.value for variable in result.variables]
        rows = []
        try:
            for solution in result:
                if any(isinstance(term, (ox.BlankNode, ox.Triple)) for term in solution):
                    return None
                rows.append(" ".join(_sparql_syntax(term) for term in solution))
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"SPARQL error: {one_line(error)}") from None
        return values_block(variables, rows) if rows else None

    def _execute(self, sparql: str) -> QueryResult:
        result = self._run(sparql)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(result))
        convert = self._converter()
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [tuple([convert(term) for term in solution]) for solution in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        graph = bind_prefixes(rdflib.Graph())
        for triple in result:
            subject, predicate, obj = (convert(t) for t in (triple.subject, triple.predicate, triple.object))
            graph.add((subject, predicate, obj))  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=graph)

    def _converter(self) -> Callable[[object], Term | None]:
        """:func:`from_oxigraph` with this store's cache of the immutable terms it built before
        (pyoxigraph terms compare and hash as RDF terms)."""
        if len(self._terms) > TERM_CACHE_LIMIT:
            self._terms.clear()
        cache = self._terms
        lookup = cache.get

        def convert(term: object) -> Term | None:
            if term is None:
                return None
            found = lookup(term)
            if found is None:
                found = from_oxigraph(term)
                if not isinstance(found, BNode):  # blank node labels are scoped to one result
                    cache[term] = found  # type: ignore[assignment]
            return found

        return convert

    def to_rdflib(self) -> rdflib.Graph:
        """A copy of the default graph as an rdflib Graph (terms converted directly: 2.5x faster than N-Triples)."""
        convert = self._converter()
        graph = bind_prefixes(rdflib.Graph())
        graph.addN(
            (convert(quad.subject), convert(quad.predicate), convert(quad.object), graph)  # type: ignore[misc]
            for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        return graph

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        """Flush an on-disk store and release its directory and its copy (the store is unusable afterwards)."""
        if self.disk is not None:
            self.disk.flush()
            del self.store, self.disk


_DIGITS = re.compile(r"[+-]?[0-9]+")


def _sparql_syntax(term: ox.NamedNode | ox.Literal | None) -> str:
    """A term in SPARQL syntax for a VALUES block: Oxigraph's N-Triples form (escaped by Oxigraph), an integer
    as its bare digits (the same xsd:integer term, in a fifth of the text), ``UNDEF`` for unbound."""
    if term is None:
        return "UNDEF"
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_INTEGER and _DIGITS.fullmatch(term.value):
        return term.value
    return str(term)


def load_side_by_side(data: bytes, memory: ox.Store, disk: ox.Store) -> None:
    """Load Turtle ``data`` into the in-memory copy (one transaction) while a second thread bulk-loads it into the
    directory (pyoxigraph parses without holding the GIL); raise the first error once both are done."""
    with ThreadPoolExecutor(1, thread_name_prefix="claimgraph-disk-load") as pool:
        written = pool.submit(disk.bulk_load, input=data, format=ox.RdfFormat.TURTLE)
        try:
            memory.load(input=data, format=ox.RdfFormat.TURTLE)
        finally:
            wait([written])
        written.result()


def usable_cores() -> int:
    """The CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def open_directory(path: Path) -> ox.Store:
    """The on-disk store in ``path``: a missing or empty directory, or one holding claimgraph's marker file.

    Any other directory is refused before anything is written into it, and so is a store another
    process holds open.
    """
    try:
        if path.exists() and not path.is_dir():
            raise InputError("an Oxigraph store must be a directory", str(path))
        if path.is_dir() and not (path / MARKER).is_file() and any(path.iterdir()):
            raise InputError(f"not an Oxigraph store claimgraph created (no {MARKER} in it) and not empty; "
                             "refusing to touch it", str(path))
        path.mkdir(parents=True, exist_ok=True)
        if not (path / MARKER).is_file():
            (path / MARKER).write_text("An Oxigraph store written by claimgraph; it clears it on every load.\n")
    except OSError as error:
        raise InputError(f"cannot use as a store: {error.strerror or one_line(error)}", str(path)) from None
    try:
        return ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise InputError(f"store {path} is in use by another process") from None
        raise InputError(f"cannot open the Oxigraph store: {one_line(error)}", str(path)) from None


def from_oxigraph(term: object) -> Term | None:
    """A pyoxigraph term as the equal rdflib term (plain strings stay plain)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported RDF term in result: {term!r}")

