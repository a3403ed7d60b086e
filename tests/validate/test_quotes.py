"""verify-quotes: it reads only inside its --sources-dir folders (searched in order), and only UTF-8 text."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.cli import main
from claimgraph.errors import InputError
from claimgraph.store import load
from claimgraph.validate import verify_quotes
from helpers import SHEET as SHEET_SOURCE
from helpers import STORE_KINDS, TINY, store_spec

BLOG = ("Some say acupuncture is proven to relieve HIV neuropathy pain; research proves it releases opioids. "
        "And it may\n be safe.")
SHEET = "It was not more\teffective than placebo."


def archive(folder: Path) -> Path:
    """The two archived copies the tiny fixture names, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny_blog.txt").write_text(BLOG)
    (folder / "tiny_sheet.txt").write_text(SHEET)
    return folder


def graph_with_local_copy(tmp_path: Path, local_copy: str) -> Path:
    """The tiny fixture with the sheet's cg:localCopy replaced."""
    graph = tmp_path / "graph.ttl"
    graph.write_text(TINY.read_text().replace('cg:localCopy "tiny_sheet.txt"', f'cg:localCopy "{local_copy}"'))
    return graph


@pytest.mark.parametrize("store_kind", STORE_KINDS)
@pytest.mark.parametrize("escape", ["dotdot", "absolute", "symlink", "symlinked-folder"])
def test_a_local_copy_outside_the_sources_dir_is_a_miss_and_never_read(runner, tmp_path, store_kind, escape,
                                                                       monkeypatch):
    sources = archive(tmp_path / "archive" / "sources")
    secret = tmp_path / "secret.txt"
    secret.write_text(SHEET)  # were it read, the quote would be found and the check would pass
    (sources / "tiny_sheet.txt").unlink()
    local_copy = {
        "dotdot": "../../secret.txt",
        "absolute": str(secret),
        "symlink": "link.txt",
        "symlinked-folder": "outside/secret.txt",
    }[escape]
    (sources / "link.txt").symlink_to(secret)
    (sources / "outside").symlink_to(tmp_path, target_is_directory=True)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.resolve()) or original(self))
    result = runner.invoke(main, ["verify-quotes", "-g", str(graph_with_local_copy(tmp_path, local_copy)),
                                  "--sources-dir", str(sources), "--store", store_spec(store_kind, tmp_path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"local copy {local_copy} of https://" in result.stdout
    assert "is outside" in result.stdout and "not read" in result.stdout
    assert secret.resolve() not in read
    assert "4 quotes checked, 1 not found" in result.stdout


def test_a_symlink_that_stays_inside_the_sources_dir_is_followed(runner, tmp_path):
    sources = archive(tmp_path / "sources")
    (sources / "copies").mkdir()
    (sources / "tiny_sheet.txt").rename(sources / "copies" / "sheet.txt")
    (sources / "tiny_sheet.txt").symlink_to(sources / "copies" / "sheet.txt")
    result = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(sources)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_an_archived_copy_that_is_not_utf8_is_one_line_naming_it(runner, tmp_path, store_kind):
    sources = archive(tmp_path / "sources")
    (sources / "tiny_sheet.txt").write_bytes(b"It was not more\neffective than plac\xe9bo.")
    result = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(sources),
                                  "--store", store_spec(store_kind, tmp_path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"claimgraph: error: {sources / 'tiny_sheet.txt'}:2: not UTF-8 text "
                                          "(byte 0xe9 at column 20)"]


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_an_archived_copy_with_a_byte_order_mark_is_read_as_without(runner, tmp_path, store_kind):
    sources = archive(tmp_path / "sources")
    (sources / "tiny_sheet.txt").write_bytes(b"\xef\xbb\xbf" + SHEET.encode())
    result = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(sources),
                                  "--store", store_spec(store_kind, tmp_path)])
    assert result.exit_code == 0, result.output
    assert "4 quotes checked, 0 not found" in result.stdout


def test_copies_in_two_folders_are_each_found(runner, tmp_path):
    seeds = archive(tmp_path / "seeds")
    ingested = tmp_path / "sources"
    ingested.mkdir()
    (seeds / "tiny_sheet.txt").rename(ingested / "tiny_sheet.txt")
    one_folder = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(seeds)])
    assert one_folder.exit_code == 1
    both = runner.invoke(main, ["verify-quotes", "-g", str(TINY), "--sources-dir", str(seeds),
                                "--sources-dir", str(ingested)])
    assert both.exit_code == 0, both.output
    assert "4 quotes checked, 0 not found" in both.stdout


@pytest.mark.parametrize("store_kind", STORE_KINDS)
def test_the_first_folder_holding_a_copy_wins(tmp_path, store_kind):
    stale = archive(tmp_path / "stale")
    (stale / "tiny_sheet.txt").write_text("It was more effective than placebo.")
    current = archive(tmp_path / "current")
    with load([TINY], store_spec(store_kind, tmp_path)) as store:
        current_first = verify_quotes(store, [current, stale])
        stale_first = verify_quotes(store, [str(stale), str(current)])
    assert (current_first.checked, current_first.misses) == (4, [])
    assert [(miss.local_copy, miss.reason) for miss in stale_first.misses] == [
        ("tiny_sheet.txt", "quote not found verbatim")]


def test_a_copy_in_no_folder_names_every_folder_searched(tmp_path):
    first, second = archive(tmp_path / "first"), archive(tmp_path / "second")
    for folder in (first, second):
        (folder / "tiny_sheet.txt").unlink()
    with load([TINY]) as store:
        result = verify_quotes(store, [first, second])
    assert {miss.reason for miss in result.misses} == {f"local copy tiny_sheet.txt not found in {first}, {second}"}


def test_a_copy_leading_out_of_the_first_folder_is_not_looked_up_in_the_next(tmp_path, monkeypatch):
    first, second = archive(tmp_path / "first"), archive(tmp_path / "second")
    secret = tmp_path / "secret.txt"
    secret.write_text(SHEET)
    (first / "tiny_sheet.txt").unlink()
    (first / "tiny_sheet.txt").symlink_to(secret)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.resolve()) or original(self))
    with load([TINY]) as store:
        result = verify_quotes(store, [first, second])
    assert [miss.reason for miss in result.misses] == [
        f"local copy tiny_sheet.txt of {SHEET_SOURCE} is outside {first}; not read"]
    assert secret.resolve() not in read
    assert (second / "tiny_sheet.txt").resolve() not in read


def test_every_folder_must_exist(tmp_path):
    present = archive(tmp_path / "present")
    with load([TINY]) as store, pytest.raises(InputError) as caught:
        verify_quotes(store, [present, tmp_path / "absent"])
    assert str(caught.value) == f"{tmp_path / 'absent'}: sources directory not found"
