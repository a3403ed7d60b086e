"""CLI commands for SPARQL: ``query``, ``queries``, ``stats``, ``sources``, ``serve`` and ``load``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from claimgraph.cli.options import emit, format_option, graphs_option, output_option, store_option
from claimgraph.query.results import FORMATS, form_of, names_for
from claimgraph.serve.limits import DEFAULT_LIMITS
from claimgraph.store.http import DEFAULT_TIMEOUT
from claimgraph.store.push import DEFAULT_BATCH

STATS_FORMATS: dict[str, Callable[[dict[str, int]], str]] = {
    "text": lambda counts: "\n".join(f"{name:<22}{value:>8}" for name, value in counts.items()),
    "json": lambda counts: json.dumps(counts, indent=2),
}
"""What ``stats`` writes its counts as, by format name."""

QUERY_FORMATS_HELP = "; ".join(
    f"{form_of(kind)}: {', '.join(names_for(kind))} [default: {names_for(kind)[0]}]" for kind in ("select", "graph")
) + ". json, xml, csv and tsv are the W3C SPARQL 1.1 results formats."
"""Which result formats go with which query form (a result is refused in a format its form cannot have)."""


@click.command()
@click.argument("query", required=False)
@click.option("-e", "--expression", help="The SPARQL text itself instead of a QUERY.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to an RDF term: <IRI>, prefix:name, \"text\", \"text\"@en, 42, true; repeatable.")
@format_option(FORMATS, default=None, help_text=QUERY_FORMATS_HELP)
@output_option
@graphs_option
@store_option
def query(query: str | None, expression: str | None, params: tuple[str, ...], fmt: str | None,
          output: Path | None, graphs: tuple[Path, ...], store: str) -> None:
    """Run QUERY: a .rq file, a named query (see `claimgraph queries`), or -e 'SELECT …'.

    The ontology's prefixes (cg:, claim:, study:, oa:, …) are predeclared.
    """
    from claimgraph.query import parse_params, render, resolve_query, run_query
    from claimgraph.store import load

    user_query = resolve_query(query, expression)
    bindings = parse_params(params)
    with load(graphs, store) as loaded:
        result = run_query(loaded, user_query, bindings)
    emit(render(result, fmt), output)


@click.command()
def queries() -> None:
    """List the named queries with their one-line descriptions and parameters."""
    from claimgraph.query import named_queries

    shipped = named_queries()
    width = max(len(name) for name in shipped)
    for name, named in shipped.items():
        click.echo(f"{name:<{width}}  {named.description}")
        for param, description in named.header.params.items():
            click.echo(f"{'':<{width}}    --param {param}=…  {description}")


@click.command()
@graphs_option
@store_option
@format_option(STATS_FORMATS)
def stats(graphs: tuple[Path, ...], store: str, fmt: str) -> None:
    """Count sources, claims, assertions, studies, mechanisms and triples."""
    from claimgraph.query import stats as count
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        counts = count(loaded)
    click.echo(STATS_FORMATS[fmt](counts))



@click.command()
@graphs_option
@store_option
@format_option(names_for("select"))
@output_option
def sources(graphs: tuple[Path, ...], store: str, fmt: str, output: Path | None) -> None:
    """List the sources: CURIE (the ID --source takes), title, kind, archived file, assertions."""
    from claimgraph.query import render, run_named
    from claimgraph.store import load

    with load(graphs, store) as loaded:
        result = run_named(loaded, "sources")
    emit(render(result, fmt), output)


@click.command()
@graphs_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (IPv4 or IPv6).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port; 0 picks a free one.")
@click.option("--timeout", default=DEFAULT_LIMITS.timeout, show_default=True, type=click.FloatRange(min=0.01),
              help="Per-query time limit in seconds (the worker's CPU limit is this + 2 s).")
@click.option("--max-results", default=DEFAULT_LIMITS.max_results, show_default=True, type=click.IntRange(min=1),
              help="Largest result (rows or triples) answered.")
@click.option("--max-bytes", default=DEFAULT_LIMITS.max_bytes, show_default=True, type=click.IntRange(min=1),
              help="Largest serialized result, in bytes.")
@click.option("--max-memory", default=DEFAULT_LIMITS.max_memory_mb, show_default=True, type=click.IntRange(min=16),
              help="Memory (MB of address space) a query worker may add to what it inherits from the server.")
@click.option("--workers", default=DEFAULT_LIMITS.workers, show_default=True, type=click.IntRange(min=1),
              help="Queries run at once, each in its own process (plus one slot reserved for a client's "
                   "first query).")
@click.option("--per-client", default=None, type=click.IntRange(min=1),
              help="Queries one client address may run at once [default: workers - 1, at least 1].")
@click.option("--idle-timeout", default=DEFAULT_LIMITS.idle_timeout, show_default=True,
              type=click.FloatRange(min=0.1), help="Seconds a connection may send nothing before it is closed.")
@click.option("--read-timeout", default=DEFAULT_LIMITS.read_timeout, show_default=True,
              type=click.FloatRange(min=0.1),
              help="Seconds a client has, in all, to send one whole request (line, headers, body); a client that "
                   "trickles bytes slower is disconnected.")
@click.option("--max-connections", default=DEFAULT_LIMITS.max_connections, show_default=True,
              type=click.IntRange(min=1),
              help="Open connections at once; more are answered 503.")
@click.option("--log/--no-log", default=False, show_default=True, help="Log each request to stderr.")
def serve(graphs: tuple[Path, ...], store: str, host: str, port: int, timeout: float, max_results: int,
          max_bytes: int, max_memory: int, workers: int, per_client: int | None, idle_timeout: float,
          read_timeout: float, max_connections: int, log: bool) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page at /."""
    import signal

    from claimgraph.serve import LOOPBACK_HOSTS, EndpointLimits, make_server
    from claimgraph.store import load

    loaded = load(graphs, store)
    limits = EndpointLimits(timeout=timeout, max_results=max_results, workers=workers, max_bytes=max_bytes,
                            max_memory_mb=max_memory, per_client=per_client, idle_timeout=idle_timeout,
                            read_timeout=read_timeout, max_connections=max_connections)
    server = make_server(loaded, host, port, limits, log=(lambda line: click.echo(line, err=True)) if log else None)

    def stop(signum: int, frame: object) -> None:
        server.stop_workers()  # first, so no query outlives the server even if the rest is slow
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    if host not in LOOPBACK_HOSTS:
        click.echo(f"warning: listening on {host}: the endpoint is reachable from other machines", err=True)
    click.echo(f"claimgraph: serving {len(loaded)} triples at {server.url} (query page at /; Ctrl-C stops)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop_workers()
        server.server_close()
        loaded.close()


@click.command("load")
@graphs_option
@click.option("--to", "url", required=True,
              help="Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store), or an update URL with --via update.")
@click.option("--via", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: SPARQL 1.1 Graph Store Protocol (one PUT or POST); update: SPARQL 1.1 Update "
                   "(DROP SILENT + INSERT DATA in one request, or batches through a staging graph).")
@click.option("--graph", "graph_iri", metavar="IRI", default=None,
              help="Load into this named graph instead of the default graph (Virtuoso: always name one).")
@click.option("--replace/--append", " /--add", "replace", default=True,
              help="--replace (the default): the target graph becomes exactly these graphs; --append: add to it. "
                   "Blank nodes are sent as stable skolem IRIs, so loading the same data twice changes nothing.")
@click.option("--batch", default=DEFAULT_BATCH, show_default=True, type=click.IntRange(min=1), metavar="TRIPLES",
              help="With --via update: triples per INSERT DATA request (Virtuoso 7 refuses about 5,000).")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(min=0.01),
              metavar="SECONDS", help="Time each request may take in all, sending the data and the server's answer "
                                      "included.")
def load_command(graphs: tuple[Path, ...], url: str, via: str, graph_iri: str | None, replace: bool,
                 batch: int, timeout: float) -> None:
    """Push the ontology and the graph to a SPARQL server, replacing its default graph (or --graph IRI)."""
    from claimgraph.store import load
    from claimgraph.store.http import Limits
    from claimgraph.store.push import check_graph_iri, push_graph

    check_graph_iri(graph_iri, "--graph")  # before reading anything: a bad IRI changes nothing anywhere
    with load(graphs) as loaded:
        graph = loaded.to_rdflib()
    count = push_graph(graph, url, via="update" if via == "update" else "gsp", replace=replace,
                       graph_iri=graph_iri, batch=batch, limits=Limits(timeout=timeout))
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    done = f"replaced {target} with {count} triples" if replace else f"added {count} triples to {target}"
    click.echo(f"claimgraph: {done} at {url}")
