"""The one Jinja environment every HTML output is rendered through: autoescaping always on."""

from __future__ import annotations

from functools import cache
from typing import Any

from claimgraph.resources import read_text


@cache
def _environment() -> Any:
    from jinja2 import Environment, FunctionLoader, StrictUndefined

    return Environment(
        loader=FunctionLoader(lambda name: read_text("templates", name)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """Render a template shipped in ``claimgraph/templates`` with every value escaped."""
    return str(_environment().get_template(template).render(**context))
