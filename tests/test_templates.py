"""The Jinja environment and the two ways text enters a page's ``<script>`` elements."""

from __future__ import annotations

import json

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.templates import render, script_json, script_text


def test_script_json_cannot_end_the_script_element() -> None:
    hostile = {"label": "</script><!--<script>&\u2028\u2029'\""}
    text = script_json(hostile)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == hostile


@pytest.mark.parametrize("code", ["a = '</script>';", "a = '</SCRIPT >';", "/* <!-- */"])
def test_script_text_refuses_code_that_could_end_its_element(code: str) -> None:
    with pytest.raises(ClaimgraphError, match=r"refusing to inline vendor/x\.js"):
        script_text(code, "vendor/x.js")


def test_script_text_passes_plain_code_through_unescaped() -> None:
    code = "if (a < b && c > d) { x = '&amp;'; }"
    assert str(script_text(code)) == code


def test_render_escapes_every_value() -> None:
    page = render("site-base.html.j2", title="<b>x</b> & \"y\"", root="")
    assert "<title>&lt;b&gt;x&lt;/b&gt; &amp; &#34;y&#34;</title>" in page
