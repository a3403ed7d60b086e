"""Checks every store applies to loaded Turtle, so that each refuses the same bad terms with the same message.

rdflib accepts an IRI with a space and an ill-typed literal (``"abc"^^xsd:integer``) after logging a
traceback; Oxigraph refuses the IRI and keeps the literal. Both stores refuse both, naming file and line.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from rdflib.term import Literal, URIRef

from claimgraph.errors import InputError

XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


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


def bad_iri(iri: str) -> bool:
    """True for an IRI with a character an IRI cannot hold (space, ``<``, ``"``, ``{``, …)."""
    return bool(_BAD_IRI.search(iri))


def ill_typed(lexical: str, datatype: str) -> bool:
    """True when ``lexical`` is not in the lexical space of a datatype rdflib knows (XSD numbers, dates, …)."""
    if datatype in _PLAIN:
        return False
    with quiet_rdflib():
        return bool(Literal(lexical, datatype=URIRef(datatype)).ill_typed)


def short_datatype(datatype: str) -> str:
    """``xsd:integer`` for the XSD namespace, ``<IRI>`` otherwise."""
    return "xsd:" + datatype[len(XSD):] if datatype.startswith(XSD) else f"<{datatype}>"


def check_terms(terms: Iterable[tuple[str, str | None]], text: str, name: str) -> None:
    """Refuse the earliest bad term in a file: ``(iri, None)`` or ``(lexical form, datatype IRI)`` pairs.

    The terms come from a parsed file without positions, so the line is where the term's text first occurs.
    """
    problems: dict[tuple[str, str | None], tuple[int | None, str]] = {}
    for value, datatype in terms:
        if (value, datatype) in problems:
            continue
        if datatype is None and bad_iri(value):
            problems[(value, None)] = (_iri_line(text, value), f"invalid IRI <{value}> (a space or a character "
                                                               "IRIs cannot hold; percent-encode it)")
        elif datatype is not None and ill_typed(value, datatype):
            problems[(value, datatype)] = (_literal_line(text, value),
                                           f'ill-typed literal: "{value}" is not a valid {short_datatype(datatype)}')
    if not problems:
        return
    line, message = min(problems.values(), key=lambda found: (found[0] is None, found[0] or 0, found[1]))
    more = len(problems) - 1
    if more:
        message += f" ({more} more bad term{'s' if more > 1 else ''} in this file)"
    raise InputError(message, name, line)


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _literal_line(text: str, lexical: str) -> int | None:
    found = re.search(r"([\"'])" + re.escape(lexical) + r"\1\s*\^\^", text)
    return _line_at(text, found.start()) if found else None


def _iri_line(text: str, iri: str) -> int | None:
    position = text.find(f"<{iri}>")
    if position < 0:
        tail = re.split(r"[/#]", iri)[-1]
        found = re.search(r"<[^>\n]*" + re.escape(tail) + ">", text) if tail else None
        position = found.start() if found else -1
    return _line_at(text, position) if position >= 0 else None


def rdflib_warning(messages: list[str], name: str) -> None:
    """Refuse a file whose parsing made rdflib log or warn (when no check above explained it)."""
    if messages:
        raise InputError(f"rdflib refused a term: {messages[0]}", name)
