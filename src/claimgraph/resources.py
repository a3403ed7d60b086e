"""Package data (ontology, shapes, queries, rules, templates) read via importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

PACKAGE = "claimgraph"
ONTOLOGY_FILES = ("claimgraph.ttl", "vocabularies.ttl")
SHAPES_FILE = "shapes.ttl"


def package_dir(name: str) -> Traversable:
    """A folder of package data, e.g. ``queries`` or ``ontology``."""
    return files(PACKAGE).joinpath(name)


def read_text(folder: str, name: str) -> str:
    """The text of one package data file."""
    return package_dir(folder).joinpath(name).read_text(encoding="utf-8")


def ontology_texts() -> list[tuple[str, str]]:
    """(name, Turtle text) of the ontology and its concept schemes."""
    return [(f"ontology/{name}", read_text("ontology", name)) for name in ONTOLOGY_FILES]


def shapes_text() -> str:
    """The SHACL shapes as Turtle text."""
    return read_text("ontology", SHAPES_FILE)
