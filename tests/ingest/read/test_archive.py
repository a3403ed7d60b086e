"""The archived copy: valid ids, suggested ids, written once and exactly, refused when the id exists."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.model import Document
from claimgraph.ingest.read.archive import (
    SOURCE_ID_RULE,
    ArchivedCopy,
    archive_text,
    check_source_id,
    sha256_of,
    suggest_source_id,
)
from claimgraph.ingest.read.extract import extract
from helpers import FIXTURES

TEXT = "Needling “may” ease tingling — said nobody in 2019.\nSecond line, kept as it is.\n"


def document(title: str | None, origin: str = "/downloads/page.html") -> Document:
    return Document(text=TEXT, media_type="text/html", origin=origin, title=title)


def extract_and_archive(path: Path, sources: Path) -> ArchivedCopy:
    page = extract(path)
    return archive_text(page.text, sources, suggest_source_id(page))


@pytest.mark.parametrize("source_id", ["a", "clinic-page-2021", "0-start-with-digit", "x" * 63])
def test_a_slug_is_a_valid_source_id(source_id):
    assert check_source_id(source_id) == source_id


@pytest.mark.parametrize("source_id", ["", "-leading", "Upper", "with space", "under_score", "dot.txt",
                                       "../escape", "x" * 64, "caf\u00e9", "trailing\n"])
def test_anything_else_is_refused_saying_the_rule(source_id):
    with pytest.raises(InputError) as caught:
        check_source_id(source_id)
    assert SOURCE_ID_RULE in str(caught.value)
    assert repr(source_id) in str(caught.value)


def test_a_suggested_id_comes_from_the_title_folded_to_ascii_and_short():
    suggested = suggest_source_id(document("Akupunktur für Gefühllose Zehen: Ärzte erklären, wie Nadeln wirken"))
    assert check_source_id(suggested) == suggested
    assert suggested.startswith("akupunktur-fur-gefuhllose-zehen-")
    assert len(suggested.split("-")) <= 6


def test_a_suggested_id_falls_back_to_the_file_name():
    suggested = suggest_source_id(document(None, origin="/downloads/Clinic_Page (2).HTML"))
    assert suggested == check_source_id(suggested)
    assert suggested.startswith("clinic-page-2")
    assert suggest_source_id(document("  ¿¡  ", origin="/downloads/Wrist Notes.txt")).startswith("wrist-notes")


def test_a_suggested_id_for_a_real_extracted_page_is_valid():
    page = extract(FIXTURES / "ingest" / "clinic-page.html")
    suggested = suggest_source_id(page)
    assert check_source_id(suggested) == suggested
    assert {"needling", "carpal"} <= set(suggested.split("-"))


def test_the_archived_copy_is_the_text_exactly_with_its_sha256(tmp_path):
    sources = tmp_path / "repo" / "sources"
    copy = archive_text(TEXT, sources, "clinic-page")
    assert isinstance(copy, ArchivedCopy)
    assert copy.name == "clinic-page.txt"
    assert copy.path == sources / "clinic-page.txt"
    assert copy.path.read_bytes() == TEXT.encode("utf-8")
    assert copy.sha256 == hashlib.sha256(copy.path.read_bytes()).hexdigest()
    assert sha256_of(copy.path) == copy.sha256
    assert sorted(path.name for path in sources.iterdir()) == ["clinic-page.txt"]


def test_an_existing_id_is_refused_and_its_copy_left_unchanged(tmp_path):
    sources = tmp_path / "sources"
    first = archive_text(TEXT, sources, "clinic-page")
    before = first.path.read_bytes()
    with pytest.raises(InputError) as caught:
        archive_text("A different text.\n", sources, "clinic-page")
    assert str(caught.value) == f"source id 'clinic-page' already exists: {sources / 'clinic-page.txt'}"
    assert first.path.read_bytes() == before
    assert sorted(path.name for path in sources.iterdir()) == ["clinic-page.txt"]


def test_nothing_is_written_for_an_invalid_id_or_an_empty_text(tmp_path):
    sources = tmp_path / "sources"
    with pytest.raises(InputError):
        archive_text(TEXT, sources, "../outside")
    with pytest.raises(InputError, match="empty"):
        archive_text("", sources, "empty")
    assert not sources.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_sources_folder_that_is_a_file_is_one_line(tmp_path):
    sources = tmp_path / "sources"
    sources.write_text("not a folder")
    with pytest.raises(InputError, match="not a directory"):
        archive_text(TEXT, sources, "clinic-page")
    assert sources.read_text() == "not a folder"


@pytest.mark.parametrize("name", ["navigation-only.html", "missing.pdf"])
def test_a_failed_extraction_leaves_the_archive_folder_empty(tmp_path, name):
    sources = tmp_path / "sources"
    with pytest.raises(InputError):
        extract_and_archive(FIXTURES / "ingest" / name, sources)
    assert not sources.exists()


def test_the_sha256_of_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=re.escape(f"{tmp_path / 'gone.txt'}: no such file")):
        sha256_of(tmp_path / "gone.txt")
