"""``kg build``: reports in, a graph directory out."""
from __future__ import annotations

import gc
import sys
import warnings

import click
from govkg.ingest.readers import ReadError, shown
from govkg.kg.cli.files import check_output, is_beside, write_error
from govkg.kg.cli.options import graph_option
from govkg.kg.ladybug_store import LadybugError
from govkg.kg.store import GraphFolderError

__all__ = ["build_command", "check_graph_output", "graph_write_error"]

#: Exit code when the build finished but some files could not be read.
EXIT_PARTIAL = 3


def check_graph_output(graph_dir: str) -> None:
    """Refuse, before reading any report, a --graph whose folder cannot be written."""
    check_output(graph_dir, "--graph", folder=True, example="out/graph", swapped=True)


def graph_write_error(exc: OSError, graph_dir: str) -> click.ClickException:
    """The one-line error for ``exc`` if it came from writing the graph; else ``exc`` goes on up."""
    if is_beside(exc.filename, graph_dir) or is_beside(exc.filename2, graph_dir):
        return write_error(graph_dir, exc, "--graph")
    raise exc


def _read_manifest(path: str) -> dict[str, dict[str, str]]:
    """The manifest's overrides, with each of its warnings on stderr as one line."""
    from govkg.ingest.manifest import ManifestWarning, read_manifest

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ManifestWarning)
        overrides = read_manifest(path)
    for w in caught:
        if issubclass(w.category, ManifestWarning):
            click.echo(f"warning: {w.message}", err=True)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return overrides


#: Allocations between passes of the youngest generation of the cycle collector, during a build
#: (Python's default is 700).
COLLECT_EVERY = 20_000


def _cheap_collector() -> None:
    """Make the cycle collector cheap for the rest of this process, which builds.

    What is alive now (the modules and their tables) is frozen: the
    collector no longer walks it, and ``-j`` workers forked later share its
    pages. A build allocates millions of short-lived objects that refcounting
    frees (tokens, spans, facts, rows); at Python's default threshold they
    started a pass every 700 allocations and a full one ten times per 2,000
    reports, 1.6 s in all. At :data:`COLLECT_EVERY` it is 0.35 s. Cycles are
    still collected, later.
    """
    gc.freeze()
    gc.set_threshold(COLLECT_EVERY, 20, 20)


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@graph_option(help="Folder to write the graph to: new, empty, or a graph kg build made. "
                   "The new graph replaces the old one atomically when the build completes.")
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True),
              help="CSV or YAML with columns file, region, year, issuer, source_url: overrides what the text says.")
@click.option("--full", is_flag=True, help="Re-read every report; by default unchanged reports reuse their facts.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes reading reports; 0 = one per CPU. The graph is the same whatever the number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where reports are read and tagged: here (with --jobs processes) or on a Dask cluster "
                   "(pip install 'govkg[dask]'). The graph is the same, byte for byte.")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler of an existing cluster (tcp://host:8786); "
                   "by default a local cluster of one worker per CPU.")
@click.option("--allow-empty", is_flag=True,
              help="Replace the graph even if no report was read; by default such a build keeps the old graph and fails.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build_command(paths: tuple[str, ...], graph_dir: str, manifest: str | None, full: bool, jobs: int,
                  engine: str, scheduler: str | None, allow_empty: bool, quiet: bool) -> None:
    """Build (or rebuild) the graph from report files and folders.

    Reads .txt (UTF-8, UTF-16, GB18030/GBK, detected), .html pages saved
    from government portals (article and 发布机构/发布日期 metadata), .docx
    and .pdf with a text layer; "-" reads one report from standard input.
    Folders are read recursively (hidden files and other types are skipped;
    links are followed). Files that cannot be read, and folders or links
    that cannot be walked, are named on stderr and skipped; the build goes
    on and exits with code 3. What was worked around (bytes that are not
    UTF-8, a link that loops) is named as a warning. A rebuild re-reads only
    reports whose text, file name or manifest entry changed, and gives the
    same graph as a clean build. The previous graph stays usable until the
    new one is complete. A build that reads no report keeps the old graph
    and exits with code 1, unless --allow-empty. A folder that holds files
    kg build did not write is refused, and so is a second build of the same
    folder while one runs. Memory stays bounded whatever the corpus: reports
    are read, tagged and written out as Parquet facts partition by partition,
    and the graph is assembled from those (kg export --format parquet).

    \b
    Examples:
      kg build ../shared/corpus/seeds --graph out/seeds
      kg build reports/ --graph out/all -j 0     # one process per CPU
      kg build reports/ --graph out/all --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from govkg.ingest.pipeline import default_jobs
    from govkg.kg.build import NothingToBuild, build

    _cheap_collector()
    bar = None

    def progress(done: int, total: int, name: str) -> None:
        nonlocal bar
        if quiet or total < 20:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Building", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    from govkg.ingest.distributed import DaskUnavailable
    from govkg.ingest.manifest import ManifestError

    check_graph_output(graph_dir)
    try:
        overrides = _read_manifest(manifest) if manifest else None
        summary = build(paths, graph_dir, progress, manifest=overrides, incremental=not full,
                        jobs=jobs or default_jobs(), allow_empty=allow_empty, engine=engine, scheduler=scheduler)
    except NothingToBuild as e:
        _echo_errors(e.summary.errors)
        raise click.ClickException(_line(str(e))) from None
    except (ReadError, GraphFolderError, LadybugError, ManifestError, DaskUnavailable) as e:
        raise click.ClickException(_line(str(e))) from None
    except OSError as e:  # one line if it came from writing the graph folder; anything else goes on up
        raise graph_write_error(e, graph_dir) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    _echo_errors(summary.errors)
    for warning in summary.warnings:
        click.echo(f"warning: {_line(warning)}", err=True)
    if not quiet:
        click.echo(
            f"Built {_line(graph_dir)}: {_count(summary.read, 'report')} ({summary.with_region} with a region, "
            f"{summary.reused} unchanged since the last build), "
            f"{summary.failed} failed, {_count(len(summary.warnings), 'warning')}, "
            f"{_count(summary.duplicates, 'duplicate')} and {summary.skipped} other "
            f"{'file' if summary.skipped == 1 else 'files'} skipped; "
            f"{_count(summary.nodes, 'node')}, {_count(summary.edges, 'edge')} in {summary.seconds:.1f}s "
            f"({summary.chars / max(summary.seconds, 1e-9) / 1e6:.2f} Mchar/s; "
            + ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items()) + ").",
            err=True,
        )
    if summary.without_region and not quiet:
        names = ", ".join(map(_line, summary.without_region[:5])) + (", ..." if len(summary.without_region) > 5 else "")
        n = len(summary.without_region)
        click.echo(
            f"note: {n} {'report names' if n == 1 else 'reports name'} no region the gazetteer knows ({names}); "
            "their programs hang off the Report itself, so no region shares them (kg shared counts such "
            "reports apart). Give them a region with --manifest (columns file,region).",
            err=True,
        )
    if summary.failed:
        sys.exit(EXIT_PARTIAL)


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one: ``_count(1, "report")`` is ``1 report``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _line(text: str) -> str:
    """``text`` on one line, its backslashes kept: the names in the build's messages
    were shown already, and those the graph keeps write their bytes as ``\\xNN`` themselves."""
    return shown(text, keep_backslashes=True)


def _echo_errors(errors: list[str]) -> None:
    """One line per file that could not be read (a line break in its name is shown as \\n)."""
    for err in errors:
        click.echo(f"error: {_line(err)}", err=True)
