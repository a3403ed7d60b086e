"""The one Jinja environment every HTML output is rendered through (autoescaping always on), and the two ways
text enters a page's ``<script>`` elements: data as escaped JSON, code only if it cannot end the element."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.resources import read_text

_SCRIPT_BREAKERS = re.compile(r"</script|<!--", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S*\s*$")


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


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&``, U+2028 and U+2029 escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def script_text(text: str, what: str = "a script") -> Any:
    """``text`` marked safe for a ``<script>`` element; refused if it could end the element or open a comment."""
    from markupsafe import Markup

    if _SCRIPT_BREAKERS.search(text):
        raise ClaimgraphError(f"refusing to inline {what}: it contains </script or <!--")
    return Markup(text)


def vendored_script(name: str) -> Any:
    """A vendored script (``claimgraph/vendor/``) safe to inline: its source-map comment dropped (pages load nothing
    else), refused if it could end the ``<script>`` element."""
    return script_text(_SOURCE_MAP.sub("\n", read_text("vendor", name)), f"vendor/{name}")
