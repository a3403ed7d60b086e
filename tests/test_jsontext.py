"""Indented JSON: the standard library's text, written by the fast encoder."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.jsontext import indented_json

AUDIT_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)
"""What an audit report or SARIF log holds: strings (any code point), integers, booleans, null, lists and objects."""


@settings(max_examples=300, deadline=None)
@given(AUDIT_VALUES)
def test_indented_json_is_the_standard_librarys_indented_text(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_indented_json_keeps_unicode_escapes_control_characters_and_keeps_key_order() -> None:
    value = {"z": "café \u2028 😀", "a": ["\x00\x1f\"\\", {}, []], "m": {"b": 1, "a": None}}
    text = indented_json(value)
    assert text == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "z": "café \u2028 😀",\n  "a": [\n    "\\u0000\\u001f\\"\\\\",')
    assert json.loads(text) == value
