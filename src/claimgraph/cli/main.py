"""The ``claimgraph`` command: one group, with each area's commands registered explicitly.

Exit codes: 0 clean, 1 findings (e.g. SHACL violations, audit errors), 2 usage or input error. A command whose
standard output is closed early (``claimgraph audit | head -1``) stops quietly with exit 0 (``ClaimgraphGroup``).
"""

from __future__ import annotations

import click

from claimgraph import __version__
from claimgraph.cli.audit import audit, list_rules
from claimgraph.cli.build import build
from claimgraph.cli.export import analyse, export
from claimgraph.cli.ingest import accept, discard, import_studies, ingest, review
from claimgraph.cli.options import OWN_PROCESS, ClaimgraphGroup
from claimgraph.cli.query import load_command, queries, query, serve, sources, stats
from claimgraph.cli.sentences import sentences
from claimgraph.cli.validate import validate, verify_quotes


@click.group(cls=ClaimgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """Model health claims and their evidence as RDF; validate, audit, query and export them."""


for command in (build, validate, stats, sources, verify_quotes, audit, list_rules, query, queries, serve, load_command,
                export, analyse, ingest, review, accept, discard, import_studies, sentences):
    main.add_command(command)


def run() -> None:
    """The console script: ``main`` in a process of its own, which a command may end without freeing its heap."""
    main(obj=OWN_PROCESS)


if __name__ == "__main__":
    run()
