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

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from govkg.ingest.extract import extract_facts
from govkg.ingest.nlp import make_nlp
from govkg.ingest.readers import ReadError, iter_paths, read_document
from govkg.ingest.records import Document, ReportFacts
from govkg.kg.graph import build_graph
from govkg.kg.store import save_graph_dir

__all__ = ["BuildSummary", "build", "extract_all"]


@dataclass
class BuildSummary:
    """What a build read, skipped and made."""

    read: int = 0
    failed: int = 0
    duplicates: int = 0
    chars: int = 0
    with_region: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    #: Seconds spent in each phase: read, extract, graph, store.
    timings: dict[str, float] = field(default_factory=dict)


def extract_all(documents: Iterable[Document], batch_size: int = 16) -> Iterable[ReportFacts]:
    """Facts for each document, tagged with one shared pipeline."""
    nlp = make_nlp()
    docs = list(documents) if not isinstance(documents, list) else documents
    for document, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        yield extract_facts(doc, document)


def build(paths: Iterable[str | Path], graph_dir: str | Path,
          progress: Callable[[int, int, str], None] | None = None) -> BuildSummary:
    """Build the graph of every report under ``paths`` into ``graph_dir``.

    Files that cannot be read are counted in ``failed`` with their reason in
    ``errors``; the rest are built. ``progress(done, total, file)`` is called
    after each file.

    Raises
    ------
    ReadError
        If a path given does not exist.
    """
    t0 = time.perf_counter()
    s = BuildSummary()
    files = list(iter_paths(paths))
    documents: list[Document] = []
    seen: set[str] = set()
    for i, f in enumerate(files, 1):
        try:
            d = read_document(f)
        except ReadError as e:
            s.failed += 1
            s.errors.append(str(e))
        else:
            if d.id in seen:
                s.duplicates += 1
            else:
                seen.add(d.id)
                documents.append(d)
                s.chars += len(d.text)
        if progress:
            progress(i, len(files) * 2, f.name)
    s.timings["read"] = time.perf_counter() - t0
    t = time.perf_counter()
    facts = []
    for i, fact in enumerate(extract_all(documents), 1):
        facts.append(fact)
        s.with_region += fact.region is not None
        if progress:
            progress(len(files) + i, len(files) * 2, fact.file)
    s.read = len(documents)
    s.timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    G = build_graph(facts)
    s.timings["graph"] = time.perf_counter() - t
    t = time.perf_counter()
    info = save_graph_dir(G, graph_dir, {"reports": s.read, "files": sorted(d.path for d in documents)})
    s.timings["store"] = time.perf_counter() - t
    s.nodes, s.edges = info["nodes"], info["edges"]
    s.seconds = time.perf_counter() - t0
    return s
