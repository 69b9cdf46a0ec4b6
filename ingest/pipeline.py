"""Files in, facts out: read the reports and tag them, in memory or partition by partition to disk.

A build cuts the report files into partitions (:func:`plan_partitions`);
:func:`extract_partition` reads and tags one, reusing the previous build's
facts where a report's cache key (:mod:`govkg.ingest.cache`) is unchanged,
and writes its facts as Parquet (:mod:`govkg.ingest.tables`);
:func:`extract_partitions` runs them in order on one or several processes
(:mod:`govkg.ingest.distributed` on Dask). For small corpora in memory,
:func:`read_reports` reads each report file once and :func:`extract_reports`
gives their facts and candidate mentions. Each file stands alone: what
stops one (it cannot be read, or tagging it fails) is named and the others
go on; only errors no input can cause
(:data:`~govkg.ingest.readers.PROGRAMMING_ERRORS`) stop the run.

Examples
--------
>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp())
>>> _ = (src / "a.txt").write_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", encoding="utf-8")
>>> _ = (src / "b.txt").write_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", encoding="utf-8")
>>> read = read_reports([src])
>>> [d.file for d in read.documents], read.duplicates
(['a.txt'], 1)
>>> out = extract_reports(read.documents)
>>> [(p.program, p.status) for p in out.facts[0].programs]
[('eighth_five_year_legal_education', 'implemented')]
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

import pyarrow as pa
from govkg.ingest.cache import cache_key
from govkg.ingest.candidates import CandidateRow, candidate_rows
from govkg.ingest.extract import report_facts
from govkg.ingest.manifest import apply_manifest
from govkg.ingest.nlp import make_nlp
from govkg.ingest.readers import PROGRAMMING_ERRORS, ReadError, internal_error, iter_paths, read_document, shown, text_name
from govkg.ingest.records import Document, ReportFacts
from govkg.ingest.tables import ReportEntry, key_index, read_partition, write_partition
from spacy.language import Language

__all__ = ["Reading", "Extraction", "read_reports", "extract_reports", "extract_all", "extract_parallel",
           "default_jobs", "CHUNK", "plan_partitions", "FileOutcome", "PartitionOutcome", "extract_partition",
           "extract_partitions", "run_partition", "Then", "MAX_PARTITION", "PARTITIONS"]

T = TypeVar("T")

#: ``progress(done, total, file)``, called as files are read or tagged.
Progress = Callable[[int, int, str], None]


@dataclass
class Reading:
    """The reports read under some paths, and what could not be read."""

    #: Each report once (the first file of equal texts), in the order of the paths.
    documents: list[Document] = field(default_factory=list)
    #: Report files found (read or not).
    files: int = 0
    #: Files in the folders given that are not reports by their type.
    skipped: int = 0
    #: Files whose text another file already had.
    duplicates: int = 0
    #: One line for each file that could not be read, and each folder or link that could not be walked.
    errors: list[str] = field(default_factory=list)
    #: What was wrong but worked around, one line each.
    warnings: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """The facts and candidate mentions of the reports that could be tagged."""

    #: In the order of the documents.
    facts: list[ReportFacts] = field(default_factory=list)
    #: Candidate mentions by report id.
    candidates: dict[str, list[CandidateRow]] = field(default_factory=dict)
    #: Facts-cache key by report id (see :func:`govkg.ingest.cache.cache_key`).
    keys: dict[str, str] = field(default_factory=dict)
    #: Ids of the reports whose tagging failed, and one line for each.
    failed: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def read_reports(paths: Iterable[str | Path], manifest: dict[str, dict[str, str]] | None = None,
                 progress: Progress | None = None) -> Reading:
    """Read every report under ``paths`` (see :func:`govkg.ingest.readers.iter_paths`).

    ``manifest`` (see :mod:`govkg.ingest.manifest`) overrides region, year,
    issuer and source per file. File names that are not UTF-8 become text every
    store can hold (:func:`~govkg.ingest.readers.text_name`). ``progress`` is
    called after each file with a total of twice the files (tagging is the
    second half).

    Raises
    ------
    ReadError
        If a path given does not exist.
    """
    r = Reading()
    ignored: list[Path] = []
    unwalked: list[ReadError] = []
    loops: list[ReadError] = []
    files = list(iter_paths(paths, ignored, unwalked, loops))
    r.files, r.skipped = len(files), len(ignored)
    r.errors += [str(e) for e in unwalked]
    r.warnings += [str(e) for e in loops]
    seen: set[str] = set()
    for i, f in enumerate(files, 1):
        try:
            d = read_document(f)
            if manifest:
                d = apply_manifest(d, manifest)
            d.file, d.path = text_name(d.file), text_name(d.path)
        except ReadError as e:
            r.errors.append(str(e))
        else:
            r.warnings += [f"{shown(d.path)}: {w}" for w in d.warnings]
            if d.id in seen:
                r.duplicates += 1
            else:
                seen.add(d.id)
                r.documents.append(d)
        if progress:
            progress(i, len(files) * 2, f.name)
    return r


def extract_reports(documents: list[Document], jobs: int = 1, progress: Progress | None = None) -> Extraction:
    """Facts and candidate mentions of each of ``documents``, tagged on ``jobs`` processes, in memory.

    The result does not depend on ``jobs``. ``progress(done, total, file)``
    counts reports. (A build writes facts to disk partition by partition
    instead: see :func:`extract_partitions`.)
    """
    out = Extraction(keys={d.id: cache_key(d) for d in documents})
    done = 0
    for chunk, results in extract_parallel(documents, jobs):
        for d, result in zip(chunk, results):
            if isinstance(result, ReadError):
                out.failed.add(d.id)
                out.errors.append(str(result))
                continue
            facts, out.candidates[d.id] = result
            out.facts.append(facts)
        done += len(chunk)
        if progress:
            progress(done, len(documents), chunk[-1].file)
    return out


def extract_all(documents: Iterable[Document], batch_size: int = 16, nlp: Language | None = None) -> Iterator[ReportFacts]:
    """Facts for each document, tagged with one shared pipeline (``nlp``, or a new one), one at a time.

    Long reports are tagged in sections (see :func:`govkg.ingest.extract.report_facts`).
    ``batch_size`` is kept for callers; the components have no batch step, so it changes nothing.
    """
    docs = list(documents) if not isinstance(documents, list) else documents
    if not docs:
        return
    nlp = nlp or make_nlp()
    for document in docs:
        yield report_facts(nlp, document)


@lru_cache(maxsize=1)
def _process_nlp() -> Language:
    """This process's pipeline (a forked worker inherits its parent's)."""
    return make_nlp()


def _extract_with_candidates(docs: list[Document]) -> list[tuple[ReportFacts, list[CandidateRow]] | ReadError]:
    """Facts and candidate mentions of each of ``docs``, or the error that stopped that one report.

    One unit of work, in this process or a worker. A report that makes
    tagging fail is named as an internal error and the others go on;
    errors no input can cause (:data:`PROGRAMMING_ERRORS`) stop the run.
    """
    nlp = _process_nlp()
    out: list[tuple[ReportFacts, list[CandidateRow]] | ReadError] = []
    for d in docs:
        try:
            f = report_facts(nlp, d)
            out.append((f, candidate_rows(d.text, f)))
        except PROGRAMMING_ERRORS:
            raise
        except Exception as e:  # noqa: BLE001 - one report must not stop the others
            out.append(internal_error(d.path, "tagging", e))
    return out


#: Reports per task sent to a worker: large enough to amortise the pickling,
#: small enough to keep both the progress bar and the workers busy.
CHUNK = 32


def extract_parallel(documents: list[Document], jobs: int = 1
                     ) -> Iterator[tuple[list[Document], list[tuple[ReportFacts, list[CandidateRow]] | ReadError]]]:
    """Facts and candidates (or the error) of each of ``documents`` in chunks, in input order, on ``jobs`` processes.

    With ``jobs`` 1 everything runs here. Otherwise each worker builds its
    own pipeline and results come back in the order of ``documents``, so the
    graph is the same, byte for byte, whatever ``jobs`` is.
    """
    # Small inputs in smaller chunks, so that every worker gets some.
    size = CHUNK if jobs <= 1 else max(1, min(CHUNK, -(-len(documents) // (4 * jobs))))
    chunks = [documents[i:i + size] for i in range(0, len(documents), size)]
    if chunks:
        _process_nlp()  # built once, before any fork
    if jobs <= 1 or len(chunks) <= 1:
        for c in chunks:
            yield c, _extract_with_candidates(c)
        return
    with _pool(min(jobs, len(chunks))) as pool:
        yield from zip(chunks, pool.imap(_extract_with_candidates, chunks))


def _pool(processes: int) -> Any:
    """A pool of worker processes: forked where the system can (the workers share the
    imported modules and the pipeline built before, no second start-up), else spawned."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn").Pool(processes)


