"""Build a graph directory from report files: run the ingest pipeline, link the facts, store the graph.

Reading and tagging are :mod:`govkg.ingest.pipeline`'s, the facts cache
:mod:`govkg.ingest.cache`'s; this module wires them to the graph
(:func:`govkg.kg.graph.build_graph`) and the graph folder
(:func:`govkg.kg.store.save_graph_dir`).

Examples
--------
>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp())
>>> _ = (src / "a.txt").write_text("博爱县司法局2023年报告\\n我县推进“八五”普法。全县稳定。", encoding="utf-8")
>>> s = build([src], tempfile.mkdtemp() + "/g")
>>> (s.read, s.failed, s.with_region)
(1, 0, 1)
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from govkg.ingest.cache import cache_text, pipeline_fingerprint, read_cache
from govkg.ingest.candidates import candidates_to_jsonl
from govkg.ingest.pipeline import extract_reports, read_reports
from govkg.kg.candidates import CANDIDATES_FILE
from govkg.kg.graph import build_graph
from govkg.kg.store import graph_folder, graph_lock, save_graph_dir

__all__ = ["BuildSummary", "NothingToBuild", "build", "FACTS_FILE"]

#: The file in a graph directory that holds the facts cache (see :mod:`govkg.ingest.cache`).
FACTS_FILE = "facts.jsonl"


@dataclass
class BuildSummary:
    """What a build read, skipped and made."""

    read: int = 0
    #: Files that could not be read or tagged, and folders and links under the paths that could not be walked.
    failed: int = 0
    duplicates: int = 0
    #: Reports whose facts came from the previous build's cache (unchanged text and pipeline).
    reused: int = 0
    #: Files in the folders given that are not reports by their type (images, spreadsheets, ...).
    skipped: int = 0
    chars: int = 0
    with_region: int = 0
    #: Files of the reports whose region could not be told (their programs are not in the graph).
    without_region: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    #: What was wrong but worked around (bytes replaced, a bogus charset, a link that loops), one line each.
    warnings: list[str] = field(default_factory=list)
    #: Seconds spent in each phase: read, extract, graph, store.
    timings: dict[str, float] = field(default_factory=dict)


class NothingToBuild(Exception):
    """A build read no report; the graph folder was left as it was. ``summary`` says what was tried."""

    def __init__(self, graph_dir: str | Path, summary: BuildSummary) -> None:
        tried = f"{summary.failed} could not be read" if summary.failed else "no report files were found"
        super().__init__(f"no report was read ({tried}); the graph at {graph_dir} is unchanged "
                         "(--allow-empty builds an empty graph)")
        self.summary = summary


def build(paths: Iterable[str | Path], graph_dir: str | Path,
          progress: Callable[[int, int, str], None] | None = None,
          manifest: dict[str, dict[str, str]] | None = None, incremental: bool = True,
          jobs: int = 1, allow_empty: bool = False) -> BuildSummary:
    """Build the graph of every report under ``paths`` into ``graph_dir``.

    Each file stands alone: whatever stops one file (it cannot be read, or
    tagging it fails), it is counted in ``failed`` with its reason in
    ``errors`` and the rest are built; so are folders and links under
    ``paths`` that cannot be walked. Only errors no input can cause
    (:data:`~govkg.ingest.readers.PROGRAMMING_ERRORS`) stop the build.
    What was worked around is in ``warnings``. ``progress(done, total, file)`` is called
    after each file. ``manifest`` (see :mod:`govkg.ingest.manifest`)
    overrides region, year, issuer and source per file. With
    ``incremental``, reports whose text, file name, manifest entry and
    pipeline are unchanged since the last build of ``graph_dir`` reuse their
    facts; the graph is the same as a clean build's. ``jobs`` processes read
    the reports (see :func:`govkg.ingest.pipeline.extract_parallel`); the graph does not depend on it.
    ``graph_dir`` is locked from start to end (see :func:`govkg.kg.store.graph_lock`).

    Raises
    ------
    ReadError
        If a path given does not exist.
    NothingToBuild
        If no report was read, unless ``allow_empty``; the graph is left as it was.
    govkg.kg.store.GraphFolderError
        If ``graph_dir`` holds files govkg did not write, or another build is writing it.
    """
    with graph_lock(graph_dir):
        return _build(paths, graph_dir, progress, manifest, incremental, jobs, allow_empty)


def _build(paths: Iterable[str | Path], graph_dir: str | Path, progress: Callable[[int, int, str], None] | None,
           manifest: dict[str, dict[str, str]] | None, incremental: bool, jobs: int,
           allow_empty: bool) -> BuildSummary:
    t0 = time.perf_counter()
    s = BuildSummary()
    read = read_reports(paths, manifest, progress)
    s.skipped, s.duplicates = read.skipped, read.duplicates
    s.failed, s.errors, s.warnings = len(read.errors), list(read.errors), list(read.warnings)
    s.timings["read"] = time.perf_counter() - t0
    if not read.documents and not allow_empty:
        raise NothingToBuild(graph_dir, s)
    t = time.perf_counter()

    def tagged(done: int, total: int, name: str) -> None:
        if progress:
            progress(read.files + done, read.files * 2, name)

    cache = read_cache(graph_folder(graph_dir) / FACTS_FILE) if incremental else {}
    ex = extract_reports(read.documents, cache, jobs, tagged)
    s.reused = ex.reused
    s.failed += len(ex.errors)
    s.errors += ex.errors
    documents = [d for d in read.documents if d.id not in ex.failed]
    s.chars = sum(len(d.text) for d in documents)
    s.with_region = sum(f.region is not None for f in ex.facts)
    s.without_region = sorted(f.file for f in ex.facts if f.region is None)
    s.read = len(documents)
    s.timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    G = build_graph(ex.facts)
    s.timings["graph"] = time.perf_counter() - t
    t = time.perf_counter()
    ordered = sorted(documents, key=lambda d: d.id)
    by_id = {f.id: f for f in ex.facts}
    info = save_graph_dir(G, graph_dir, {"reports": s.read, "files": sorted(d.path for d in documents),
                                         "pipeline": pipeline_fingerprint()},
                          extra={FACTS_FILE: lambda: cache_text(ordered, ex.keys, by_id, ex.candidates),
                                 CANDIDATES_FILE: lambda: candidates_to_jsonl(r for d in ordered for r in ex.candidates[d.id])})
    s.timings["store"] = time.perf_counter() - t
    s.nodes, s.edges = info["nodes"], info["edges"]
    s.seconds = time.perf_counter() - t0
    return s
