"""``kg similar``: the regions most like a region, and the programs behind the score."""
from __future__ import annotations

import click
from govkg.kg.bipartite import STATUS_TYPES, WEIGHTS
from govkg.kg.cli.output import echo_rows, format_option

__all__ = ["similar_command", "COLUMNS"]

#: Columns of the output, in order.
COLUMNS = ["region", "name", "province", "level", "score", "n_shared", "programs"]


@click.command("similar")
@click.argument("region")
@click.option("--graph", "graph_dir", required=True, type=click.Path(file_okay=False),
              help="Graph folder written by `kg build`.")
@click.option("--k", "k", type=click.IntRange(min=1), default=10, show_default=True, help="How many regions.")
@click.option("--weight", type=click.Choice(WEIGHTS), default="jaccard", show_default=True,
              help="Similarity: shared count, Jaccard, overlap, or inverse frequency (rare programs count more).")
@click.option("--status", type=click.Choice(sorted(STATUS_TYPES)), default="implemented", show_default=True,
              help="Which programs count.")
@format_option
def similar_command(region: str, graph_dir: str, k: int, weight: str, status: str, fmt: str) -> None:
    """List the regions that run the most programs in common with REGION (an id or a name).

    \b
    Example:
      kg similar 博爱县 --graph out/seeds --weight idf
    """
    from govkg.kg.analysis import similar_regions
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.lookup import AmbiguousError, NotFoundError
    from govkg.kg.store import GraphNotFound, open_graph

    try:
        G = open_graph(graph_dir)
        rows = similar_regions(G, region, k=k, weight=weight, status=status)  # type: ignore[arg-type]
    except (GraphNotFound, GraphDamaged, NotFoundError, AmbiguousError) as e:
        raise click.ClickException(str(e)) from None
    if fmt == "json":
        out = [dict(row, programs=row["shared_names"]) for row in rows]
    else:
        out = [dict(row, programs=row["shared_names"], score=round(row["score"], 4)) for row in rows]
    echo_rows(out, COLUMNS, fmt, joins={"programs": "、"})
