"""RDF terms written by people (``--param`` values) parsed, and RDF terms written as SPARQL text.

:func:`parse_term` is the only way a parameter value becomes a term, and :func:`sparql_term`
the only way a term becomes query text: IRIs (subjects and datatypes) are checked against
IRIREF and RFC 3987, language tags against BCP 47, and lexical forms are escaped, so a
bound value is always exactly one term.
"""

from __future__ import annotations

import re
import string

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier, Literal, URIRef

from claimgraph.errors import InputError, QueryError
from claimgraph.namespaces import PREFIXES

_IRIREF_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"[a-zA-Z]+(-[a-zA-Z0-9]+)*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_CURIE = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
_ECHARS_IN = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ECHARS_OUT = {"\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f", '"': '\\"', "\\": "\\\\"}
_TERM_HELP = '(write <IRI>, prefix:name, "text", "text"@en, "5"^^xsd:integer, 42, 2.5 or true)'


class TermError(InputError):
    """A value that is not a valid RDF term (a --param value, a term to bind)."""


def check_iri(iri: str) -> str:
    """``iri`` if it is an absolute IRI that fits in ``<…>``; TermError otherwise."""
    bad = _IRIREF_FORBIDDEN.search(iri) or _SURROGATE.search(iri)
    if bad:
        raise TermError(f"not a valid IRI: {iri!r} (character {_codepoint(bad.group())} is not allowed)")
    try:
        ox.NamedNode(iri)
    except ValueError as error:
        raise TermError(f"not a valid IRI: {iri!r} ({error})") from None
    return iri


def check_language(tag: str) -> str:
    """A BCP 47 language tag in lower case (RDF compares tags case-insensitively); TermError otherwise."""
    try:
        if not _LANGUAGE.fullmatch(tag):
            raise ValueError("letters, then '-' and letters or digits")
        ox.Literal("", language=tag)
    except ValueError as error:
        raise TermError(f"not a valid language tag: {tag!r} ({error})") from None
    return tag.lower()


def check_text(text: str) -> str:
    """``text`` if it is a sequence of Unicode characters (no lone surrogates); TermError otherwise."""
    bad = _SURROGATE.search(text)
    if bad:
        raise TermError(f"not valid Unicode text: {text!r} (lone surrogate {_codepoint(bad.group())})")
    return text


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def canonical_integer(lexical: str) -> str:
    """The canonical xsd:integer form of ``[+-]digits`` (as Oxigraph writes it)."""
    digits = lexical.lstrip("+-").lstrip("0") or "0"
    return f"-{digits}" if lexical.startswith("-") and digits != "0" else digits


def canonical_decimal(lexical: str) -> str:
    """The canonical xsd:decimal form of ``[+-]digits.digits`` (as Oxigraph writes it)."""
    whole, _, fraction = lexical.lstrip("+-").partition(".")
    whole, fraction = whole.lstrip("0") or "0", fraction.rstrip("0")
    if whole == "0" and not fraction:
        return "0"
    sign = "-" if lexical.startswith("-") else ""
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def typed_literal(lexical: str, datatype: str) -> Literal:
    """A literal of ``datatype``; xsd:string is a plain literal, numbers and booleans in canonical form."""
    check_text(lexical)
    check_iri(datatype)
    if datatype == str(XSD.string):
        return Literal(lexical)
    if datatype == str(RDF.langString):
        raise TermError(f"rdf:langString needs a language tag: write \"{lexical}\"@en")
    if datatype == str(XSD.integer) and _INTEGER.fullmatch(lexical):
        lexical = canonical_integer(lexical)
    elif datatype == str(XSD.decimal) and _DECIMAL.fullmatch(lexical):
        lexical = canonical_decimal(lexical)
    elif datatype == str(XSD.boolean) and lexical in ("1", "0"):
        lexical = "true" if lexical == "1" else "false"
    return Literal(lexical, datatype=URIRef(datatype))


def parse_term(value: str) -> Identifier:
    """A term written as in Turtle: ``<IRI>``, ``prefix:name``, ``"text"@en``, ``"5"^^xsd:integer``, 42, 2.5, true.

    An absolute IRI (``https://…``) is an IRI too; any other text is a plain string.
    Raises TermError for text that starts like a term but is not a valid one.
    """
    check_text(value)
    text = value.strip()
    if text.startswith("<"):
        return _iri_ref(text)
    if text.startswith('"'):
        return _literal(text)
    if text in ("true", "false"):
        return Literal(text, datatype=XSD.boolean)
    if _INTEGER.fullmatch(text):
        return Literal(canonical_integer(text), datatype=XSD.integer)
    if _DECIMAL.fullmatch(text):
        return Literal(canonical_decimal(text), datatype=XSD.decimal)
    if _ABSOLUTE_IRI.fullmatch(text):
        return URIRef(check_iri(text))
    iri = _expand_curie(text)
    return URIRef(check_iri(iri)) if iri is not None else Literal(value)


