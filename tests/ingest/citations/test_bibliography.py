"""read_bibliography: BibTeX, RIS and CSL-JSON fixtures written here, malformed files refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.citations.bibliography import read_bibliography

BIBTEX = r"""
@article{okafor2012,
  author = {Okafor, Ngozi and Lund, Berit},
  title = {Sham-controlled needling for burning feet},
  journal = {Pain Medicine},
  year = {2012},
  volume = {13},
  number = {4},
  pages = {210--218},
  doi = {10.5555/PM.2012.0042}
}
@article{schroeder2007,
  author = {Schr{\"o}der, Sabine and Ek, Carl},
  title = {Needles and nerve speed},
  journal = {Eur J Neurol},
  year = {2007}
}
@misc{undated,
  author = {Brandt, Karl},
  title = {A leaflet without a date}
}
"""

RIS = """TY  - JOUR
AU  - Okafor, Ngozi
AU  - Lund, Berit
TI  - Sham-controlled needling for burning feet
JO  - Pain Medicine
PY  - 2012
VL  - 13
IS  - 4
SP  - 210
EP  - 218
DO  - 10.5555/pm.2012.0042
ER  -

TY  - JOUR
AU  - Müller, Jonas
TI  - Warm needles
JO  - Foot Science
PY  - 2016
ER  -

TY  - GEN
AU  - Brandt, Karl
TI  - A leaflet without a date
ER  -
"""

CSL = [
    {"id": "okafor2012", "type": "article-journal", "title": "Sham-controlled needling for burning feet",
     "author": [{"family": "Okafor", "given": "Ngozi"}, {"family": "Lund", "given": "Berit"}],
     "issued": {"date-parts": [[2012, 3]]}, "container-title": "Pain Medicine", "DOI": "10.5555/pm.2012.0042",
     "PMID": "23456789", "page": "210-218", "volume": "13", "issue": "4"},
    {"id": "garcia", "type": "article-journal", "title": "Needles in Seville",
     "author": [{"family": "García Márquez", "given": "Inés"}], "issued": {"date-parts": [[2018]]}},
    {"id": "undated", "type": "document", "title": "A leaflet without a date", "author": [{"family": "Brandt"}]},
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bibtex(tmp_path: Path) -> None:
    """BibTeX entries become reference citations with fields, LaTeX accents decoded, DOI normalised."""
    okafor, schroeder, undated = read_bibliography(_write(tmp_path, "refs.bib", BIBTEX))
    assert okafor.kind == "reference" and (okafor.start, okafor.end) == (0, 0)
    assert (okafor.first_author, okafor.year, okafor.journal, okafor.volume, okafor.issue, okafor.pages) == (
        "Okafor", 2012, "Pain Medicine", "13", "4", "210-218")
    assert okafor.doi == "10.5555/pm.2012.0042"
    assert okafor.authors == ("Ngozi Okafor", "Berit Lund")
    assert schroeder.first_author == "Schröder"
    assert undated.year is None and undated.title == "A leaflet without a date"


def test_ris(tmp_path: Path) -> None:
    """RIS records become reference citations; an accented author is kept as written."""
    okafor, mueller, undated = read_bibliography(_write(tmp_path, "refs.ris", RIS))
    assert (okafor.first_author, okafor.year, okafor.journal, okafor.pages, okafor.doi) == (
        "Okafor", 2012, "Pain Medicine", "210-218", "10.5555/pm.2012.0042")
    assert mueller.first_author == "Müller"
    assert undated.year is None


def test_csl_json(tmp_path: Path) -> None:
    """CSL-JSON items (Zotero's export) become reference citations."""
    okafor, garcia, undated = read_bibliography(_write(tmp_path, "refs.json", json.dumps(CSL)))
    assert (okafor.first_author, okafor.year, okafor.journal, okafor.volume, okafor.issue, okafor.pages,
            okafor.doi, okafor.pmid) == ("Okafor", 2012, "Pain Medicine", "13", "4", "210-218",
                                         "10.5555/pm.2012.0042", "23456789")
    assert garcia.first_author == "García Márquez" and garcia.authors == ("Inés García Márquez",)
    assert undated.year is None


@pytest.mark.parametrize(("name", "text"), [
    ("broken.bib", "@article{key, title = {never closed\n"),
    ("broken.ris", "this is not RIS at all\n"),
    ("broken.json", '{"items": [1, 2'),
    ("wrong.json", '{"title": 3}'),
    ("refs.xml", "<xml/>"),
])
def test_malformed_files_are_refused_naming_the_file(tmp_path: Path, name: str, text: str) -> None:
    """A malformed or unknown file raises InputError whose one-line message names the file."""
    path = _write(tmp_path, name, text)
    with pytest.raises(InputError) as raised:
        read_bibliography(path)
    assert name in str(raised.value) and "\n" not in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    """A file that does not exist is an input error, not a traceback."""
    with pytest.raises(InputError, match=r"missing\.bib"):
        read_bibliography(tmp_path / "missing.bib")


@pytest.mark.parametrize(("items", "message"), [
    ([{"issued": "2012"}], "item 1: 'issued' should be a date object, not str"),
    ([{"issued": {"date-parts": 2012}}], "item 1: 'date-parts' should be a list of lists, e.g. [[2012, 4]]"),
    ([{"issued": {"date-parts": [2012]}}], "item 1: 'date-parts' should be a list of lists, e.g. [[2012, 4]]"),
    ([{"title": "Fine"}, {"author": "Okafor, C."}], "item 2: 'author' should be a list, not str"),
    ([{"title": {"main": "Needling"}}], "item 1: 'title' should be text, not dict"),
    ([{"DOI": ["10.1/x", {"a": 1}]}], "item 1: 'DOI' should be text, not list"),
])
def test_csl_json_items_of_the_wrong_shape_are_one_line_naming_item_and_field(tmp_path: Path, items: list[object],
                                                                              message: str) -> None:
    """Any malformed CSL-JSON item is an input error that says which item and field, never a crash."""
    path = _write(tmp_path, "refs.json", json.dumps(items))
    with pytest.raises(InputError) as raised:
        read_bibliography(path)
    assert str(raised.value) == f"{path}: malformed CSL-JSON: {message}"


def test_csl_json_nested_past_the_parsers_depth_is_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep.json", "[" * 100_000)
    with pytest.raises(InputError, match=r"deep\.json: malformed CSL-JSON"):
        read_bibliography(path)


def test_csl_json_in_crossrefs_shape_takes_the_first_of_each_list(tmp_path: Path) -> None:
    item = {"title": ["Needling for numb feet"], "container-title": ["Pain Medicine"],
            "issued": {"date-parts": [[2012]]}}
    (citation,) = read_bibliography(_write(tmp_path, "refs.json", json.dumps([item])))
    assert (citation.title, citation.journal, citation.year) == ("Needling for numb feet", "Pain Medicine", 2012)


def test_a_bibliography_over_the_limit_or_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "refs.bib", BIBTEX)
    with pytest.raises(InputError, match=r"refs\.bib: the file is .* bytes, over the 100 bytes limit"):
        read_bibliography(path, max_bytes=100)
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.ris: is a FIFO"):
        read_bibliography(fifo)
