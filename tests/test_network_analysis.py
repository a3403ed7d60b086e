"""networkx analysis: most-cited studies, evidence paths, mechanism-only reach, components."""

from __future__ import annotations

import json

import pytest

from claimgraph.analysis import analyse, format_text
from claimgraph.cli import main
from claimgraph.namespaces import CLAIM
from claimgraph.network import build_network
from claimgraph.store import load
from fixture_names import BLOG, CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE, FIXTURES, STUDY_NULL_RCT, TINY

NETWORK_EXTRA = FIXTURES / "network.ttl"
CLAIM_THROUGH_OPIOIDS = str(CLAIM["relieves-pain-through-opioids"])


@pytest.fixture(scope="module")
def analysis():
    """tiny.ttl plus a mechanism-only efficacy claim and an isolated mechanism."""
    return analyse(build_network(load([TINY, NETWORK_EXTRA])))


def test_most_cited_study_is_the_one_two_sources_talk_about(analysis) -> None:
    top = analysis.most_cited[0]
    assert top.study == str(STUDY_NULL_RCT)
    assert (top.sources, top.citing_sources, top.reporting_sources, top.claims) == (2, 1, 2, 1)
    assert [s.sources for s in analysis.most_cited] == sorted((s.sources for s in analysis.most_cited), reverse=True)


def test_claim_without_any_support_comes_first_among_evidence_paths(analysis) -> None:
    first = analysis.evidence_paths[0]
    assert (first.claim, first.hops, first.evidence_level) == (str(CLAIM_SAFE), None, None)


def test_evidence_paths_run_directly_or_through_a_mechanism(analysis) -> None:
    paths = {path.claim: path for path in analysis.evidence_paths}
    through = paths[CLAIM_THROUGH_OPIOIDS]
    assert (through.hops, through.evidence_level, through.direct) == (2, 6, False)
    assert through.path[1] == "endogenous opioid release"
    hiv = paths[str(CLAIM_HIV_PAIN)]
    # the null RCT disputes the claim; only the vague study (unknown design) supports it
    assert (hiv.hops, hiv.evidence_level, hiv.direct) == (1, 7, True)
    assert paths[str(CLAIM_OPIOIDS)].hops == 1


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