def _expand_curie(text: str) -> str | None:
    match = _CURIE.fullmatch(text)
    if match and (match.group(1) or "") in PREFIXES:
        return PREFIXES[match.group(1) or ""] + match.group(2)
    return None


def _iri_ref(text: str) -> URIRef:
    if len(text) < 2 or not text.endswith(">"):
        raise TermError(f"not an IRI: {text!r} {_TERM_HELP}")
    return URIRef(check_iri(text[1:-1]))


def _literal(text: str) -> Literal:
    """A quoted literal with Turtle escapes, then nothing, ``@lang`` or ``^^datatype``."""
    chars: list[str] = []
    index = 1
    while index < len(text) and text[index] != '"':
        char = text[index]
        if char != "\\":
            chars.append(char)
            index += 1
            continue
        code = text[index + 1 : index + 2]
        if code in _ECHARS_IN:
            chars.append(_ECHARS_IN[code])
            index += 2
        elif code in ("u", "U"):
            width = 4 if code == "u" else 8
            digits = text[index + 2 : index + 2 + width]
            if len(digits) != width or not all(digit in string.hexdigits for digit in digits):
                raise TermError(f"bad \\{code} escape in {text!r}: needs {width} hex digits")
            point = int(digits, 16)
            if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
                raise TermError(f"bad \\{code} escape in {text!r}: U+{point:04X} is not a character")
            chars.append(chr(point))
            index += 2 + width
        else:
            raise TermError(f"bad escape \\{code} in {text!r} (use \\\\ for a backslash)")
    if index >= len(text):
        raise TermError(f"unterminated string: {text!r} {_TERM_HELP}")
    lexical, rest = "".join(chars), text[index + 1 :]
    if not rest:
        return Literal(lexical)
    if rest.startswith("@"):
        return Literal(lexical, lang=check_language(rest[1:]))
    if rest.startswith("^^"):
        datatype = rest[2:]
        if datatype.startswith("<"):
            return typed_literal(lexical, str(_iri_ref(datatype)))
        expanded = _expand_curie(datatype)
        if expanded is None:
            raise TermError(f"not a datatype: {datatype!r} (write <IRI> or a known prefix such as xsd:integer)")
        return typed_literal(lexical, expanded)
    raise TermError(f"unexpected {rest!r} after the string in {text!r} {_TERM_HELP}")


def sparql_string(lexical: str) -> str:
    """A lexical form as a SPARQL/Turtle string: quotes, backslashes and control characters escaped.

    Control characters become ``\\UXXXXXXXX``, and a ``u``/``U`` after a backslash is written
    ``\\U00000075``: SPARQL expands codepoint escapes before parsing, so ``\\\\u0022`` would
    otherwise reach rdflib as ``\\"``.
    """
    out: list[str] = []
    after_backslash = False
    for char in check_text(lexical):
        if char in _ECHARS_OUT:
            out.append(_ECHARS_OUT[char])
        elif _needs_codepoint(char) or (after_backslash and char in "uU"):
            out.append(f"\\U{ord(char):08X}")
        else:
            out.append(char)
        after_backslash = char == "\\"
    return '"' + "".join(out) + '"'


def _needs_codepoint(char: str) -> bool:
    point = ord(char)
    return point < 0x20 or 0x7F <= point <= 0x9F or point in (0x2028, 0x2029, 0xFFFE, 0xFFFF)


def sparql_term(term: Identifier) -> str:
    """An IRI or literal in SPARQL syntax, checked and escaped; QueryError for anything that is not one term."""
    try:
        if isinstance(term, URIRef):
            return f"<{check_iri(str(term))}>"
        if isinstance(term, Literal):
            text = sparql_string(str(term))
            if term.language:
                return f"{text}@{check_language(term.language)}"
            datatype = str(term.datatype) if term.datatype is not None else None
            if datatype is None or datatype == str(XSD.string):
                return text
            if datatype == str(RDF.langString):
                raise TermError("rdf:langString needs a language tag")
            return f"{text}^^<{check_iri(datatype)}>"
    except TermError as error:
        raise QueryError(str(error)) from None
    raise QueryError(f"cannot bind {term!r}: only IRIs and literals can be bound")
