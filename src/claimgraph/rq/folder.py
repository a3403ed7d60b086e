"""A folder of shipped ``.rq`` files, named by the package that owns it.

A package declares its folders once (``RULES = QueryFolder("claimgraph.audit", "rules")``); another package
that needs one of them imports that constant, so every use of a query folder is an import the layout shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

ROOT_PACKAGE = "claimgraph"


@dataclass(frozen=True)
class QueryFolder:
    """The ``.rq`` files in ``folder`` of package ``package`` (package data, read via importlib.resources)."""

    package: str
    folder: str

    @property
    def path(self) -> str:
        """The folder relative to the claimgraph package, e.g. ``audit/rules/facts`` (for messages)."""
        inner = self.package.removeprefix(ROOT_PACKAGE).lstrip(".").replace(".", "/")
        return f"{inner}/{self.folder}" if inner else self.folder

    def directory(self) -> Traversable:
        """The folder itself."""
        return files(self.package).joinpath(self.folder)

    def text(self, name: str) -> str:
        """The text of ``name.rq``."""
        return self.directory().joinpath(f"{name}.rq").read_text(encoding="utf-8")

    def texts(self) -> dict[str, str]:
        """Name (without ``.rq``) to text of every ``.rq`` file in the folder, sorted by name."""
        found = {entry.name[:-3]: entry.read_text(encoding="utf-8")
                 for entry in self.directory().iterdir() if entry.name.endswith(".rq")}
        return dict(sorted(found.items()))
