"""CLI commands ``audit`` and ``rules``."""

from __future__ import annotations

from pathlib import Path

import click

from claimgraph.audit.formats import REPORT_FORMATS
from claimgraph.audit.verdict import VERDICT_CLASSES
from claimgraph.cli.options import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    emit,
    exit_without_teardown,
    format_option,
    graphs_option,
    output_option,
    store_option,
)


@click.command()
@graphs_option
@store_option
@format_option(REPORT_FORMATS,
               help_text="text (tables by severity), json (schemas/audit.schema.json), csv, md, html (the working "
                         "table: sort, filter, search, each claim opening on its sources and studies; one offline "
                         "file), sarif.")
@click.option("--rule", "rules", multiple=True, metavar="ID",
              help="Report only this rule's findings; repeatable (see `claimgraph rules`).")
@click.option("--source", "sources", multiple=True, metavar="ID",
              help="Only claims this source asserts, and their findings about it; repeatable "
                   "(source:clinic-guide, clinic-guide or the IRI; `claimgraph sources` lists them).")
@click.option("--condition", "conditions", multiple=True, metavar="ID",
              help="Only claims about this condition; repeatable (condition:cipn, cipn or the IRI).")
@click.option("--verdict", "verdicts", multiple=True, metavar="CLASS",
              help=f"Only claims of this verdict class ({', '.join(VERDICT_CLASSES)}); repeatable.")
@click.option("--claim-type", "claim_types", multiple=True, metavar="TYPE",
              help="Only claims of this type (efficacy, mechanism, safety, regimen, …); repeatable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
              help="Exit 1 when a finding at or above this severity is reported.")
@output_option
def audit(graphs: tuple[Path, ...], store: str, fmt: str, rules: tuple[str, ...], sources: tuple[str, ...],
          conditions: tuple[str, ...], verdicts: tuple[str, ...], claim_types: tuple[str, ...], fail_on: str,
          output: Path | None) -> None:
    """Audit every claim: evidence level, verdict, and findings of the SPARQL rules.

    Filters of different kinds must all match; the values of one filter are alternatives.
    """
    from claimgraph.audit import filter_report, resolve_filter, run_audit
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        report = run_audit(loaded, rules)
    report = filter_report(report, resolve_filter(report, sources, conditions, verdicts, claim_types))
    emit(REPORT_FORMATS[fmt](report), output)
    exit_without_teardown(EXIT_FINDINGS if report.fails(fail_on) else EXIT_CLEAN)


@click.command("rules")
def list_rules() -> None:
    """List the audit rules: id, severity and what each finds."""
    from claimgraph.audit import rules

    shipped = rules()
    width = max(len(rule_id) for rule_id in shipped)
    for rule in shipped.values():
        click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.description}")

