"""Checks every store applies to loaded Turtle, so that each refuses the same bad terms with the same message.

rdflib accepts an IRI with a space and an ill-typed literal (``"abc"^^xsd:integer``) after logging a
traceback; Oxigraph refuses the IRI and keeps the literal. Both stores parse with Oxigraph's strict parser
first and refuse ill-typed literals, naming file and line.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox
from rdflib.term import Literal, URIRef

from claimgraph.errors import InputError
from claimgraph.store.base import one_line

XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_rdflib() -> Iterator[list[str]]:
    """Collect (instead of printing) what rdflib logs or warns inside the block, as one-line messages."""
    logger = logging.getLogger("rdflib")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    messages: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    messages.extend(_first_line(record.getMessage()) for record in handler.records)
    messages.extend(_first_line(str(warning.message)) for warning in caught if warning.category is UserWarning)


def _first_line(text: str) -> str:
    return " ".join(text.strip().splitlines()[:1]).strip() if text.strip() else text


_LONG_INTEGER = re.compile(r"([+-]?)0*([0-9]+)")
_UNBOUNDED_INTEGERS = {"integer": "+-", "nonNegativeInteger": "+", "positiveInteger": "+", "nonPositiveInteger": "-",
                       "negativeInteger": "-"}
"""XSD's integer types without a fixed range, with the signs their values may have (zero aside)."""
_BOUNDED_INTEGERS = {"long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"}
_INTEGER_DIGITS = 4000
"""Digits beyond which rdflib cannot read an integer (Python's int-from-string limit is 4,300)."""


def ill_typed(lexical: str, datatype: str) -> bool:
    """True when ``lexical`` is not in the lexical space of a datatype rdflib knows (XSD numbers, dates, …)."""
    if datatype in _PLAIN:
        return False
    name = datatype[len(XSD):] if datatype.startswith(XSD) else ""
    if len(lexical) > _INTEGER_DIGITS and (name in _UNBOUNDED_INTEGERS or name in _BOUNDED_INTEGERS):
        long_integer = _LONG_INTEGER.fullmatch(lexical)
        if long_integer:  # leading zeros dropped, which keeps the value; a bounded type cannot hold so many digits
            sign, digits = long_integer[1], long_integer[2]
            if len(digits) > _INTEGER_DIGITS:
                return (sign or "+") not in _UNBOUNDED_INTEGERS.get(name, "")
            lexical = sign + digits
    with quiet_rdflib():
        return bool(Literal(lexical, datatype=URIRef(datatype)).ill_typed)


def syntax_error(error: SyntaxError, name: str, data: bytes | str | None = None) -> InputError:
    """Oxigraph's Turtle syntax error as an InputError naming ``name`` and the line, said in words
    (:func:`plain_syntax_message`; ``data``, the file's content, lets it look at the line)."""
    line_text = ""
    if data is not None and error.lineno:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        lines = text.split("\n")
        line_text = lines[error.lineno - 1] if error.lineno <= len(lines) else ""
    return InputError(plain_syntax_message(one_line(error.msg or str(error)), line_text, error.offset),
                      name, error.lineno)


_PARSER_PREFIX = re.compile(r"^Parser error (?:at line \d+ (?:between columns \d+ and \d+|column \d+)|"
                            r"between line \d+ column \d+ and line \d+ column \d+): ")
_REWORDED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(.+) is not a valid subject or graph name$"), "'{0}' cannot start a statement here"),
    (re.compile(r"^The prefix (\S*): has not been declared$"), "the prefix {0}: is not declared{prefix_hint}"),
    (re.compile(r"^A dot is expected at the end of statements$"),
     "the statement before it does not end with a dot (.)"),
    (re.compile(r"^Unexpected end of file$"),
     "the file ends inside a statement (a missing closing quote, bracket or final dot?)"),
    (re.compile(r"^Line jumps are not allowed in string literals.*$"),
     'a line break inside a "…" string (a missing closing quote? a string of several lines takes """…""")'),
)


def plain_syntax_message(message: str, line_text: str = "", column: int | None = None) -> str:
    """Oxigraph's parser message (``Parser error at line 3 between columns …: …``) in words, with the column
    and, where the line shows one, the likely cause (an unescaped quote inside a string, an undeclared prefix)."""
    from claimgraph.namespaces import PREFIXES

    reason = _PARSER_PREFIX.sub("", message)
    for pattern, wording in _REWORDED:
        found = pattern.match(reason)
        if found:
            prefix = found.group(1) if found.groups() else ""
            hint = f" (add @prefix {prefix}: <{PREFIXES[prefix]}> . at the top)" if prefix in PREFIXES else ""
            reason = wording.format(*found.groups(), prefix_hint=hint)
            break
    where = f" near column {column}" if column else ""
    before = line_text[:column - 1].rstrip() if column else ""
    if before.endswith('"') and before.count('"') >= 2 and not before.endswith('"""'):
        reason += ' — an unescaped quote (") inside a string? write it as \\"'
    return f"not valid Turtle{where}: {reason}"


