"""Store specs and store directories through the real command line: refused in one line, exit 2, nothing written."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimgraph.cli import main
from helpers import TINY, one_error_line


def test_a_directory_without_turtle_files_is_refused(runner, tmp_path):
    empty = tmp_path / "graphs"
    empty.mkdir()
    (empty / "notes.txt").write_text("not turtle")
    (empty / "fake.ttl").mkdir()
    result = runner.invoke(main, ["stats", "-g", str(empty)])
    assert one_error_line(result) == f"claimgraph: error: no .ttl files in {empty}"


@pytest.mark.parametrize("spec", ["memory:/x", "memory:build/store", "rdflib:x", "sparql:http://a/q,http://a/u,http://a/v"])
def test_store_specs_with_arguments_they_do_not_take_are_refused(runner, spec):
    result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", spec])
    one_error_line(result, spec.partition(":")[0])


def test_a_directory_of_user_files_is_never_used_as_a_store(runner, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "CURRENT").write_text("my notes on current events")
    (folder / "letter.txt").write_text("dear")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{folder}"])
    one_error_line(result, f"{folder}: not an Oxigraph store")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "nothing written into a refused folder"


def test_a_store_in_use_by_another_process_is_one_line(runner, tmp_path):
    location = tmp_path / "ox"
    assert runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{location}"]).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('open', "
         "flush=True); time.sleep(120)", str(location)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = runner.invoke(main, ["stats", "-g", str(TINY), "--store", f"oxigraph:{location}"])
        assert one_error_line(result) == f"claimgraph: error: store {location} is in use by another process"
    finally:
        holder.kill()
        holder.wait()
