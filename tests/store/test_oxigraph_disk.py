"""The on-disk Oxigraph store's in-memory copy: queries on the copy, the graph in the directory, the size limit."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import rdflib

from claimgraph.errors import InputError
from claimgraph.resources import ontology_texts
from claimgraph.store import load, open_store
from claimgraph.store.oxigraph import BULK_LOAD_ABOVE, OxigraphStore
from helpers import TINY, assert_isomorphic, ontology_and_tiny


def graph_in_directory(location: Path) -> rdflib.Graph:
    """What the directory holds, read by pyoxigraph alone (no claimgraph store, no copy)."""
    import pyoxigraph

    stored = pyoxigraph.Store.read_only(str(location))
    return rdflib.Graph().parse(data=stored.dump(format=pyoxigraph.RdfFormat.N_TRIPLES,
                                                 from_graph=pyoxigraph.DefaultGraph()), format="nt")


def loaded_bytes() -> int:
    """Bytes of Turtle a load of the ontology and the tiny fixture hands the store."""
    return sum(len(text.encode("utf-8")) for _name, text in ontology_texts()) + len(TINY.read_bytes())


@pytest.mark.parametrize("copy", ["on", "off"])
def test_the_directory_holds_the_whole_graph_after_close(tmp_path, copy):
    location = tmp_path / "ox"
    store = load([TINY], f"oxigraph:{location},memory-copy={copy}")
    assert store.memory_copy is (copy == "on")
    assert_isomorphic(store.to_rdflib(), ontology_and_tiny())
    store.close()
    del store
    gc.collect()
    assert_isomorphic(graph_in_directory(location), ontology_and_tiny())


def test_queries_leave_the_copy_for_the_directory_once_the_turtle_outgrows_the_limit(tmp_path):
    store = OxigraphStore(tmp_path / "ox", memory_copy_limit=loaded_bytes() - 1)
    load([TINY], store)
    assert not store.memory_copy, "the last file did not fit: queries read the directory"
    assert_isomorphic(store.to_rdflib(), ontology_and_tiny())
    store.close()


def test_a_graph_within_the_limit_is_queried_from_the_copy(tmp_path):
    store = OxigraphStore(tmp_path / "ox", memory_copy_limit=loaded_bytes())
    load([TINY], store)
    assert store.memory_copy
    assert store.query("ASK { ?claim a cg:Claim }").boolean is True
    store.close()


def test_a_syntax_error_leaves_both_the_directory_and_the_copy_empty(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n")
    store = open_store(f"oxigraph:{tmp_path / 'ox'}")
    store.load_turtle(TINY)
    with pytest.raises(InputError, match=r"bad\.ttl"):
        store.load_turtle(bad)
    assert len(store) == 0
    store.close()
    assert len(graph_in_directory(tmp_path / "ox")) == 0


@pytest.mark.parametrize("spec", ["oxigraph:,memory-copy=off", "oxigraph:DIR,memory-copy=maybe",
                                  "oxigraph:DIR,memory-copy="])
def test_a_bad_memory_copy_option_is_refused(tmp_path, spec):
    with pytest.raises(InputError, match="memory-copy=on or …off"):
        open_store(spec.replace("DIR", str(tmp_path / "ox")))
    assert not (tmp_path / "ox").exists(), "a refused spec creates no directory"


def big_turtle(path: Path, triples: int, tail: str = "") -> Path:
    """A Turtle file larger than BULK_LOAD_ABOVE (so it goes to disk by bulk load), ``tail`` appended."""
    lines = [f"<urn:example:s{i}> <urn:example:p> \"value {i}\" ." for i in range(triples)]
    path.write_text("\n".join(lines) + "\n" + tail)
    assert path.stat().st_size > BULK_LOAD_ABOVE
    return path


@pytest.mark.parametrize("copy", ["on", "off"])
def test_a_bulk_loaded_file_is_in_the_directory_and_answers_queries(tmp_path, copy):
    big = big_turtle(tmp_path / "big.ttl", 6_000)
    store = load([big], f"oxigraph:{tmp_path / 'ox'},memory-copy={copy}", include_ontology=False)
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s <urn:example:p> ?o }").rows == [(rdflib.Literal(6_000),)]
    store.close()
    assert_isomorphic(graph_in_directory(tmp_path / "ox"), rdflib.Graph().parse(big, format="turtle"))


@pytest.mark.parametrize("copy", ["on", "off"])
def test_a_syntax_error_at_the_end_of_a_bulk_loaded_file_leaves_the_store_empty(tmp_path, copy):
    big = big_turtle(tmp_path / "big.ttl", 6_000, tail="<urn:example:s> <urn:example:p> .\n")
    store = open_store(f"oxigraph:{tmp_path / 'ox'},memory-copy={copy}")
    with pytest.raises(InputError, match=r"big\.ttl:6001"):
        store.load_turtle(big)
    assert len(store) == 0
    store.close()
    assert len(graph_in_directory(tmp_path / "ox")) == 0
