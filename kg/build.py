"""Build a graph directory from report files: read, tag, extract, link, store.

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

import hashlib
import json
import multiprocessing
import os
import time
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator

from govkg.ingest.extract import report_facts
from govkg.ingest.manifest import apply_manifest
from govkg.ingest.nlp import make_nlp
from govkg.ingest.readers import PROGRAMMING_ERRORS, ReadError, internal_error, iter_paths, read_document, shown
from govkg.ingest.records import Document, ReportFacts, facts_from_dict, facts_to_dict
from govkg.kg.candidates import CANDIDATES_FILE, CandidateRow, candidate_rows, candidates_to_jsonl
from govkg.kg.graph import build_graph
from govkg.kg.names import text_name
from govkg.kg.store import graph_folder, graph_lock, save_graph_dir
from spacy.language import Language

__all__ = ["BuildSummary", "NothingToBuild", "build", "extract_all", "extract_parallel", "default_jobs", "pack_evidence",
           "unpack_evidence", "pipeline_fingerprint", "FACTS_FILE"]


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


def extract_all(documents: Iterable[Document], batch_size: int = 16, nlp: Language | None = None) -> Iterable[ReportFacts]:
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
    """This process's pipeline for builds (a forked worker inherits its parent's)."""
    return make_nlp()


def _extract_with_candidates(docs: list[Document]) -> list[tuple[ReportFacts, list[CandidateRow]] | ReadError]:
    """Facts and candidate mentions of each of ``docs``, or the error that stopped that one report.

    One unit of work, in this process or a worker. A report that makes
    tagging fail is named as an internal error and the others go on;
    errors no input can cause (:data:`PROGRAMMING_ERRORS`) stop the build.
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
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


