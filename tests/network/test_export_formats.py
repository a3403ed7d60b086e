"""GraphML, GEXF and node-link JSON exports re-read by networkx to the same nodes and edges."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.cli import main
from claimgraph.network import build_network
from claimgraph.network.formats import GRAPH_FORMATS
from claimgraph.store import load
from helpers import TINY

READERS = {
    "graphml": lambda path: nx.read_graphml(path, force_multigraph=True),
    "gexf": lambda path: nx.read_gexf(path),
    "json": lambda path: nx.node_link_graph(json.loads(Path(path).read_text(encoding="utf-8")), edges="edges"),
}


@pytest.fixture(scope="module")
def tiny_graph():
    return build_network(load([TINY]))


def _edge_multiset(graph) -> Counter[tuple[str, str, str]]:
    return Counter((str(u), str(v), str(relation)) for u, v, relation in graph.edges(data="relation"))


def test_every_registered_format_has_a_reader_here() -> None:
    assert set(GRAPH_FORMATS) == set(READERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_export_reads_back_to_the_same_nodes_and_edges(runner, tiny_graph, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"graph.{name}"
    result = runner.invoke(main, ["export", name, "-g", str(TINY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    reread = READERS[name](out)
    assert reread.is_directed()
    assert set(map(str, reread.nodes)) == set(tiny_graph.nodes)
    assert _edge_multiset(reread) == _edge_multiset(tiny_graph)
    for node, data in tiny_graph.nodes(data=True):
        assert reread.nodes[node]["kind"] == data["kind"]
        assert reread.nodes[node]["label"] == data["label"]


def test_graphml_keeps_typed_facts(tiny_graph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text(GRAPH_FORMATS["graphml"].write(tiny_graph), encoding="utf-8")
    reread = nx.read_graphml(path, force_multigraph=True)
    for node, data in tiny_graph.nodes(data=True):
        assert reread.nodes[node] == data


def test_export_to_stdout(runner) -> None:
    result = runner.invoke(main, ["export", "json", "-g", str(TINY)])
    assert result.exit_code == 0
    assert json.loads(result.output)["multigraph"] is True


def test_export_of_a_broken_turtle_file_is_a_usage_error(runner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix cg: <https://w3id.org/claimgraph/ns#> .\ncg:a cg:b .\n", encoding="utf-8")
    result = runner.invoke(main, ["export", "graphml", "-g", str(broken)])
    assert result.exit_code == 2
    assert "broken.ttl" in result.output


@pytest.fixture(scope="module")
def audit_json(tmp_path_factory) -> dict:
    """The audit of the tiny graph as ``claimgraph audit -f json`` writes it."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("audit") / "audit.json"
    result = CliRunner().invoke(main, ["audit", "-g", str(TINY), "-f", "json", "--fail-on", "never", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(READERS))
def test_claim_nodes_carry_the_audits_verdict_level_and_findings_counts(runner, audit_json, tmp_path: Path,
                                                                        name: str) -> None:
    out = tmp_path / f"graph.{name}"
    result = runner.invoke(main, ["export", name, "-g", str(TINY), "-o", str(out)])
    assert result.exit_code == 0, result.output
    reread = READERS[name](out)
    audited = audit_json["claims"]
    assert {claim["evidence_level"] is None for claim in audited} == {True, False}, "both cases are tested"
    assert sum(len(claim["findings"]) for claim in audited) > 0
    for claim in audited:
        node = reread.nodes[claim["claim"]]
        assert (node["verdict_class"], node["verdict"]) == (claim["verdict_class"], claim["verdict"])
        assert node.get("evidence_level") == claim["evidence_level"]
        assert node["findings"] == len(claim["findings"])
        for severity in ("error", "warning", "info"):
            assert node[f"findings_{severity}"] == sum(f["severity"] == severity for f in claim["findings"])
    others = [data for data in reread.nodes.values() if data["kind"] != "claim"]
    assert others and not any("verdict_class" in data for data in others)


def test_graph_files_and_views_are_byte_identical_under_two_hash_seeds(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from helpers import GRAPHS

    claimgraph = Path(sys.executable).parent / "claimgraph"
    commands = {f"graph.{name}": ["export", name] for name in sorted(GRAPH_FORMATS)}
    commands |= {"study.html": ["export", "html", "--view", "study:shlay-1998"],
                 "cipn.html": ["export", "html", "--view", "condition:cipn"]}
    outputs: dict[str, list[bytes]] = {}
    for seed in ("1", "2"):
        for file, command in commands.items():
            out = tmp_path / f"{seed}-{file}"
            subprocess.run([str(claimgraph), *command, "-g", str(GRAPHS), "-o", str(out)], check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
            outputs.setdefault(file, []).append(out.read_bytes())
    assert [file for file, (first, second) in outputs.items() if first != second] == []
