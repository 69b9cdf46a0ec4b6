"""Build a graph directory from report files: facts partition by partition, then the graph, in bounded memory.

The files are cut into partitions (:func:`govkg.ingest.pipeline.plan_partitions`);
each is read, tagged and written as Parquet facts (:mod:`govkg.ingest.tables`)
into the new version of the graph folder by one process, ``jobs`` processes
or a Dask cluster, which also assemble its part of the graph
(:func:`govkg.kg.stream.graph_part`); a :class:`~govkg.kg.stream.GraphWriter`
merges the parts as they come and writes the stores. No step holds the corpus's text or
evidence at once. The facts are also the next build's cache: a report whose
text, file name, manifest entry and pipeline are unchanged reuses them.

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
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from govkg.ingest.cache import pipeline_fingerprint
from govkg.ingest.pipeline import FileOutcome, PartitionOutcome, Then, extract_partitions, plan_partitions
from govkg.ingest.readers import STDIN, ReadError, iter_paths, read_document
from govkg.ingest.records import Document
from govkg.ingest.tables import FACTS_DIR, drop_reports, read_partition
from govkg.kg.store import current_build, graph_lock, new_graph_version, write_build_info
from govkg.kg.stream import GraphPart, GraphWriter, graph_part

__all__ = ["BuildSummary", "NothingToBuild", "build", "ENGINES"]

#: Where extraction runs: ``local`` (this process, or ``jobs`` processes) or ``dask`` (a Dask cluster).
ENGINES = ("local", "dask")


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
    #: Seconds spent in each phase: read (finding the files), extract (reading and tagging them and
    #: assembling each partition's part of the graph, waited for), graph (merging the parts) and store
    #: (writing graph.json and graph.lbug).
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
          jobs: int = 1, allow_empty: bool = False, engine: str = "local",
          scheduler: str | None = None) -> BuildSummary:
    """Build the graph of every report under ``paths`` into ``graph_dir``.

    Each file stands alone: whatever stops one file (it cannot be read, or
    tagging it fails), it is counted in ``failed`` with its reason in
    ``errors`` and the rest are built; so are folders and links under
    ``paths`` that cannot be walked. Only errors no input can cause
    (:data:`~govkg.ingest.readers.PROGRAMMING_ERRORS`) stop the build.
    What was worked around is in ``warnings``. ``progress(done, total, file)``
    is called as files are done. ``manifest`` (see :mod:`govkg.ingest.manifest`)
    overrides region, year, issuer and source per file. With
    ``incremental``, reports whose text, file name, manifest entry and
    pipeline are unchanged since the last build of ``graph_dir`` reuse their
    facts; the graph is the same as a clean build's. Extraction runs on
    ``jobs`` processes, or with ``engine="dask"`` on the Dask cluster at
    ``scheduler`` (a local one when it is ``None``); the graph and the facts
    are the same, byte for byte, whatever runs them.
    ``graph_dir`` is locked from start to end (see :func:`govkg.kg.store.graph_lock`).

    Raises
    ------
    ReadError
        If a path given does not exist.
    NothingToBuild
        If no report was read, unless ``allow_empty``; the graph is left as it was.
    govkg.kg.store.GraphFolderError
        If ``graph_dir`` holds files govkg did not write, or another build is writing it.
    ValueError
        For an unknown ``engine``.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    with graph_lock(graph_dir):
        return _Build(graph_dir, progress).run(paths, manifest, incremental, jobs, allow_empty, engine, scheduler)


