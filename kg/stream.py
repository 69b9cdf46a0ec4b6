"""The graph of a corpus larger than memory: reports' facts in, the stored graph out, one partition at a time.

:func:`write_graph_files` adds each partition of reports to a
:class:`~govkg.kg.graph.GraphAssembler`, which keeps the nodes and the edges
reports share, and writes the rest out at once: each partition's own edges,
sorted, as a run of ``graph.json`` lines, and as the files LadybugDB's
``COPY`` loads. Once every partition is in, ``graph.json`` is the nodes in
order of id, then the runs merged; it is the text
:func:`~govkg.kg.graph.graph_to_json` gives for the graph
:func:`~govkg.kg.graph.build_graph` builds from the same facts, byte for
byte. Memory holds the nodes and shared edges, one partition's facts and
edges, and a few lines of each run; not the evidence of the corpus.

Examples
--------
>>> import tempfile, pathlib
>>> from govkg.ingest.pipeline import extract_all
>>> from govkg.ingest.readers import document_from_text
>>> from govkg.kg.graph import build_graph, graph_to_json
>>> docs = [document_from_text(f"博爱县司法局2023年报告\\n我县推进“八五”普法和{p}。", f"{i}.txt") for i, p in enumerate(["法律明白人", "述法"])]
>>> facts = list(extract_all(docs))
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> counts = write_graph_files([[facts[0]], [facts[1]]], out)
>>> (out / "graph.json").read_text(encoding="utf-8") == graph_to_json(build_graph(facts))
True
>>> counts["edges"] == build_graph(facts).number_of_edges()
True
"""
from __future__ import annotations

import gc
import heapq
import marshal
import shutil
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from govkg.ingest.records import ReportFacts
from govkg.kg.graph import JSON_HEAD, JSON_MIDDLE, JSON_TAIL, Edge, GraphAssembler, edge_json, node_json
from govkg.kg.ladybug_store import CopyFile, node_files, rel_files
from govkg.kg.store import GRAPH_JSON, LADYBUG_FILE, LadybugLoad
from govkg.schema.lexicon import Lexicon

__all__ = ["write_graph_files", "RUN_BATCH"]

#: Lines read from each run at a time while merging them.
RUN_BATCH = 512

def _write_run(path: Path, edges: list[Edge]) -> None:
    """One sorted run: each edge's sort key and its ``graph.json`` line, in chunks of :data:`RUN_BATCH`.

    The run lives only while the build does, in this process: ``marshal``
    writes and reads it at C speed, and a reader holds one chunk.
    """
    rows = [(u, v, k, edge_json(u, v, k, d)) for u, v, k, d in edges]
    with open(path, "wb") as fh:
        for i in range(0, len(rows), RUN_BATCH):
            marshal.dump(rows[i:i + RUN_BATCH], fh)


def _read_run(path: Path) -> Iterator[tuple[str, str, str, str]]:
    with open(path, "rb") as fh:
        while True:
            try:
                chunk = marshal.load(fh)
            except EOFError:
                return
            yield from chunk


def write_graph_files(partitions: Iterable[Iterable[ReportFacts]], folder: str | Path,
                      lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Write ``graph.json`` and ``graph.lbug`` of the reports in ``partitions`` into ``folder``.

    Each item of ``partitions`` is read once, in order; a report whose id came
    before is left out (the first file of equal texts stands for them all).
    Returns the counts: ``nodes``, ``edges`` and ``tables`` (rows per store table),
    and the ``seconds`` spent writing the stores once the last partition was in.

    Raises
    ------
    govkg.kg.ladybug_store.LadybugError
        If the embedded store cannot be loaded.
    """
    folder = Path(folder)
    work = folder / ".assemble"
    runs_dir, copy_dir = work / "runs", work / "copy"
    runs_dir.mkdir(parents=True)
    copy_dir.mkdir()
    try:
        a = GraphAssembler(lexicon)
        label_of = _labels(a)
        runs: list[Path] = []
        copies: list[CopyFile] = []
        edges_n = 0

        def spill(edges: list[Edge]) -> None:
            nonlocal edges_n
            if not edges:
                return
            run = runs_dir / f"{len(runs):05d}.run"
            _write_run(run, edges)
            runs.append(run)
            copies.extend(rel_files(((u, v, d) for u, v, _, d in edges), label_of, copy_dir, tag=f"-{run.stem}"))
            edges_n += len(edges)

        for part in partitions:
            edges: list[Edge] = []
            for facts in part:
                edges += a.add(facts)
            edges.sort(key=lambda e: (e[0], e[1], e[2]))
            spill(edges)
        nodes = a.finish()
        spill(a.shared_edges())
        ids = sorted(nodes)
        t = time.perf_counter()
        copies = node_files((nodes[n] for n in ids), copy_dir) + copies  # each rel_files call wrote its own files
        out = open(folder / GRAPH_JSON, "w", encoding="utf-8", newline="\n")
        try:
            out.write(JSON_HEAD)
            for i, n in enumerate(ids):
                out.write(node_json(nodes[n]) if i == 0 else ",\n" + node_json(nodes[n]))
            out.write(JSON_MIDDLE)
            # The nodes are written: let them go before the embedded store takes its memory.
            nodes_n = len(ids)
            nodes.clear()
            del a, nodes, ids
            gc.collect()
            loader = LadybugLoad(folder / LADYBUG_FILE, copies)
            loader.start()
            try:
                first = True
                for _, _, _, line in heapq.merge(*(_read_run(r) for r in runs), key=lambda row: row[:3]):
                    out.write(line if first else ",\n" + line)
                    first = False
                out.write(JSON_TAIL)
            finally:
                tables = loader.result()
        finally:
            out.close()
        return {"nodes": nodes_n, "edges": edges_n, "tables": tables, "seconds": time.perf_counter() - t}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _labels(a: GraphAssembler) -> Any:
    """The label of a node ``a`` holds, by id."""
    nodes = a.nodes
    return lambda nid: nodes[nid]["label"]
