"""How serious a finding is: one scale for audit findings and SHACL results."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """error > warning > info; SHACL's sh:Violation, sh:Warning and sh:Info map onto it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: sorts the worst first."""
        return SEVERITY_ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> Severity:
        """A severity from its name (``error``) or a SHACL severity IRI or CURIE (``sh:Violation``)."""
        name = text.rsplit("#", 1)[-1].removeprefix("sh:").lower()
        name = SHACL_NAMES.get(name, name)
        try:
            return cls(name)
        except ValueError:
            known = ", ".join(severity.value for severity in cls)
            raise ValueError(f"unknown severity {text!r}; use one of: {known}") from None


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Worst first."""

SHACL_NAMES = {"violation": "error", "warning": "warning", "info": "info"}
"""SHACL's result severities (sh:Violation, sh:Warning, sh:Info) by the audit's names."""
