"""When Oxigraph's lenient Turtle parser reads a text exactly as its strict parser does.

The lenient parser (``lenient=True``) loads 10^5 triples in about 0.75x the strict parser's time because
it skips checks: it takes any IRI as written (a space, ``{``, a bad percent escape, no scheme), any
language tag, any escape in a prefixed name, a line break in a one-line string, an escaped surrogate pair
and the datatype ``rdf:langString``. Everything else, and the triples themselves, are the same.

:func:`lenient_reads_exactly` clears a text only when none of those can occur in it: every token the
lenient parser would let through is one of a narrower, plainly valid form (an absolute IRI of the
common shape, a plain language tag, strings whose escapes are the usual ones, nothing escaped outside a
string). A text it cannot clear is not wrong; the caller checks it with the strict parser.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

_ESCAPE = (r"""\\(?:[tbnrf"'\\]|u(?![dD][89a-fA-F])[0-9A-Fa-f]{4}|U0000(?![dD][89a-fA-F])[0-9A-Fa-f]{4}"""
           r"|U000[1-9A-Fa-f][0-9A-Fa-f]{4}|U0010[0-9A-Fa-f]{4})")
"""A string escape both parsers read alike: ``\\t``, ``\\"``, …, ``\\uXXXX`` of a character that is no surrogate."""

_PERCENT = r"%[0-9A-Fa-f]{2}"
_HOST = r"A-Za-z0-9\-._~!$&'()*+,;=\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
"""Characters of a registered host name (RFC 3987 iunreserved and sub-delims, no private use)."""
_PATH = _HOST + ":@/?"
"""Characters of a path, query or fragment (but ``#``, which starts the fragment)."""

SAFE_IRI = (rf"<[A-Za-z][A-Za-z0-9+.-]*+:(?://(?:[{_HOST}]++|{_PERCENT})*+(?::[0-9]*+)?(?=[/?#>])|(?!//))"
            rf"(?:[{_PATH}]++|{_PERCENT})*+(?:#(?:[{_PATH}]++|{_PERCENT})*+)?>")
"""An absolute IRI reference of a shape every IRI parser accepts: a scheme, then optionally a host (no user
name, no IP literal) and port, then path, query and fragment; no escapes."""

_SAFE_TOKENS = re.compile(
    rf"""(?>[^"'<#@\\\ufff0-\U0010ffff]++|{SAFE_IRI}"""
    rf'''|"""(?:[^"\\]++|"(?!"")|{_ESCAPE})*+"""|"(?:[^"\\\n\r]++|{_ESCAPE})*+"'''
    rf"""|'''(?:[^'\\]++|'(?!'')|{_ESCAPE})*+'''|'(?:[^'\\\n\r]++|{_ESCAPE})*+'"""
    r"|#[^\n\r]*+|@(?:prefix|base)(?![A-Za-z0-9-])"
    r"|@[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?![A-Za-z0-9-]))*+")
"""A text as a run of safe tokens: anything but quotes, ``<``, ``#``, ``@``, a backslash and the characters
from U+FFF0 (which a prefixed name may hold and the strict parser refuses); a safe IRI; a string with safe
escapes that stays on its line unless triple-quoted; a comment; ``@prefix``, ``@base``; a plain language tag
(language, optional script, optional region)."""


def lenient_reads_exactly(text: str) -> bool:
    """True when Oxigraph's lenient Turtle parser reads ``text`` as its strict parser does: the same triples
    if it succeeds, and an error (maybe another message) where the strict parser has one; False when the
    text holds, or may hold, something only the lenient parser lets through."""
    return "angString" not in text and _SAFE_TOKENS.fullmatch(text) is not None


def strict_syntax_error(data: bytes) -> SyntaxError | None:
    """The strict parser's error in the Turtle ``data``, or None when it reads them (into a store then dropped)."""
    try:
        ox.Store().load(input=data, format=ox.RdfFormat.TURTLE)
    except SyntaxError as error:
        return error
    return None
