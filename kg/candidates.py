"""Candidate initiatives recorded by a build, read back and ranked (``kg candidates``).

``kg build`` records each mention (found by :mod:`govkg.ingest.candidates`)
among the report's facts (the ``candidates`` table of
:mod:`govkg.ingest.tables`); :func:`load_candidates` reads them back and :func:`rank_candidates` groups the lines by normalised
name and ranks the names by how many regions use them, then by mentions.
Promoting one into the lexicon is :func:`govkg.schema.promote.promote_program`.

Examples
--------
>>> rows = [CandidateRow("report:1", "a.txt", "region:1", "甲县", 2023, "小月说法", "quoted", "创新“小月说法”。", 3, 7),
...         CandidateRow("report:2", "b.txt", "region:2", "乙县", 2023, "小月说法", "quoted", "用好“小月说法”。", 3, 7),
...         CandidateRow("report:2", "b.txt", "region:2", "乙县", 2023, "法律夜市", "quoted", "开展“法律夜市”。", 3, 7)]
>>> [(c.name, c.regions, c.mentions) for c in rank_candidates(rows)]
[('小月说法', ('甲县', '乙县'), 2), ('法律夜市', ('乙县',), 1)]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from govkg.ingest.candidates import CandidateRow
from govkg.schema.normalize import normalize

__all__ = ["Candidate", "CandidatesNotRecorded", "rank_candidates", "load_candidates"]


class CandidatesNotRecorded(FileNotFoundError):
    """The graph directory holds no facts, so no candidates (built by an older govkg)."""

    def __init__(self, graph_dir: str | Path) -> None:
        super().__init__(f"the graph at {graph_dir} holds no candidate mentions; rebuild it: "
                         f"kg build REPORTS... --graph {graph_dir}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name and the reports and regions that use it; ``evidence`` holds every mention."""

    key: str
    name: str
    kind: str
    regions: tuple[str, ...]
    reports: int
    mentions: int
    years: tuple[int, ...]
    evidence: tuple[CandidateRow, ...]


def rank_candidates(rows: Iterable[CandidateRow]) -> list[Candidate]:
    """Group mentions by normalised name; rank by regions, then mentions, then reports, then name.

    Reports without a region count as reports and mentions, not as regions.
    The name shown is the spelling written most often (the shortest of equals);
    regions are listed in the order of their ids (division codes).
    """
    groups: dict[str, list[CandidateRow]] = defaultdict(list)
    for r in rows:
        groups[normalize(r.name)].append(r)
    out = []
    for key, rs in groups.items():
        rs.sort(key=lambda r: (r.file, r.report, r.start, r.end))
        spellings = Counter(r.name for r in rs)
        name = sorted(spellings.items(), key=lambda x: (-x[1], len(x[0]), x[0]))[0][0]
        region_names: dict[str, str] = {}
        for r in rs:
            if r.region is not None:
                region_names.setdefault(r.region, r.region_name or r.region)
        out.append(Candidate(
            key=key, name=name, kind="patterned" if any(r.kind == "patterned" for r in rs) else "quoted",
            regions=tuple(region_names[k] for k in sorted(region_names)), reports=len({r.report for r in rs}),
            mentions=len(rs), years=tuple(sorted({r.year for r in rs if r.year is not None})), evidence=tuple(rs),
        ))
    out.sort(key=lambda c: (-len(c.regions), -c.mentions, -c.reports, c.key))
    return out



def load_candidates(graph_dir: str | Path) -> list[CandidateRow]:
    """The candidate mentions recorded in the graph directory ``graph_dir``, by report and offset.

    Raises
    ------
    GraphNotFound
        If nothing was built at ``graph_dir``.
    CandidatesNotRecorded
        If the build did not record candidates.
    govkg.kg.graph.GraphDamaged
        If ``build.json`` or the facts are missing or cannot be read.
    """
    import pyarrow as pa
    from govkg.ingest.tables import FACTS_DIR, iter_entries
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import BUILD_JSON, GraphNotFound, build_info, current_build

    try:
        build_info(graph_dir)  # raises GraphNotFound with what to do
    except GraphNotFound:
        raise
    except FileNotFoundError:
        raise GraphDamaged(Path(graph_dir) / BUILD_JSON, "is missing") from None
    except ValueError as e:
        raise GraphDamaged(Path(graph_dir) / BUILD_JSON, f"is cut off or not JSON ({e})") from None
    folder = current_build(graph_dir) / FACTS_DIR
    if not folder.is_dir():
        raise CandidatesNotRecorded(graph_dir)
    try:
        rows = [r for entry in iter_entries(folder) for r in entry.candidates]
    except (OSError, ValueError, KeyError, pa.ArrowException) as e:
        raise GraphDamaged(Path(graph_dir) / FACTS_DIR, f"cannot be read ({type(e).__name__}: {' '.join(str(e).split())})") from None
    return sorted(rows, key=lambda r: (r.report, r.start, r.end, r.name))
