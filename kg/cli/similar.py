"""``kg similar``: the regions most like a region, and the programs behind the score."""
from __future__ import annotations

import click
from govkg.kg.cli.options import graph_option, network_options
from govkg.kg.cli.output import echo_rows, format_option

__all__ = ["similar_command", "COLUMNS"]

#: Columns of the output, in order.
COLUMNS = ["region", "name", "province", "level", "score", "n_shared", "programs"]


@click.command("similar")
@click.argument("region")
@graph_option()
@click.option("--k", "k", type=click.IntRange(min=1), default=10, show_default=True, help="How many regions.")
@network_options(prune=False)
@format_option
def similar_command(region: str, graph_dir: str, k: int, weight: str, status: str | None, fmt: str) -> None:
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
        rows = similar_regions(G, region, k=k, weight=weight, status=status or "implemented")  # type: ignore[arg-type]
    except (GraphNotFound, GraphDamaged, NotFoundError, AmbiguousError) as e:
        raise click.ClickException(str(e)) from None
    if fmt == "json":
        out = [dict(row, programs=row["shared_names"]) for row in rows]
    else:
        out = [dict(row, programs=row["shared_names"], score=round(row["score"], 4)) for row in rows]
    echo_rows(out, COLUMNS, fmt, joins={"programs": "、"})
