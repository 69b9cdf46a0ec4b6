"""``kg export``: the graph, or a network computed from it, for Gephi, D3 or neo4j-admin."""
from __future__ import annotations

import sys

import click
from govkg.kg.analysis import NETWORKS
from govkg.kg.cli.options import graph_option, network_options
from govkg.kg.export import FORMATS

__all__ = ["export_command"]


@click.command("export")
@graph_option()
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "parquet")), required=True,
              help="graphml / gexf (Gephi, yEd), json (node-link), neo4j-csv (a folder for neo4j-admin import), "
                   "cascades (CSV: each county's first adoption, its neighbours, and the neighbour statistic), "
                   "parquet (a folder: the per-report facts, one file per kind, for pandas, polars, DuckDB, R).")
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write, - for standard output; a folder for neo4j-csv and parquet.")
@click.option("--network", type=click.Choice(NETWORKS), default="property", show_default=True,
              help="property: the whole graph; regions / programs: the projected network with weights and "
                   "communities (--weight, --top-k, --min-weight); bipartite: regions and programs (--status).")
@network_options()
def export_command(graph_dir: str, fmt: str, output: str, network: str, weight: str, status: str | None, top_k: int,
                   min_weight: float | None) -> None:
    """Export the graph as GraphML, GEXF, node-link JSON or neo4j-admin CSV, or its facts as Parquet.

    Lists and other values the format cannot hold are encoded, never
    dropped; `govkg.kg.export.from_graphml` etc. read them back. Parquet
    writes the facts the graph was built from, one file per kind (reports,
    places, agencies, programs, honors, people, citations, candidates), each
    row with its report id, offsets and evidence sentence.

    \b
    Examples:
      kg export --graph out/seeds --format gexf -o seeds.gexf --network regions
      kg export --graph out/seeds --format neo4j-csv -o out/neo4j-import
      kg export --graph out/seeds --format json -o - | jq '.nodes | length'
      kg export --graph out/seeds --format cascades -o cascades.csv
      kg export --graph out/seeds --format parquet -o out/facts
    """
    from govkg.kg.analysis import network_for_export
    from govkg.kg.cli.files import check_output, write_error
    from govkg.kg.export import ExportError, export_bytes, export_graph, neo4j_admin_command
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import GraphNotFound, open_graph

    if fmt == "parquet":
        _export_facts(graph_dir, output, network)
        return
    options = {"weight": weight, "status": status or "implemented", "top_k": top_k or None, "min_weight": min_weight}
    if output == "-":
        try:
            if fmt == "neo4j-csv":
                raise ExportError("neo4j-csv writes a folder of files, not one stream; give -o FOLDER")
            data = export_bytes(network_for_export(open_graph(graph_dir), network, **options), fmt)  # type: ignore[arg-type]
        except (GraphNotFound, GraphDamaged, ExportError) as e:
            raise click.ClickException(str(e)) from None
        sys.stdout.buffer.write(data)
        return
    folder = fmt == "neo4j-csv"
    check_output(output, folder=folder, example="neo4j-import" if folder else f"graph.{fmt}")
    try:
        G = open_graph(graph_dir)
        if folder and network != "property":
            # The import files follow the store's schema, which a computed network does not.
            raise ExportError("neo4j-csv writes the property graph only; drop --network or choose graphml/gexf/json")
        files = export_graph(network_for_export(G, network, **options), fmt, output)  # type: ignore[arg-type]
    except (GraphNotFound, GraphDamaged, ExportError) as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise write_error(output, e) from None
    for f in files:
        click.echo(str(f))
    if fmt == "neo4j-csv":
        click.echo("Load with: " + neo4j_admin_command(files), err=True)


def _export_facts(graph_dir: str, output: str, network: str) -> None:
    """``kg export --format parquet``: the build's facts, one file per kind, into the folder ``output``."""
    import pyarrow as pa
    from govkg.ingest.tables import FACTS_DIR, export_parquet
    from govkg.kg.cli.files import check_output, write_error
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.library import FactsNotRecorded
    from govkg.kg.store import GraphNotFound, current_build

    if output == "-" or network != "property":
        raise click.ClickException("parquet writes the facts as a folder of files; give -o FOLDER and no --network")
    check_output(output, folder=True, example="facts")
    try:
        folder = current_build(graph_dir) / FACTS_DIR
        if not folder.is_dir():
            raise FactsNotRecorded(graph_dir)
        files = export_parquet(folder, output)
    except (GraphNotFound, FactsNotRecorded) as e:
        raise click.ClickException(str(e)) from None
    except (ValueError, pa.ArrowException) as e:
        damaged = GraphDamaged(f"{graph_dir}/{FACTS_DIR}", f"cannot be read ({type(e).__name__}: {' '.join(str(e).split())})")
        raise click.ClickException(str(damaged)) from None
    except OSError as e:
        raise write_error(output, e) from None
    for f in files:
        click.echo(str(f))
