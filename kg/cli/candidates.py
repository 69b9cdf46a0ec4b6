"""``kg candidates``: names that look like local initiatives but are not in the lexicon, and promoting one."""
from __future__ import annotations

from pathlib import Path

import click
from govkg.kg.cli.options import graph_option
from govkg.kg.cli.output import echo_rows, format_option

__all__ = ["candidates_command", "COLUMNS"]

#: Columns of the table and CSV output; JSON adds every mention under ``mentions_detail``.
COLUMNS = ["name", "kind", "regions", "reports", "mentions", "region_names", "years", "file", "evidence"]
#: How the list columns read in a table or CSV cell.
JOINS = {"region_names": "、", "years": ","}


def _rows(candidates, fmt: str) -> list[dict]:
    rows = []
    for c in candidates:
        first = c.evidence[0]
        row = {"name": c.name, "kind": c.kind, "regions": len(c.regions), "reports": c.reports, "mentions": c.mentions,
               "region_names": list(c.regions), "years": list(c.years), "file": first.file, "evidence": first.sentence}
        if fmt == "json":
            row["mentions_detail"] = [{"file": e.file, "region": e.region_name, "year": e.year, "sentence": e.sentence,
                                       "start": e.start, "end": e.end} for e in c.evidence]
        rows.append(row)
    return rows


def _promote(name: str, program_id: str | None, name_en: str | None, category: str | None, aliases: tuple[str, ...],
             lexicon_path: str | None) -> None:
    from govkg.schema.lexicon import LexiconError
    from govkg.schema.promote import PROGRAMS_FILE, promote_program

    missing = [opt for opt, v in (("--id", program_id), ("--name-en", name_en), ("--category", category)) if not v]
    if missing:
        raise click.UsageError(f"--promote needs {', '.join(missing)}")
    try:
        entry, block = promote_program(name, program_id, name_en, category, aliases, lexicon_path)  # type: ignore[arg-type]
    except (LexiconError, OSError) as e:
        raise click.ClickException(str(e)) from None
    target = lexicon_path or str(PROGRAMS_FILE)
    click.echo(f"Added program {entry.id} ({entry.name}) to {target}:\n\n{block}")
    if Path(target).resolve() == PROGRAMS_FILE.resolve():
        click.echo("Next: rebuild so reports are tagged with it: kg build REPORTS... --graph DIR", err=True)
    else:
        click.echo(f"Next: this is not the lexicon kg build reads ({PROGRAMS_FILE}); review the entry and copy it "
                   "there, then rebuild: kg build REPORTS... --graph DIR", err=True)


@click.command("candidates")
@graph_option(required=False)
@click.option("--min-regions", "min_regions", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only names used in at least this many regions (reports with no region count for none).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most this many names (0: all).")
@click.option("--promote", "promote", metavar="NAME", help="Add NAME to the programs lexicon instead of listing.")
@click.option("--id", "program_id", help="With --promote: the new program's id (snake_case English).")
@click.option("--name-en", "name_en", help="With --promote: its English name.")
@click.option("--category", help="With --promote: one of the categories in programs.yaml (legal_education, ...).")
@click.option("--alias", "aliases", multiple=True, help="With --promote: another way reports write it; repeatable.")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False, exists=True),
              help="With --promote: the programs file to append to  [default: the schema's programs.yaml]")
@format_option
def candidates_command(graph_dir: str | None, min_regions: int, limit: int, promote: str | None,
                       program_id: str | None, name_en: str | None, category: str | None, aliases: tuple[str, ...],
                       lexicon_path: str | None, fmt: str) -> None:
    """List quoted or formula-like names (“小月说法”, “1+16+N”, 六帮六助) that
    are not in the lexicon, ranked by how many regions use them, then by
    mentions, with the report and sentence of the first mention.

    Names already in the lexicon, honor titles, dates, slogans and generic
    phrases (schema/candidate_stoplist.yaml) are left out. With --promote,
    append a reviewed name to the programs lexicon as a new program.

    \b
    Examples:
      kg candidates --graph out/seeds --min-regions 2
      kg candidates --promote 小月说法 --id xiaoyue_legal_videos --name-en "Xiaoyue Talks Law videos" --category legal_education
    """
    if promote is not None:
        if graph_dir is not None:
            raise click.UsageError("give either --graph (to list) or --promote NAME, not both")
        _promote(promote, program_id, name_en, category, aliases, lexicon_path)
        return
    if graph_dir is None:
        raise click.UsageError("give --graph DIR to list candidates, or --promote NAME to add one")
    stray = [o for o, v in (("--id", program_id), ("--name-en", name_en), ("--category", category),
                            ("--alias", aliases), ("--lexicon", lexicon_path)) if v]
    if stray:
        raise click.UsageError(f"{', '.join(stray)} only go with --promote NAME")
    from govkg.kg.candidates import CandidatesNotRecorded, load_candidates, rank_candidates
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import GraphNotFound

    try:
        ranked = rank_candidates(load_candidates(graph_dir))
    except (GraphNotFound, GraphDamaged, CandidatesNotRecorded) as e:
        raise click.ClickException(str(e)) from None
    ranked = [c for c in ranked if len(c.regions) >= min_regions]
    if limit:
        ranked = ranked[:limit]
    echo_rows(_rows(ranked, fmt), COLUMNS + (["mentions_detail"] if fmt == "json" else []), fmt, joins=JOINS)
