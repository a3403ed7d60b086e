"""networkx analysis: most-cited studies, evidence paths, mechanism-only reach, components."""

from __future__ import annotations

import json

import pytest

from claimgraph.audit import run_audit
from claimgraph.cli import main
from claimgraph.namespaces import CLAIM
from claimgraph.network import build_network
from claimgraph.network.analysis import analyse, evidence_levels, format_text
from claimgraph.store import load
from helpers import BLOG, CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE, FIXTURES, REPO, STUDY_NULL_RCT, TINY

NETWORK_EXTRA = FIXTURES / "network.ttl"
CLAIM_THROUGH_OPIOIDS = str(CLAIM["relieves-pain-through-opioids"])


@pytest.fixture(scope="module")
def store():
    """tiny.ttl plus a mechanism-only efficacy claim and an isolated mechanism."""
    return load([TINY, NETWORK_EXTRA])


@pytest.fixture(scope="module")
def analysis(store):
    return analyse(build_network(store), store)


def test_most_cited_study_is_the_one_two_sources_talk_about(analysis) -> None:
    top = analysis.most_cited[0]
    assert top.study == str(STUDY_NULL_RCT)
    assert (top.sources, top.citing_sources, top.reporting_sources, top.claims) == (2, 1, 2, 1)
    assert [s.sources for s in analysis.most_cited] == sorted((s.sources for s in analysis.most_cited), reverse=True)


def test_claims_without_any_identifiable_support_come_first_among_evidence_paths(analysis) -> None:
    # is-safe: nothing supports it; hiv pain: only the vague (unidentifiable) study does, and
    # unidentifiable studies never count, as in the audit
    first = analysis.evidence_paths[:2]
    assert {(p.claim, p.hops, p.evidence_level) for p in first} == {
        (str(CLAIM_SAFE), None, None), (str(CLAIM_HIV_PAIN), None, None)}


def test_evidence_paths_run_directly_or_through_a_mechanism(analysis) -> None:
    paths = {path.claim: path for path in analysis.evidence_paths}
    through = paths[CLAIM_THROUGH_OPIOIDS]
    # reached only through a mechanism the rat study shows: a path, but no evidence level
    assert (through.hops, through.evidence_level, through.direct) == (2, None, False)
    assert through.path[1] == "endogenous opioid release"
    opioids = paths[str(CLAIM_OPIOIDS)]
    assert (opioids.hops, opioids.evidence_level) == (1, 6)
    assert [p.claim for p in analysis.evidence_paths].index(CLAIM_THROUGH_OPIOIDS) < \
        [p.claim for p in analysis.evidence_paths].index(str(CLAIM_OPIOIDS))


def test_evidence_levels_are_the_audits(store, analysis) -> None:
    audit = {claim.claim: claim.evidence_level for claim in run_audit(store).claims}
    assert {path.claim: path.evidence_level for path in analysis.evidence_paths} == audit
    assert evidence_levels(store) == {claim: level for claim, level in audit.items() if level is not None}


def test_without_a_store_evidence_levels_are_unknown(store) -> None:
    paths = analyse(build_network(store)).evidence_paths
    assert {path.evidence_level for path in paths} == {None}


def test_claims_reached_only_through_mechanisms(analysis) -> None:
    assert [(r.source, r.claim, r.asserted, r.mechanisms) for r in analysis.mechanism_only] == [
        (str(BLOG), CLAIM_THROUGH_OPIOIDS, True, ["endogenous opioid release"]),
    ]


def test_an_unlinked_mechanism_is_its_own_component(analysis) -> None:
    tiny_nodes = 10  # 2 sources, 3 claims, 3 studies, 1 mechanism, 1 condition
    assert [c.size for c in analysis.components] == [tiny_nodes + 1, 1]
    assert analysis.components[1].labels == ["adenosine A1 receptor activation"]
    assert analysis.components[1].kinds == {"mechanism": 1}


def test_text_report_names_each_section(analysis) -> None:
    text = format_text(analysis)
    for heading in ("Most-cited studies", "evidence paths", "only through mechanisms", "Connected components: 2"):
        assert heading in text
    assert "adenosine A1 receptor activation" in text


def test_analyse_command_emits_json(runner) -> None:
    result = runner.invoke(main, ["analyse", "-g", str(TINY), "-g", str(NETWORK_EXTRA), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"most_cited", "evidence_paths", "mechanism_only", "components"}
    assert payload["mechanism_only"][0]["claim"] == CLAIM_THROUGH_OPIOIDS


def test_analyse_command_on_a_missing_file_is_a_usage_error(runner, tmp_path) -> None:
    result = runner.invoke(main, ["analyse", "-g", str(tmp_path / "missing.ttl")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_evidence_levels_are_the_audits_on_the_curated_graph(tmp_path) -> None:
    curated = load([REPO / "graphs"], f"oxigraph:{tmp_path / 'ox'}")
    audit = {claim.claim: claim.evidence_level for claim in run_audit(curated).claims}
    paths = analyse(build_network(curated), curated).evidence_paths
    curated.close()
    assert {path.claim: path.evidence_level for path in paths} == audit
    assert all(path.hops == 1 for path in paths if path.evidence_level is not None)