def strict_syntax_error(data: bytes) -> SyntaxError | None:
    """The first error Oxigraph's strict Turtle parser finds in ``data``, or None; the triples it reads are dropped
    as they come (Python objects, but no store: 0.6x the time of a strict load into one)."""
    try:
        deque(ox.parse(data, format=ox.RdfFormat.TURTLE), maxlen=0)
    except SyntaxError as error:
        return error
    return None


_SHOWN_CHARACTERS = 60
"""How much of a long value a one-line message shows (the line number or the focus node finds the rest)."""


def shown(text: str, quote: str = "") -> str:
    """``text`` for a one-line message: whole (in ``quote`` marks) up to 60 characters, else its start and length."""
    if len(text) <= _SHOWN_CHARACTERS:
        return f"{quote}{text}{quote}"
    return f"{quote}{text[:_SHOWN_CHARACTERS]}…{quote} ({len(text):,} characters)"


def _quoted(lexical: str) -> str:
    return shown(lexical, '"')


def short_datatype(datatype: str) -> str:
    """``xsd:integer`` for the XSD namespace, ``<IRI>`` otherwise."""
    return "xsd:" + datatype[len(XSD):] if datatype.startswith(XSD) else f"<{datatype}>"


def check_turtle(text: str, name: str, base: str | None = None) -> list[ox.Quad]:
    """Parse Turtle with Oxigraph's strict parser and refuse ill-typed literals; the triples as Oxigraph quads.

    Every store calls this first, so all refuse the same files with the same message and line: a syntax
    error or an invalid IRI (a space, ``<``, …) where the parser stops, an ill-typed literal at the line
    where its text first occurs (the parser keeps the lexical form but not its position).
    """
    try:
        quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base))
    except SyntaxError as error:
        raise syntax_error(error, name, text) from None
    problems: dict[tuple[str, str], int | None] = {}
    for quad in quads:
        term = quad.object
        if isinstance(term, ox.Literal) and not term.language:
            key = (term.value, term.datatype.value)
            if key not in problems and ill_typed(*key):
                problems[key] = _literal_line(text, term.value)
    if problems:
        (lexical, datatype), line = min(problems.items(), key=lambda item: (item[1] is None, item[1] or 0, item[0]))
        message = f"ill-typed literal: {_quoted(lexical)} is not a valid {short_datatype(datatype)}"
        more = len(problems) - 1
        if more:
            message += f" ({more} more ill-typed literal{'s' if more > 1 else ''} in this file)"
        raise InputError(message, name, line)
    return quads


DATATYPE_AFTER = re.compile(r"\^\^\s*(<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*)?")
"""Every ``^^`` in a text, with the datatype after it when one can be read there (group 1, else None)."""
PREFIX_DECLARATION = re.compile(r"^[ \t]*(?:@prefix|PREFIX|prefix|Prefix)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>",
                                re.MULTILINE)
"""A prefix declaration at the start of a line (one elsewhere leaves its prefix unresolved: the exact check runs)."""


def may_hold_ill_typed(text: str) -> bool:
    """A fast pre-check on the text: False only when every ``"…"^^datatype`` in it is well typed.

    Each ``^^`` must follow a quoted lexical form it can read back to its opening quote (one line,
    no escapes) and precede a datatype it can resolve; anything else (a ``^^`` in a comment or a
    string, a prefix it cannot resolve, an escape) answers True, and the caller runs the exact check.
    """
    if "^^" not in text:
        return False
    prefixes: dict[str, str] | None = None  # read on the first prefixed datatype
    seen: set[tuple[str, str]] = set()
    for match in DATATYPE_AFTER.finditer(text):
        token = match[1]
        if token is None:
            return True
        lexical = _lexical_before(text, match.start())
        if lexical is None:
            return True
        if (lexical, token) in seen:
            continue
        seen.add((lexical, token))
        if token.startswith("<"):
            datatype = token[1:-1]
        else:
            prefix, _, local = token.partition(":")
            if prefixes is None:
                prefixes = {name or "": iri for name, iri in PREFIX_DECLARATION.findall(text)}
            if prefix not in prefixes:
                return True
            datatype = prefixes[prefix] + local
        if ill_typed(lexical, datatype):
            return True
    return False


def _lexical_before(text: str, end: int) -> str | None:
    """The lexical form of a one-line quoted string closing just before ``end`` (spaces allowed), or None."""
    close = end - 1
    while close >= 0 and text[close] in " \t":
        close -= 1
    if close < 1 or text[close] not in "\"'":
        return None
    quote = text[close]
    opening = text.rfind(quote, 0, close)
    if opening < 0 or (opening > 0 and text[opening - 1] in "\"'\\"):
        return None
    lexical = text[opening + 1:close]
    return None if "\n" in lexical or "\\" in lexical else lexical


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _literal_line(text: str, lexical: str) -> int | None:
    found = re.search(r"([\"'])" + re.escape(lexical) + r"\1\s*\^\^", text)
    return _line_at(text, found.start()) if found else None


def rdflib_warning(messages: list[str], name: str) -> None:
    """Refuse a file whose parsing made rdflib log or warn (when no check above explained it)."""
    if messages:
        raise InputError(f"rdflib refused a term: {messages[0]}", name)
