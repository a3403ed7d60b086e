"""SPARQL 1.1 TSV results read as plain strings, the way :meth:`Store.select_strings` gives rows.

Oxigraph writes a whole answer as TSV without holding the GIL; reading it here takes one pass
over the text. Pulling solutions one by one instead hands the GIL back and forth with every row,
and two queries answered side by side then ran slower than one after the other.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHO = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def tsv_strings(data: bytes) -> list[dict[str, str]]:
    """The rows of a TSV results document, each an IRI, a blank node's label or a literal's lexical form by
    variable name, unbound variables left out."""
    lines = data.decode("utf-8").split("\n")
    names = [name[1:] for name in lines[0].split("\t")] if lines[0] else []
    rows = []
    for line in lines[1:-1]:  # the text ends with a newline after every row
        row = {}
        for name, cell in zip(names, line.split("\t"), strict=False):
            if not cell:
                continue
            first = cell[0]
            if first == "<":  # an IRI, or an RDF 1.2 triple term ``<<( … )>>``, which has no value but its text
                row[name] = cell[1:-1] if cell[1] != "<" else cell
            elif first == '"':
                lexical = cell[1:cell.rfind('"')]
                row[name] = _unescape(lexical) if "\\" in lexical else lexical
            elif first == "_" and cell.startswith("_:"):
                row[name] = cell[2:]
            else:  # a number or boolean in its short form, which is its lexical form
                row[name] = cell
        rows.append(row)
    return rows


def _unescape(text: str) -> str:
    """A string literal's text with its escapes (``\\t``, ``\\"``, ``\\u00e9``, …) read."""
    return _ESCAPE.sub(lambda match: chr(int(match[1] or match[2], 16)) if match[1] or match[2]
                       else _ECHO.get(match[3], match[0]), text)