class _Build:
    """One run of :func:`build`: the summary it fills as partitions come back."""

    def __init__(self, graph_dir: str | Path, progress: Callable[[int, int, str], None] | None) -> None:
        self.graph_dir, self.progress = graph_dir, progress
        self.s = BuildSummary()
        self.seen: set[str] = set()
        self.paths: list[str] = []
        self.without_region: list[str] = []
        self.done = self.total = 0
        self.waited = 0.0
        #: Reports to take out of each partition's facts: texts an earlier partition had.
        self.drops: dict[int, set[str]] = {}

    def run(self, paths: Iterable[str | Path], manifest: dict[str, dict[str, str]] | None, incremental: bool,
            jobs: int, allow_empty: bool, engine: str, scheduler: str | None) -> BuildSummary:
        t0 = time.perf_counter()
        s = self.s
        ignored: list[Path] = []
        unwalked: list[ReadError] = []
        loops: list[ReadError] = []
        items: list[Path | Document] = []
        for f in iter_paths(paths, ignored, unwalked, loops):
            if str(f) == STDIN:  # read here: a worker has no standard input
                try:
                    items.append(read_document(STDIN))
                except ReadError as e:
                    s.failed += 1
                    s.errors.append(str(e))
            else:
                items.append(f)
        s.skipped = len(ignored)
        s.errors += [str(e) for e in unwalked]
        s.failed += len(unwalked)
        s.warnings += [str(e) for e in loops]
        self.total = len(items)
        previous = _previous_facts(self.graph_dir) if incremental else None
        s.timings["read"] = time.perf_counter() - t0
        with new_graph_version(self.graph_dir) as new:
            facts_dir = new / FACTS_DIR
            with GraphWriter(new) as writer:
                outcomes = _outcomes(plan_partitions(items), facts_dir, manifest, previous, jobs, engine, scheduler,
                                     self._file_done, partial(graph_part, work=str(writer.work)))
                t = time.perf_counter()
                for part in self._parts(outcomes, facts_dir, writer.work):
                    writer.add(part)
                counts = writer.finish()
            s.timings["extract"] = self.waited
            s.timings["graph"] = time.perf_counter() - t - self.waited - counts["seconds"]
            s.timings["store"] = counts["seconds"]
            if not s.read and not allow_empty:
                raise NothingToBuild(self.graph_dir, s)
            for part, ids in sorted(self.drops.items()):
                drop_reports(facts_dir, part, ids)
            s.without_region = sorted(self.without_region)
            info = write_build_info(new, {"reports": s.read, "files": sorted(self.paths),
                                          "pipeline": pipeline_fingerprint()},
                                    counts["nodes"], counts["edges"], counts["tables"])
        s.nodes, s.edges = info["nodes"], info["edges"]
        s.seconds = time.perf_counter() - t0
        return s

    def _parts(self, outcomes: Iterator[PartitionOutcome], facts_dir: Path, work: Path) -> Iterator[GraphPart]:
        """Each partition's graph part, as the engine hands them back; tallies each file.

        A partition that holds a report an earlier one had is assembled
        again here, without it (the first file of equal texts stands for them all).
        """
        while True:
            t = time.perf_counter()
            outcome = next(outcomes, None)
            self.waited += time.perf_counter() - t
            if outcome is None:
                return
            for o in outcome.files:
                self._tally(outcome.part, o)
            dropped = self.drops.get(outcome.part)
            if not dropped:
                yield outcome.made
                continue
            outcome.made.discard()
            entries = outcome.entries if outcome.entries is not None else read_partition(facts_dir, outcome.part)
            yield graph_part(outcome.part, [e.facts for e in entries if e.facts.id not in dropped], work)

    def _tally(self, part: int, o: FileOutcome) -> None:
        s = self.s
        s.warnings += o.warnings
        if o.report is None:
            s.failed += 1
            s.errors.append(o.error)
        elif o.duplicate:
            s.duplicates += 1
        elif o.report in self.seen:  # the same text in an earlier partition
            s.duplicates += 1
            self.drops.setdefault(part, set()).add(o.report)
        else:
            self.seen.add(o.report)
            s.read += 1
            s.reused += o.reused
            s.chars += o.chars
            self.paths.append(o.path)
            if o.region:
                s.with_region += 1
            else:
                self.without_region.append(o.file)

    def _file_done(self, n: int, name: str) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, name)


def _previous_facts(graph_dir: str | Path) -> Path | None:
    """The facts folder of the build at ``graph_dir``, if there is one."""
    try:
        folder = current_build(graph_dir) / FACTS_DIR
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def _outcomes(partitions: list[list[Path | Document]], facts_dir: Path, manifest: dict[str, dict[str, str]] | None,
              previous: Path | None, jobs: int, engine: str, scheduler: str | None,
              progress: Callable[[int, str], None], then: Then) -> Iterator[PartitionOutcome]:
    """Each partition's outcome, in order, from the engine asked for; ``then`` runs where it was tagged."""
    if engine == "dask":
        from govkg.ingest.distributed import extract_partitions_dask

        return extract_partitions_dask(partitions, facts_dir, manifest, previous, scheduler, progress, then=then)
    # The facts stay on disk: what the build needs of them is in each outcome and each graph part.
    return extract_partitions(partitions, facts_dir, manifest, previous, jobs, progress, then=then, keep=False)
