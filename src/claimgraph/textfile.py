"""Reading the user's text files (Turtle, queries, archived sources): UTF-8, a leading BOM dropped."""

from __future__ import annotations

import codecs
from pathlib import Path

from claimgraph.errors import InputError


def decode_utf8(data: bytes, name: str) -> str:
    """``data`` decoded as UTF-8 without a leading BOM; InputError naming ``name`` and the line otherwise."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        raise InputError(f"not UTF-8 text (byte 0x{byte:02x} at column {column})", name, line) from None


def read_utf8(path: Path) -> str:
    """The text of a UTF-8 file (a leading BOM dropped); InputError naming the file (and line) otherwise."""
    return read_utf8_bytes(path)[1]


def read_utf8_bytes(path: Path) -> tuple[bytes, str]:
    """A UTF-8 file's bytes and its text, a leading BOM dropped from both (for a caller that hands the
    bytes on and reads the text, sparing an encoding of the text)."""
    data = read_bytes(path)
    return data, decode_utf8(data, str(path))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, a leading UTF-8 BOM dropped; InputError naming the file when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else error.strerror or "cannot read"
        raise InputError(reason, str(path)) from None
    return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
