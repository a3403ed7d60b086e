"""The named queries: their variables, and their answers on the fixture graphs, on every store.

Expected answers are read off tests/fixtures/tiny.ttl and sparql-extra.ttl by hand (see the
comments), not copied from query output.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.term import Literal

from claimgraph.namespaces import CLAIM, CONDITION, REPORT, STUDY, TAXON
from claimgraph.query.named import named_queries, run_named
from claimgraph.store import Store, load
from helpers import BLOG, CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE, SHEET, STUDY_NULL_RCT, STUDY_RAT, TINY, store_spec

EXTRA = TINY.parent / "sparql-extra.ttl"
CLAIM_DIABETIC = CLAIM["relieves-diabetic-pain"]
STUDY_2015 = STUDY["trial2015"]

REQUIRED_VARIABLES = {
    "studies": ["study", "label", "firstAuthor", "year", "design", "n", "identifiable"],
    "claims": ["claim", "label", "type", "sources", "evidence_level"],
    "claims-without-trials": None,
    "evidence-for": None,
    "studies-cited-by-most-sources": None,
    "claims-by-condition": None,
    "mechanisms": None,
    "conflicting-reports": None,
    "source-reliability": None,
}


@pytest.fixture
def store(store_kind: str, tmp_path: Path):
    loaded = load([TINY, EXTRA], store_spec(store_kind, tmp_path))
    yield loaded
    loaded.close()


def by(rows: list[dict], key: str) -> dict:
    return {row[key]: row for row in rows}


def number(term) -> Decimal:
    return Decimal(str(term.toPython()))


@pytest.mark.parametrize("name", sorted(REQUIRED_VARIABLES))
def test_required_named_query_exists_with_header(name):
    query = named_queries()[name]
    assert query.description, f"{name}.rq needs a first line '# {name}: one-line description'"
    assert query.text.startswith(f"# {name}:")


@pytest.mark.parametrize("name", ["studies", "claims"])
def test_variables_are_exactly_the_documented_ones(name, store: Store):
    assert run_named(store, name).variables == REQUIRED_VARIABLES[name]


def test_studies_gives_design_code_year_size_identifiable(store: Store):
    rows = by(run_named(store, "studies").dicts(), "study")
    assert set(rows) == {STUDY_NULL_RCT, STUDY_RAT, STUDY["vague-pain-study"], STUDY_2015}
    trial = rows[STUDY_NULL_RCT]
    assert (trial["design"], trial["firstAuthor"], int(trial["n"]), trial["identifiable"].toPython()) == (
        Literal("rct"), Literal("Trialist"), 250, True)
    assert str(trial["year"]) == "1998"
    assert rows[STUDY["vague-pain-study"]]["identifiable"].toPython() is False
    assert "n" not in rows[STUDY_RAT]


def test_claims_counts_sources_and_best_identifiable_supporting_level(store: Store):
    rows = by(run_named(store, "claims").dicts(), "claim")
    # hiv pain: blog + sheet assert it; the only support is the unidentifiable study -> no level
    assert int(rows[CLAIM_HIV_PAIN]["sources"]) == 2
    assert "evidence_level" not in rows[CLAIM_HIV_PAIN]
    # opioids: supported by the rat study (animal, level 6)
    assert int(rows[CLAIM_OPIOIDS]["evidence_level"]) == 6
    # diabetic pain: supported by an identifiable RCT (level 2)
    assert int(rows[CLAIM_DIABETIC]["evidence_level"]) == 2
    assert rows[CLAIM_SAFE]["type"] == Literal("safety")
    assert int(rows[CLAIM_SAFE]["sources"]) == 1


def test_claims_without_trials_leaves_out_the_trial_supported_claim(store: Store):
    rows = by(run_named(store, "claims-without-trials").dicts(), "claim")
    # diabetic pain: a direct supporting RCT in humans; hiv pain: only a vague study supports it
    # (the null RCT disputes it); opioids: a rat study; is-safe: nothing
    assert set(rows) == {CLAIM_HIV_PAIN, CLAIM_OPIOIDS, CLAIM_SAFE}
    assert int(rows[CLAIM_SAFE]["supporting_studies"]) == 0
    assert int(rows[CLAIM_OPIOIDS]["supporting_studies"]) == 1


def test_evidence_for_one_claim_with_a_bound_parameter(store: Store):
    result = run_named(store, "evidence-for", {"claim": CLAIM_HIV_PAIN})
    rows = result.dicts()
    assert {row["claim"] for row in rows} == {CLAIM_HIV_PAIN}
    assert [row["study"] for row in rows] == [STUDY_NULL_RCT, STUDY["vague-pain-study"]]  # level 2 before 7
    assert [str(row["direction"]) for row in rows] == ["disputes", "supports"]
    assert len(run_named(store, "evidence-for").rows) == 4


def test_studies_cited_by_most_sources_ranks_by_source_count(store: Store):
    rows = run_named(store, "studies-cited-by-most-sources").dicts()
    counts = [int(row["sources"]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    # trial2015: cited by both sources' assertions; trial1998: cited by sheet, reported by both
    assert {row["study"] for row in rows if int(row["sources"]) == 2} == {STUDY_2015, STUDY_NULL_RCT}


def test_claims_by_condition(store: Store):
    rows = by(run_named(store, "claims-by-condition").dicts(), "condition")
    diabetic, hiv = rows[CONDITION["diabetic-neuropathy"]], rows[CONDITION["hiv-neuropathy"]]
    assert (int(diabetic["claims"]), int(diabetic["claims_with_trial_support"])) == (1, 1)
    assert (int(hiv["claims"]), int(hiv["sources"]), int(hiv["claims_with_trial_support"])) == (1, 2, 0)


def test_mechanisms_with_studies_and_species(store: Store):
    (row,) = run_named(store, "mechanisms").dicts()
    assert (row["study"], row["species"], str(row["species_label"]), str(row["design"])) == (
        STUDY_RAT, TAXON["10116"], "rat", "animal")
    assert int(row["claims"]) == 1


def test_conflicting_reports_names_the_study_the_claim_and_the_reports_that_differ(store: Store):
    (row,) = run_named(store, "conflicting-reports").dicts()
    # the blog says 210 participants for trial2015, the sheet 120; trial2015 supports diabetic pain
    assert (row["claim"], row["study_iri"], str(row["aspects"])) == (CLAIM_DIABETIC, STUDY_2015, "participants")
    assert set(str(row["evidence"]).split()) == {
        str(STUDY_2015), str(REPORT["blog-trial2015"]), str(REPORT["sheet-trial2015"])}


def test_source_reliability_shares(store: Store):
    rows = by(run_named(store, "source-reliability").dicts(), "source")
    blog, sheet = rows[BLOG], rows[SHEET]
    # blog asserts 4 claims; only diabetic pain has trial support; overstated: hiv pain (strong, no
    # identifiable evidence) and opioids (strong allows level 2, best is 6); not is-safe (hedged)
    # nor diabetic pain (strong, best level 2)
    assert [int(blog[k]) for k in ("claims", "trial_supported", "overstated")] == [4, 1, 2]
    shares = (number(blog["share_trial_supported"]), number(blog["share_overstated"]))
    assert shares == (Decimal("0.25"), Decimal("0.5"))
    # sheet: hiv pain (moderate, no identifiable evidence) is overstated; diabetic pain (moderate allows 4) is not
    assert [int(sheet[k]) for k in ("claims", "trial_supported", "overstated")] == [2, 1, 1]


def test_claims_without_trials_lists_exactly_the_flag_claims_of_the_rules_fixture(store_kind: str, tmp_path: Path):
    # tests/fixtures/audit/no-supporting-trial.ttl: --flag- claims (rat, vague or indirect RCT, RCT
    # in rats, nothing, disputed only) lack direct human trial support; --ok- claims have it or
    # are background/epidemiology claims, which need no trials
    loaded = load([EXTRA.parent / "audit" / "no-supporting-trial.ttl"], store_spec(store_kind, tmp_path))
    listed = {str(row["claim"]) for row in run_named(loaded, "claims-without-trials").dicts()}
    loaded.close()
    assert listed == {str(CLAIM[f"nst--flag-{name}"])
                      for name in ("rat", "vague-rct", "indirect-rct", "rat-rct", "nothing", "disputed-only")}
