"""CLI commands for the audit feature; registered by claimgraph.cli."""

from __future__ import annotations

import click

commands: list[click.Command] = []
