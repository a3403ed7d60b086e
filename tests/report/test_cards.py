"""One count, one definition: for every source, the claims lacking a supporting trial are as many on its page, on
the index, in the named query ``claims-without-trials`` and in the audit's no-supporting-trial findings."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from claimgraph.audit import REPORT_FORMATS, run_audit
from claimgraph.cli.main import main
from claimgraph.network.pages import html_views
from claimgraph.report import site_outputs
from claimgraph.report.cards import CARD_PROBLEMS
from claimgraph.report.names import page_path
from claimgraph.store import load
from helpers import FIXTURES, GRAPHS

NO_TRIAL_RULE = "no-supporting-trial"
SOURCES = "PREFIX cg: <https://w3id.org/claimgraph/ns#> SELECT ?source WHERE { ?source a cg:Source }"
NST_FIXTURE = FIXTURES / "audit" / "no-supporting-trial.ttl"


def four_counts(graphs: Path) -> dict[str, dict[str, int]]:
    """Per source of ``graphs``: how many of its claims lack a supporting trial on its page, on the index, in the
    named query with ``--param source=`` and in the audit (claims with a no-supporting-trial finding about it)."""
    store = load([graphs])
    sources = sorted(row["source"] for row in store.select_strings(SOURCES))
    report = run_audit(store)
    _, listed = html_views(store, report)
    pages = site_outputs(store, report, listed)
    store.close()
    audit = json.loads(REPORT_FORMATS["json"](report))
    wording = CARD_PROBLEMS["no_trial"][0]
    index = pages["index.html"].split('id="sources"')[1].split("</table>")[0]
    column = list(CARD_PROBLEMS).index("no_trial") + 1  # after the claims column
    counts = {}
    for source in sources:
        card = pages[page_path("source", source)].split('id="card"')[1].split("</table>")[0]
        on_page = re.findall(rf'<td>{re.escape(wording)}</td><td class="n">(\d+)</td>', card)
        row = index.split(f'<a href="{page_path("source", source)}">')[1].split("</tr>")[0]
        on_index = re.findall(r'<td class="n">(\d+)</td>', row)
        answer = CliRunner().invoke(main, ["query", "claims-without-trials", "-g", str(graphs),
                                           "--param", f"source=<{source}>", "-f", "json"])
        assert answer.exit_code == 0, answer.output
        flagged = [claim["claim"] for claim in audit["claims"]
                   if any(f["rule"] == NO_TRIAL_RULE and source in f["sources"] for f in claim["findings"])]
        assert len(on_page) == 1, (source, card)
        assert len(on_index) == len(CARD_PROBLEMS) + 1, (source, row)
        counts[source] = {"page": int(on_page[0]), "index": int(on_index[column]),
                          "query": len(json.loads(answer.stdout)["results"]["bindings"]), "audit": len(flagged)}
    return counts


def test_every_curated_source_shows_the_claims_the_query_and_the_audit_find_without_a_trial() -> None:
    counts = four_counts(GRAPHS)
    assert len(counts) == 5, "every source of the curated graph"
    disagree = {source: four for source, four in counts.items() if len(set(four.values())) != 1}
    assert disagree == {}, "page, index, query and audit must count the same claims"
    assert all(four["audit"] > 0 for four in counts.values())


def test_a_claim_that_needs_no_trial_is_not_counted_as_lacking_one() -> None:
    # the fixture's --flag- claims lack trial support in humans; nst--ok-epidemiology has no support at all
    # (the unsupported rule flags it) but its type needs no trials (cg:needsTrials false)
    counts = four_counts(NST_FIXTURE)
    flag_claims = len(re.findall(r"^claim:nst--flag-\S+ a cg:Claim", NST_FIXTURE.read_text(), flags=re.M))
    assert flag_claims == 6
    assert counts == {"https://w3id.org/claimgraph/id/source/page": dict.fromkeys(
        ("page", "index", "query", "audit"), flag_claims)}

