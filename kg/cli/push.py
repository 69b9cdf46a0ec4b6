"""``kg push``: make a Neo4j database mirror a built graph."""
from __future__ import annotations

import sys

import click
from govkg.kg.cli.options import graph_option, neo4j_options, neo4j_settings
from govkg.kg.neo4j_plan import DEFAULT_WRITERS
from govkg.queries.neo4j_write import DEFAULT_BATCH_SIZE

__all__ = ["push"]


@click.command("push")
@graph_option()
@neo4j_options()
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per UNWIND statement (one transaction each).")
@click.option("--writers", type=click.IntRange(min=1), default=DEFAULT_WRITERS, show_default=True,
              help="Sessions writing at once; relationships are shared out so that no two lock the same node.")
@click.option("--rewrite", is_flag=True,
              help="Write every node and relationship, even those already in place: puts the graph's values "
                   "back on relationships edited on the server.")
def push(graph_dir: str, database: str | None, batch_size: int, writers: int, rewrite: bool) -> None:
    """Make the govkg part of the Neo4j database named by NEO4J_URI (default
    bolt://127.0.0.1:7687), NEO4J_USER (default neo4j) and NEO4J_PASSWORD
    mirror the graph.

    Creates the uniqueness constraints and indexes that are missing, reads
    which nodes and relationships the database holds, and writes only the
    difference: what is new is CREATEd, nodes whose properties changed are
    merged on id, and relationships already stored (found by a key that
    hashes their type, endpoints and properties) are left alone. Last, it
    deletes the govkg nodes and relationships the graph no longer has;
    nodes you made yourself are never touched. Pushing the same graph twice
    writes nothing the second time, and an interrupted push converges when
    run again.

    Hand edits on the server: properties you add to govkg's nodes and
    relationships are kept. A relationship whose properties you edited is
    left as it is until the graph changes that fact, while a node's
    properties are set back to the graph's values. --rewrite writes every
    node and relationship, which puts the graph's values back on edited
    relationships too.

    For a local throwaway server, run `make neo4j-up` first and set
    NEO4J_PASSWORD=govkg-dev-password. To load a large graph into a new,
    empty database, `kg export --format neo4j-csv` writes the files for
    neo4j-admin's importer and prints its command; run kg push after it.

    \b
    Examples:
      kg push --graph out/g
      kg push --graph out/g --rewrite
      kg push --graph out/g --database govkg --writers 1 --batch-size 500
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
                                       progress=bar.update, writers=writers, rewrite=rewrite)
    except neo4j_store.Neo4jError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(summary))
    for label, count in summary.nodes_by_label.items():
        click.echo(f"  {label:<12}{count:>8} nodes")
    for rel_type, count in summary.relationships_by_type.items():
        click.echo(f"  {rel_type:<12}{count:>8} relationships")