FACTS_FILE = "facts.jsonl"


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """A hash of everything extraction depends on: the ingest code, the schema
    files (the lexicon and the division table), candidate detection and spaCy's version."""
    import govkg.ingest
    import govkg.schema

    h = hashlib.sha256()
    for pkg in (govkg.ingest, govkg.schema):
        root = Path(pkg.__file__).parent
        for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".tsv") and "__pycache__" not in p.parts):
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    # Candidate detection is cached with the facts.
    h.update(Path(__file__).with_name("candidates.py").read_bytes())
    for dist in ("govkg", "spacy"):
        try:
            h.update(f"{dist}=={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:16]


def _cache_key(d: Document) -> str:
    # The file name is part of the facts: a report without a title line is
    # titled by it, so a renamed file is read again.
    meta = json.dumps(d.meta, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{pipeline_fingerprint()}|{d.sha256}|{d.file}|{meta}".encode()).hexdigest()[:32]


_EVIDENCE_LISTS = ("agencies", "programs", "honors", "policies", "people")


def _evidences(facts: dict) -> Iterator[dict]:
    """The evidence dicts inside a :func:`facts_to_dict` dict."""
    if facts.get("issuer"):
        yield facts["issuer"]["evidence"]
    for key in _EVIDENCE_LISTS:
        for item in facts.get(key, ()):
            yield item["evidence"]


def pack_evidence(facts: dict, text: str) -> dict:
    """Replace each evidence sentence found in ``text`` by ``[offset, length]`` (in place).

    The facts cache is keyed by the text's hash, so the text is at hand
    whenever an entry is read back; sentences repeated for every fact made
    the cache larger than the graph.

    >>> f = {"issuer": None, "programs": [{"evidence": {"sentence": "推进述法。", "start": 3, "end": 5}}]}
    >>> pack_evidence(f, "一、\\n推进述法。")["programs"][0]["evidence"]["sentence"]
    [3, 5]
    >>> unpack_evidence(f, "一、\\n推进述法。")["programs"][0]["evidence"]["sentence"]
    '推进述法。'
    """
    for ev in _evidences(facts):
        sentence = ev["sentence"]
        i = text.find(sentence, max(0, ev["start"] - len(sentence)))
        if sentence and i >= 0:
            ev["sentence"] = [i, len(sentence)]
    return facts


def unpack_evidence(facts: dict, text: str) -> dict:
    """Undo :func:`pack_evidence` (in place)."""
    for ev in _evidences(facts):
        if isinstance(ev["sentence"], list):
            i, n = ev["sentence"]
            ev["sentence"] = text[i:i + n]
    return facts


def _read_cache(graph_dir: str | Path) -> dict[str, dict]:
    path = graph_folder(graph_dir) / FACTS_FILE
    cache: dict[str, dict] = {}
    if not path.is_file():
        return cache
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            cache[entry["key"]] = entry
    except (ValueError, KeyError):
        return {}  # a damaged cache is only a slower build
    return cache


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
    the reports (see :func:`extract_parallel`); the graph does not depend on it.
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
    ignored: list[Path] = []
    unwalked: list[ReadError] = []
    loops: list[ReadError] = []
    files = list(iter_paths(paths, ignored, unwalked, loops))
    s.skipped = len(ignored)
    s.failed += len(unwalked)
    s.errors += [str(e) for e in unwalked]
    s.warnings += [str(e) for e in loops]
    documents: list[Document] = []
    seen: set[str] = set()
    for i, f in enumerate(files, 1):
        try:
            d = read_document(f)
            if manifest:
                d = apply_manifest(d, manifest)
            # Names in bytes that are not UTF-8 become text every store can hold (see govkg.kg.names).
            d.file, d.path = text_name(d.file), text_name(d.path)
        except ReadError as e:
            s.failed += 1
            s.errors.append(str(e))
        else:
            s.warnings += [f"{shown(d.path)}: {w}" for w in d.warnings]
            if d.id in seen:
                s.duplicates += 1
            else:
                seen.add(d.id)
                documents.append(d)
                s.chars += len(d.text)
        if progress:
            progress(i, len(files) * 2, f.name)
    s.timings["read"] = time.perf_counter() - t0
    if not documents and not allow_empty:
        raise NothingToBuild(graph_dir, s)
    t = time.perf_counter()
    cache = _read_cache(graph_dir) if incremental else {}
    keys = {d.id: _cache_key(d) for d in documents}
    facts = []
    fresh = [d for d in documents if keys[d.id] not in cache]
    candidates: dict[str, list[CandidateRow]] = {}
    for d in documents:
        entry = cache.get(keys[d.id])
        if entry is not None:
            cached = facts_from_dict(unpack_evidence(entry["facts"], d.text))
            cached.file = d.file
            facts.append(cached)
            candidates[d.id] = [replace(CandidateRow(**r), file=d.file) for r in entry.get("candidates", [])]
    s.reused = len(facts)
    done = len(files) + s.reused
    untagged: set[str] = set()
    for chunk, results in extract_parallel(fresh, jobs):
        for d, result in zip(chunk, results):
            if isinstance(result, ReadError):
                s.failed += 1
                s.errors.append(str(result))
                untagged.add(d.id)
                continue
            fact, rows = result
            facts.append(fact)
            # Names that look like local initiatives but are not in the lexicon, for kg candidates.
            candidates[d.id] = rows
        done += len(chunk)
        if progress:
            progress(done, len(files) * 2, chunk[-1].file)
    if untagged:
        documents = [d for d in documents if d.id not in untagged]
        s.chars = sum(len(d.text) for d in documents)
    s.with_region = sum(f.region is not None for f in facts)
    s.without_region = sorted(f.file for f in facts if f.region is None)
    s.read = len(documents)
    by_id = {f.id: f for f in facts}
    s.timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    G = build_graph(facts)
    s.timings["graph"] = time.perf_counter() - t
    t = time.perf_counter()
    ordered = sorted(documents, key=lambda d: d.id)

    def cache_text() -> str:
        return "".join(
            json.dumps({"key": keys[d.id], "facts": pack_evidence(facts_to_dict(by_id[d.id]), d.text),
                        "candidates": [asdict(r) for r in candidates[d.id]]}, ensure_ascii=False, sort_keys=True) + "\n"
            for d in ordered)

    info = save_graph_dir(G, graph_dir, {"reports": s.read, "files": sorted(d.path for d in documents),
                                         "pipeline": pipeline_fingerprint()},
                          extra={FACTS_FILE: cache_text,
                                 CANDIDATES_FILE: lambda: candidates_to_jsonl(r for d in ordered for r in candidates[d.id])})
    s.timings["store"] = time.perf_counter() - t
    s.nodes, s.edges = info["nodes"], info["edges"]
    s.seconds = time.perf_counter() - t0
    return s
