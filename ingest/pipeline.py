"""Files in, facts out: read the reports, tag them (on several processes), reuse cached facts.

:func:`read_reports` walks the paths and reads each report file once;
:func:`extract_reports` gives the facts and candidate mentions of each
report, from the facts cache (:mod:`govkg.ingest.cache`) where its key is
unchanged, else by tagging it (:func:`extract_parallel`). Each file stands
alone: what stops one (it cannot be read, or tagging it fails) is named in
``errors`` and the others go on; only errors no input can cause
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
>>> [(p.program, p.status) for p in out.facts[0].programs], out.reused
([('eighth_five_year_legal_education', 'implemented')], 0)
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from govkg.ingest.cache import cache_key, cached_facts
from govkg.ingest.candidates import CandidateRow, candidate_rows
from govkg.ingest.extract import report_facts
from govkg.ingest.manifest import apply_manifest
from govkg.ingest.nlp import make_nlp
from govkg.ingest.readers import PROGRAMMING_ERRORS, ReadError, internal_error, iter_paths, read_document, shown, text_name
from govkg.ingest.records import Document, ReportFacts
from spacy.language import Language

__all__ = ["Reading", "Extraction", "read_reports", "extract_reports", "extract_all", "extract_parallel",
           "default_jobs", "CHUNK"]

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

    #: Cached facts first, then the fresh ones, each in the order of the documents.
    facts: list[ReportFacts] = field(default_factory=list)
    #: Candidate mentions by report id.
    candidates: dict[str, list[CandidateRow]] = field(default_factory=dict)
    #: Facts-cache key by report id (see :func:`govkg.ingest.cache.cache_key`).
    keys: dict[str, str] = field(default_factory=dict)
    #: Reports whose facts came from the cache.
    reused: int = 0
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


def extract_reports(documents: list[Document], cache: dict[str, dict[str, Any]] | None = None, jobs: int = 1,
                    progress: Progress | None = None) -> Extraction:
    """Facts and candidate mentions of each of ``documents``, from ``cache`` or tagged on ``jobs`` processes.

    ``cache`` holds entries by key (see :func:`govkg.ingest.cache.read_cache`).
    The result does not depend on ``jobs``, nor on what the cache held.
    ``progress(done, total, file)`` counts reports, the cached ones first.
    """
    cache = cache or {}
    out = Extraction(keys={d.id: cache_key(d) for d in documents})
    fresh = []
    for d in documents:
        entry = cache.get(out.keys[d.id])
        if entry is None:
            fresh.append(d)
        else:
            facts, out.candidates[d.id] = cached_facts(entry, d)
            out.facts.append(facts)
    out.reused = done = len(out.facts)
    for chunk, results in extract_parallel(fresh, jobs):
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
    methods = multiprocessing.get_all_start_methods()
    # fork shares the imported modules with the workers (no second start-up);
    # spawn is the portable fallback.
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(min(jobs, len(chunks))) as pool:
        yield from zip(chunks, pool.imap(_extract_with_candidates, chunks))


def default_jobs() -> int:
    """One worker per CPU this process may use.

    >>> default_jobs() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
