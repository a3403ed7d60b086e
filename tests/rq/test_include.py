"""One definition, many queries: include markers expand to the fragment, and every shipped file is expanded."""

from __future__ import annotations

import re

import pytest

from claimgraph.audit.ruleset import FACTS
from claimgraph.rq.include import IncludeError, expand, expansions, inline_answer, main
from helpers import REPO

FRAGMENT = """# part: a fragment
PREFIX ex: <http://example.org/>
SELECT ?claim (COUNT(?x) AS ?n)
WHERE { ?claim ex:p ?x }
GROUP BY ?claim
"""
HOST = """# host: uses the fragment
PREFIX cg: <https://w3id.org/claimgraph/ns#>
SELECT ?claim ?n
WHERE {
  # include: part.rq
  stale text the expansion replaces
  # end include
  ?claim a cg:Claim .
}
"""


def read(fragments: dict[str, str]):
    def reader(path: str) -> str:
        if path not in fragments:
            raise FileNotFoundError(path)
        return fragments[path]
    return reader


def test_expansion_replaces_the_region_with_the_fragment_as_a_sub_select() -> None:
    expanded = expand(HOST, "host.rq", read({"part.rq": FRAGMENT}))
    assert "stale text" not in expanded
    assert "  # include: part.rq\n  {\n    SELECT ?claim (COUNT(?x) AS ?n)\n" in expanded
    assert "    GROUP BY ?claim\n  }\n  # end include\n" in expanded
    assert "PREFIX ex: <http://example.org/>" in expanded, "the fragment's prefixes are declared in the host"
    assert "# part: a fragment" not in expanded, "the fragment's header stays in the fragment"
    assert expand(expanded, "host.rq", read({"part.rq": FRAGMENT})) == expanded, "expansion is idempotent"


def test_nested_includes_expand_and_nest() -> None:
    outer = ("# outer: x\nPREFIX cg: <https://w3id.org/claimgraph/ns#>\n"
             "SELECT * WHERE {\n  # include: host.rq\n  # end include\n}\n")
    fragments = {"part.rq": FRAGMENT, "host.rq": HOST}
    expanded = expand(outer, "outer.rq", read(fragments))
    assert expanded.count("# include:") == 2
    assert expanded.count("# end include") == 2
    assert expand(expanded, "outer.rq", read(fragments)) == expanded


def test_an_answer_inlined_replaces_only_the_regions_of_its_fragment_nested_or_not() -> None:
    other = "# other: x\nPREFIX cg: <https://w3id.org/claimgraph/ns#>\nSELECT ?claim WHERE { ?claim a cg:Claim }\n"
    outer = ("# outer: x\nPREFIX cg: <https://w3id.org/claimgraph/ns#>\nSELECT * WHERE {\n"
             "  # include: host.rq\n  # end include\n  # include: other.rq\n  # end include\n}\n")
    expanded = expand(outer, "outer.rq", read({"part.rq": FRAGMENT, "host.rq": HOST, "other.rq": other}))
    values = "VALUES (?claim ?n) {\n  (<urn:c> 2)\n}"
    inlined = inline_answer(expanded, "part.rq", values)
    assert "COUNT(?x)" not in inlined, "the fragment's sub-select is gone"
    assert "      VALUES (?claim ?n) {\n        (<urn:c> 2)\n      }\n      ?claim a cg:Claim ." in inlined
    assert inlined.count("# include:") == 2 and inlined.count("# end include") == 2, "the other regions stay"
    assert inline_answer(expanded, "absent.rq", values) == expanded


@pytest.mark.parametrize(
    ("text", "fragments", "problem"),
    [
        ("PREFIX a: <x:>\n# include: part.rq\n", {"part.rq": FRAGMENT}, "has no '# end include'"),
        ("PREFIX a: <x:>\n# include: none.rq\n# end include\n", {}, "no fragment none.rq"),
        ("PREFIX ex: <http://other/>\n# include: part.rq\n# end include\n", {"part.rq": FRAGMENT}, "PREFIX ex:"),
        ("PREFIX a: <x:>\n# include: self.rq\n# end include\n",
         {"self.rq": "PREFIX a: <x:>\n# include: self.rq\n# end include\n"}, "include cycle"),
    ],
)
def test_broken_includes_are_clear_errors(text: str, fragments: dict[str, str], problem: str) -> None:
    with pytest.raises(IncludeError, match=re.escape(problem)):
        expand(text, "host.rq", read(fragments))


def test_every_shipped_rq_is_its_own_expansion() -> None:
    stale = [expansion.name for expansion in expansions() if expansion.stale]
    assert stale == [], f"run `make rq` to re-expand: {stale}"
    assert main([]) == 0


def _outside_includes(text: str) -> str:
    """The query text outside include regions, comments left out."""
    body = re.sub(r"# include: .*?# end include", "", text, flags=re.DOTALL)
    return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))


def test_trial_support_is_defined_in_one_fragment_only() -> None:
    """Outside expanded regions, the trial test and the evidence level appear in claim-support.rq alone
    (contradicted.rq asks the same of disputing trials)."""
    defining = {name for expansion in expansions()
                for name in [expansion.name] if "cg:isTrialEvidence" in _outside_includes(expansion.text)}
    assert defining == {"audit/rules/facts/claim-support.rq", "audit/rules/contradicted.rq"}
    users = [e.name for e in expansions() if "# include: audit/rules/facts/claim-support.rq" in e.text]
    assert len(users) >= 8, users


def test_claim_types_that_need_trials_are_listed_only_in_the_vocabulary() -> None:
    sources = [*(REPO / "src" / "claimgraph").rglob("*.py"), *(REPO / "src" / "claimgraph").rglob("*.rq"),
               *(REPO / "ontology").glob("*.ttl")]
    listing = [path.name for path in sources if re.search(r"claimtype:regimen|\"regimen\"", path.read_text())]
    assert listing == ["vocabularies.ttl"]
    assert "cg:needsTrials true" in (REPO / "ontology" / "vocabularies.ttl").read_text()


def test_fragments_run_alone() -> None:
    from claimgraph.store import load

    store = load([REPO / "graphs"])
    facts = FACTS.texts()
    support = store.query(facts["claim-support"]).dicts()
    claims = store.query("SELECT ?c WHERE { ?c a cg:Claim }").rows
    assert len(support) == len(claims), "claim-support has one row per claim"
    assert any(int(row["trial_lines"]) > 0 for row in support)
    assert store.query(facts["overstated-assertions"]).rows


def test_every_shipped_query_is_found_wherever_its_package_keeps_it() -> None:
    from claimgraph.rq.include import shipped_queries

    on_disk = sorted(path.relative_to(REPO / "src" / "claimgraph").as_posix()
                     for path in (REPO / "src" / "claimgraph").rglob("*.rq"))
    assert sorted(query.path for query in shipped_queries()) == on_disk