#: A partition holds at most this many report files ...
MAX_PARTITION = 512
#: ... and a corpus is cut into about this many partitions, so that small corpora still spread over workers.
#: Each partition costs a file per kind of fact, a run and a file per table for the store: fewer,
#: larger ones are faster (64 partitions of 2,000 reports spent a tenth of the build writing 500 small files);
#: smaller ones hold less (at 32,000 reports, partitions of 1,024 peaked at 1,516 MB, of 256 at 1,431 MB).
PARTITIONS = 16


def plan_partitions(files: Sequence[T]) -> list[list[T]]:
    """``files`` cut into partitions, in order; the cut depends only on how many there are.

    A partition is the unit of work of every engine (one process, ``-j``,
    Dask) and one file of each kind of facts (see :mod:`govkg.ingest.tables`),
    so the facts and the graph are the same whatever runs them.

    >>> [len(p) for p in plan_partitions(list(range(5)))]
    [1, 1, 1, 1, 1]
    >>> len(plan_partitions(list(range(2000)))), len(plan_partitions(list(range(100_000))))
    (16, 196)
    """
    size = min(MAX_PARTITION, max(1, -(-len(files) // PARTITIONS)))
    return [list(files[i:i + size]) for i in range(0, len(files), size)]


@dataclass
class FileOutcome:
    """What became of one report file of a partition."""

    #: The file's path as given (as text every store can hold).
    path: str
    #: The report's id; ``None`` if the file could not be read or tagged.
    report: str | None = None
    file: str = ""
    chars: int = 0
    #: Whether the report's region is known.
    region: bool = False
    #: Whether its facts came from the previous build.
    reused: bool = False
    #: Whether a file before it in the partition has the same text (its facts are that file's).
    duplicate: bool = False
    #: Why it could not be read or tagged, on one line.
    error: str | None = None
    #: What was worked around, one line each (named by file).
    warnings: tuple[str, ...] = ()


@dataclass
class PartitionOutcome:
    """The outcome of :func:`extract_partition`: one :class:`FileOutcome` per file, in order."""

    part: int
    files: list[FileOutcome] = field(default_factory=list)
    #: The facts written, when the caller asked to keep them.
    entries: list[ReportEntry] | None = None
    #: What the ``then`` of :func:`extract_partitions` made of the facts, where they were tagged.
    made: Any = None


@lru_cache(maxsize=2)
def _previous_keys(previous: str) -> dict[str, tuple[int, str]]:
    """The previous build's facts by cache key (this process reads them once)."""
    try:
        return key_index(previous)
    except (OSError, ValueError, KeyError, pa.ArrowException):  # missing or damaged: only a slower build
        return {}


def extract_partition(part: int, items: Sequence[str | Path | Document], facts_dir: str | Path,
                      manifest: dict[str, dict[str, str]] | None = None, previous: str | Path | None = None,
                      keep: bool = False, progress: Callable[[int, str], None] | None = None) -> PartitionOutcome:
    """Read and tag the report files ``items``, and write their facts as partition ``part`` of ``facts_dir``.

    ``items`` are paths (``-`` for standard input is read by the caller and
    passed as its :class:`Document`). ``manifest`` (see
    :mod:`govkg.ingest.manifest`) overrides region, year, issuer and source
    per file. A report whose cache key (:func:`govkg.ingest.cache.cache_key`)
    is among the facts of the build in ``previous`` (a facts folder) reuses
    them. Each file stands alone: what stops one is named in its outcome;
    only errors no input can cause (:data:`PROGRAMMING_ERRORS`) stop the
    partition. ``keep`` returns the facts too; ``progress(1, file)`` is called
    after each file. Memory holds one report's text at a time.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", encoding="utf-8")
    >>> out = extract_partition(0, [src / "a.txt"], tempfile.mkdtemp(), keep=True)
    >>> [(f.file, f.region, f.reused) for f in out.files], out.entries[0].facts.programs[0].program
    ([('a.txt', True, False)], 'eighth_five_year_legal_education')
    """
    out = PartitionOutcome(part)
    index = _previous_keys(str(previous)) if previous else {}
    # An entry, or a report whose entry is to be taken from the previous build (by its key).
    entries: list[ReportEntry | None | tuple[str, Document, FileOutcome]] = []
    wanted: dict[int, set[str]] = {}
    seen: set[str] = set()
    for item in items:
        try:
            d = item if isinstance(item, Document) else read_document(item)
            if manifest:
                d = apply_manifest(d, manifest)
            d.file, d.path = text_name(d.file), text_name(d.path)
        except ReadError as e:
            out.files.append(FileOutcome(text_name(str(item)), error=str(e)))
            if progress:
                progress(1, Path(str(item)).name)
            continue
        o = FileOutcome(d.path, d.id, d.file, len(d.text), warnings=tuple(f"{shown(d.path)}: {w}" for w in d.warnings))
        out.files.append(o)
        if d.id in seen:
            o.duplicate = True
        else:
            key = cache_key(d)
            hit = index.get(key)
            if hit is not None:
                wanted.setdefault(hit[0], set()).add(hit[1])
                entries.append((key, d, o))
                o.reused = True
            else:
                entries.append(_tag(d, key, o))
            if o.report is not None:
                seen.add(d.id)
        if progress:
            progress(1, d.file)
    old = _previous_entries(previous, wanted) if wanted else {}
    written: list[ReportEntry] = []
    for e in entries:
        if isinstance(e, tuple):
            key, d, o = e
            # An entry the previous build's index named but its files no longer hold: tag the report again.
            e = old.get(key) or _tag(d, key, o)
            o.reused = key in old
        if e is not None:
            written.append(e)
    by_id = {e.facts.id: e for e in written}
    for o in out.files:
        if o.report in by_id:
            o.region = by_id[o.report].facts.region is not None
    write_partition(facts_dir, part, written)
    if keep:
        out.entries = written
    return out


def _tag(d: Document, key: str, o: FileOutcome) -> ReportEntry | None:
    """``d``'s facts and candidates, or ``None`` with the reason in ``o`` (the report is then not read)."""
    try:
        facts = report_facts(_process_nlp(), d)
        return ReportEntry(key, facts, candidate_rows(d.text, facts))
    except PROGRAMMING_ERRORS:
        raise
    except Exception as e:  # noqa: BLE001 - one report must not stop the others
        o.report, o.error = None, str(internal_error(d.path, "tagging", e))
        return None


def _previous_entries(previous: str | Path | None, wanted: dict[int, set[str]]) -> dict[str, ReportEntry]:
    """The previous build's entries of the reports ``wanted`` (by partition), by key; damaged ones are left out."""
    found: dict[str, ReportEntry] = {}
    for part, ids in sorted(wanted.items()):
        try:
            found.update((e.key, e) for e in read_partition(previous, part, ids))  # type: ignore[arg-type]
        except (OSError, ValueError, KeyError, pa.ArrowException):
            continue
    return found


#: What a partition's facts are handed to where they were tagged (see :func:`extract_partitions`).
Then = Callable[[int, list[ReportFacts]], Any]


def run_partition(part: int, items: Sequence[str | Path | Document], facts_dir: str | Path,
                  manifest: dict[str, dict[str, str]] | None = None, previous: str | Path | None = None,
                  then: Then | None = None, keep: bool = False,
                  progress: Callable[[int, str], None] | None = None) -> PartitionOutcome:
    """:func:`extract_partition`, then ``then(part, facts)`` of the facts written, kept in the outcome's ``made``.

    The unit of work of every engine. Unless ``keep``, the outcome leaves
    the facts out (the caller reads them from ``facts_dir`` if it must).
    """
    out = extract_partition(part, items, facts_dir, manifest, previous, keep=True, progress=progress)
    if then is not None:
        out.made = then(part, [e.facts for e in out.entries or ()])
    if not keep:
        out.entries = None
    return out


def _run_partition_task(args: tuple[Any, ...]) -> PartitionOutcome:
    return run_partition(*args)


def extract_partitions(partitions: Sequence[Sequence[str | Path | Document]], facts_dir: str | Path,
                       manifest: dict[str, dict[str, str]] | None = None, previous: str | Path | None = None,
                       jobs: int = 1, progress: Callable[[int, str], None] | None = None,
                       then: Then | None = None, keep: bool = True) -> Iterator[PartitionOutcome]:
    """:func:`extract_partition` of each of ``partitions`` (numbered from 0), in order, on ``jobs`` processes.

    With one job the facts are kept in each outcome (``entries``, unless not ``keep``) and
    ``progress(1, file)`` is called after each file; with more, each worker
    builds its own pipeline, the outcomes come back in order without their
    facts (read them from ``facts_dir``), and ``progress(files, last file)`` is
    called after each partition. ``then(part, facts)``, if given, runs where
    the partition was tagged, on the facts it wrote; what it returns is the
    outcome's ``made`` (it must pickle, to come back from a worker). The facts
    written do not depend on ``jobs``.
    """
    if previous:
        _previous_keys(str(previous))  # read once, before any fork
    if jobs <= 1 or len(partitions) <= 1:
        for i, items in enumerate(partitions):
            yield run_partition(i, items, facts_dir, manifest, previous, then, keep=keep, progress=progress)
        return
    _process_nlp()  # built once, before any fork
    tasks = [(i, list(items), str(facts_dir), manifest, str(previous) if previous else None, then)
             for i, items in enumerate(partitions)]
    with _pool(min(jobs, len(tasks))) as pool:
        for outcome in pool.imap(_run_partition_task, tasks):
            if progress and outcome.files:
                progress(len(outcome.files), Path(outcome.files[-1].path).name)
            yield outcome


def default_jobs() -> int:
    """One worker per CPU this process may use.

    >>> default_jobs() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
