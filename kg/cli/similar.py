"""``kg similar``: the regions most like a region, and the programs behind the score (:meth:`govkg.Graph.similar`)."""
from __future__ import annotations

import click
from govkg.kg.cli.errors import one_line_errors
from govkg.kg.cli.options import graph_option, network_options
from govkg.kg.cli.output import echo_rows, format_option

__all__ = ["similar_command"]


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
    import govkg

    with one_line_errors():
        rows = govkg.open(graph_dir).similar(region, k=k, weight=weight, status=status or "implemented")
    shown = rows if fmt == "json" else [dict(row, score=round(row["score"], 4)) for row in rows]
    echo_rows(shown, rows.columns, fmt, joins={"programs": "、"})
