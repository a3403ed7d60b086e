"""The ``sparql:`` store spec: ``QUERY_URL[,UPDATE_URL][,graph=IRI][,timeout=SECONDS][,max-bytes=N]``.

``timeout`` bounds each request in all (default :data:`~claimgraph.store.http.DEFAULT_TIMEOUT`), ``max-bytes``
the answers read (default :data:`~claimgraph.store.http.DEFAULT_MAX_BYTES`; a number of bytes, or with the
suffix KiB, MiB or GiB).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimgraph.errors import InputError
from claimgraph.store.http import Limits

USAGE = "sparql:QUERY_URL[,UPDATE_URL][,graph=IRI][,timeout=SECONDS][,max-bytes=N]"
OPTIONS = ("graph", "timeout", "max-bytes")
_SIZE = re.compile(r"([0-9]{1,15})\s*(KiB|MiB|GiB)?")
_UNITS = {None: 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


@dataclass(frozen=True)
class SparqlSpec:
    """What a ``sparql:`` spec says: the URLs, the graph to query, and the limits of each request."""

    query_url: str
    update_url: str | None
    graph: str | None
    limits: Limits


def parse_spec(arg: str) -> SparqlSpec:
    """The spec after ``sparql:``; a one-line InputError for anything else."""
    if not arg:
        raise InputError(f"--store sparql: needs a URL: {USAGE}")
    urls: list[str] = []
    options: dict[str, str] = {}
    for part in (part.strip() for part in arg.split(",")):
        name, equals, value = part.partition("=")
        if equals and name in OPTIONS:
            if name in options:
                raise InputError(f"--store sparql: gives {name}= twice: {USAGE}")
            options[name] = value
        else:
            urls.append(part)
    if not urls or not urls[0] or len(urls) > 2:
        raise InputError(f"--store sparql: takes one or two URLs and the options {', '.join(OPTIONS)}: {USAGE}")
    defaults = Limits()
    limits = Limits(_seconds(options["timeout"]) if "timeout" in options else defaults.timeout,
                    _bytes(options["max-bytes"]) if "max-bytes" in options else defaults.max_bytes)
    return SparqlSpec(urls[0], urls[1] if len(urls) == 2 and urls[1] else None, options.get("graph"), limits)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise InputError(f"--store sparql: timeout= takes a number of seconds above 0, not {value!r}")
    return seconds


def _bytes(value: str) -> int:
    size = _SIZE.fullmatch(value.strip())
    if not size or int(size[1]) < 1:
        raise InputError(f"--store sparql: max-bytes= takes a number of bytes (at least 1; or with KiB, MiB, GiB), "
                         f"not {value!r}")
    return int(size[1]) * _UNITS[size[2]]
