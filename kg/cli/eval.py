"""``kg eval``: score a build against gold annotations of its reports."""
from __future__ import annotations

import tempfile

import click
from govkg.kg.cli.options import graph_option
from govkg.kg.cli.output import echo_rows, format_option
from govkg.kg.evaluate import METRICS

__all__ = ["eval_command"]


def _minimums(pairs: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for p in pairs:
        metric, sep, value = p.partition("=")
        if not sep or metric.strip() not in METRICS:
            raise click.BadParameter(f"{p!r} is not METRIC=VALUE with METRIC one of {', '.join(METRICS)}",
                                     param_hint="--min")
        try:
            out[metric.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} in {p!r} is not a number", param_hint="--min") from None
    return out


def _build(reports: tuple[str, ...], graph_dir: str) -> None:
    from govkg.ingest.readers import ReadError
    from govkg.kg.build import NothingToBuild, build
    from govkg.kg.cli.build import check_graph_output, graph_write_error
    from govkg.kg.ladybug_store import LadybugError
    from govkg.kg.store import GraphFolderError

    check_graph_output(graph_dir)
    try:
        summary = build(reports, graph_dir)
    except (ReadError, GraphFolderError, NothingToBuild, LadybugError) as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        raise graph_write_error(e, graph_dir) from None
    for err in summary.errors:
        click.echo(f"error: {err}", err=True)
    click.echo(f"Built {summary.read} reports ({summary.failed} failed) in {summary.seconds:.1f}s.", err=True)


@click.command("eval")
@click.argument("reports", nargs=-1, type=click.Path())
@click.option("--gold", "gold_path", required=True, type=click.Path(dir_okay=False, exists=True),
              help="Gold annotations, in the format of ../shared/gold/seeds.yaml.")
@click.option("--programs", "programs_path", type=click.Path(dir_okay=False, exists=True),
              help="Catalogue the gold's program ids refer to (format of ../shared/gold/programs.yaml)  "
                   "[default: the schema's programs lexicon, by id]")
@graph_option(required=False,
              help="The graph folder to score; with REPORTS, build them into it first (else into a temporary folder).")
@click.option("--min", "minimums", multiple=True, metavar="METRIC=VALUE",
              help="Exit 1 when METRIC is below VALUE; repeatable.")
@click.option("--invented", is_flag=True,
              help="Also score no_invented: the share of reports not placed in a wrong region (a true parent is not wrong).")
@click.option("-v", "--verbose", is_flag=True, help="Print each miss and unexpected item on stderr.")
@format_option
def eval_command(reports: tuple[str, ...], gold_path: str, programs_path: str | None, graph_dir: str | None,
                 minimums: tuple[str, ...], invented: bool, verbose: bool, fmt: str) -> None:
    """Score extraction against gold annotations: region, level, parents,
    year, program recall, precision and status, honors, agencies, issuer.

    Score an existing build with --graph DIR, or give REPORTS to build them
    first. Metrics and matching rules are those of ../shared/tools/kgeval.py.
    Exits 1 when a --min threshold is not met.

    \b
    Examples:
      kg eval --gold ../shared/gold/seeds.yaml --programs ../shared/gold/programs.yaml --graph out/seeds
      kg eval ../shared/corpus/seeds --gold ../shared/gold/seeds.yaml --programs ../shared/gold/programs.yaml --min prog_recall=0.95 -v
      kg eval reports/ --gold gold.yaml --graph out/g --invented --min no_invented=1
    """
    from govkg.kg.evaluate import GoldError, catalogue_from_lexicon, load_catalogue, load_gold, score
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import GraphNotFound
    from govkg.schema.lexicon import load_lexicon

    mins = _minimums(minimums)
    if not reports and graph_dir is None:
        raise click.UsageError("give --graph DIR to score a build, or REPORTS... to build and score them")
    try:
        gold = load_gold(gold_path)
        catalogue = load_catalogue(programs_path) if programs_path else catalogue_from_lexicon(load_lexicon())
    except GoldError as e:
        raise click.ClickException(str(e)) from None
    unknown = sorted({p for r in gold.reports for p in (*r.implemented, *r.planned) if p not in catalogue})
    if unknown:
        click.echo(f"warning: {len(unknown)} program ids of the gold are not in the catalogue and are matched as "
                   f"names ({', '.join(unknown[:3])}{' ...' if len(unknown) > 3 else ''})"
                   + ("" if programs_path else "; give the gold's catalogue with --programs"), err=True)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        target = graph_dir or f"{tmp}/graph"
        if reports:
            _build(reports, target)
        try:
            scores = score(target, gold, catalogue, invented)
        except (GraphNotFound, GraphDamaged) as e:
            raise click.ClickException(str(e)) from None
    if verbose:
        for m in scores.misses:
            click.echo(f"  {m.file}: {m.detail}", err=True)
    rows = scores.rows()
    failing = scores.below(mins)
    for row in rows:
        row["min"] = mins.get(row["metric"])
        row["ok"] = None if row["min"] is None else row["metric"] not in failing
    columns = ["metric", "value", "correct", "total", "min", "ok"]
    if fmt != "table":
        echo_rows(rows, columns, fmt)
    else:
        shown = [dict(r, value="-" if r["value"] is None else f"{r['value']:.3f}",
                      ok="" if r["ok"] is None else ("ok" if r["ok"] else "FAIL")) for r in rows]
        echo_rows(shown, columns, "table")
    if failing:
        raise click.ClickException("below threshold: " + ", ".join(
            f"{m} {'-' if scores.value(m) is None else f'{scores.value(m):.3f}'} < {mins[m]}" for m in failing))
