"""``kg push``: load a built graph into a Neo4j server."""
from __future__ import annotations

import sys

import click
from govkg.kg.cli.options import graph_option, neo4j_options, neo4j_settings
from govkg.queries.neo4j_write import DEFAULT_BATCH_SIZE

__all__ = ["push"]


@click.command("push")
@graph_option()
@neo4j_options()
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per UNWIND statement (one transaction each).")
def push(graph_dir: str, database: str | None, batch_size: int) -> None:
    """Load the graph into the Neo4j server named by NEO4J_URI (default
    bolt://127.0.0.1:7687), NEO4J_USER (default neo4j) and NEO4J_PASSWORD.

    Creates a uniqueness constraint per label and relationship type, merges
    nodes on id and relationships on a stable key, and removes what the
    graph no longer has, so pushing after every build keeps Neo4j in step.
    An interrupted push converges when run again.

    For a local throwaway server, run `make neo4j-up` first and set
    NEO4J_PASSWORD=govkg-dev-password.

    \b
    Example:
      kg push --graph out/g
    """
    # Imported here: the driver takes a fifth of a second to import, which
    # every other kg command would pay.
    from govkg.kg import neo4j_store
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import GraphNotFound, open_graph

    uri, user, password = neo4j_settings()
    try:
        G = open_graph(graph_dir)
    except (GraphNotFound, GraphDamaged) as exc:
        raise click.ClickException(str(exc)) from None
    try:
        with click.progressbar(length=G.number_of_nodes() + G.number_of_edges(), label=f"pushing to {uri}",
                               file=sys.stderr, show_pos=True) as bar:
            summary = neo4j_store.push(G, uri, user, password, database=database, batch_size=batch_size,
                                       progress=bar.update)
    except neo4j_store.Neo4jError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(summary))
    for label, count in summary.nodes_by_label.items():
        click.echo(f"  {label:<12}{count:>8} nodes")
    for rel_type, count in summary.relationships_by_type.items():
        click.echo(f"  {rel_type:<12}{count:>8} relationships")
