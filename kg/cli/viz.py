"""``kg viz``: an interactive HTML page of the shared-initiative network."""
from __future__ import annotations

import sys

import click
from govkg.kg.cli.options import graph_option, network_options
from govkg.viz import VIEWS

__all__ = ["viz_command"]


@click.command("viz")
@graph_option()
@click.option("-o", "--output", required=True, type=click.Path(),
              help="HTML file to write (self-contained: opens offline); - for standard output.")
@click.option("--view", type=click.Choice(VIEWS), default="regions", show_default=True,
              help="regions: regions linked by shared programs; bipartite: regions and programs; "
                   "program: one program's adopters; region: one region's neighbourhood; "
                   "timeline: adoption curves; map: counties on a map of China, by year of adoption.")
@click.option("--program", help="Program for --view program (id, name, alias or English name); "
                                "limits --view timeline to it.")
@click.option("--region", help="Region for --view region (id or name).")
@click.option("--province", help="Province --view map zooms to (name, short name or code, e.g. 河南省, 河南, 410000).")
@network_options()
@click.option("--k", "k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Similar regions shown by --view region.")
@click.option("--color-by", "color_by", type=click.Choice(["community", "province"]), default="community",
              show_default=True, help="Node colour of --view regions.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Interface language; en names programs in English (regions keep their Chinese names).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of community detection and layout.")
@click.option("--title", default=None, help="Page title.")
def viz_command(graph_dir: str, output: str, view: str, program: str | None, region: str | None,
                province: str | None, weight: str,
                status: str | None, top_k: int, min_weight: float | None, k: int, color_by: str, lang: str,
                seed: int, title: str | None) -> None:
    """Write an interactive, offline HTML page of the shared-initiative network.

    Layout is computed before the page is written, so large networks open
    at once; the page has a legend, search, filters by kind and year, and
    tooltips quoting the evidence and its report.

    \b
    Examples:
      kg viz --graph out/seeds -o seeds.html
      kg viz --graph out/seeds -o mbr.html --view program --program 法律明白人 --lang en
      kg viz --graph out/seeds -o map.html --view map --program 法律明白人 --province 河南
      kg viz --graph out/seeds -o - > seeds.html
    """
    from govkg.kg.analysis import AmbiguousError, NotFoundError
    from govkg.kg.cli.files import check_output, write_error
    from govkg.kg.cli.views import view_html
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import GraphNotFound, open_graph
    from govkg.viz import write_html

    if view == "program" and not program:
        raise click.ClickException("the program view needs a program (an id, name, alias or English name): "
                                   "add --program NAME")
    if view == "region" and not region:
        raise click.ClickException("the region view needs a region (an id or a name): add --region NAME")
    if output != "-":
        check_output(output, example="network.html")
    try:
        G = open_graph(graph_dir)
        page = view_html(
            G, view, program=program, region=region, weight=weight, status=status,  # type: ignore[arg-type]
            top_k=top_k or None, min_weight=min_weight, k=k, color_by=color_by,  # type: ignore[arg-type]
            lang=lang, seed=seed, title=title, province=province,  # type: ignore[arg-type]
        )
    except (GraphNotFound, GraphDamaged, NotFoundError, AmbiguousError) as e:
        raise click.ClickException(str(e)) from None
    if output == "-":
        sys.stdout.buffer.write(page.encode("utf-8"))
        return
    try:
        path = write_html(page, output)
    except OSError as e:
        raise write_error(output, e) from None
    click.echo(f"Wrote {path} ({view} view, {len(page.encode('utf-8')) / 1e6:.1f} MB).", err=True)
