"""The graph of a corpus larger than memory: reports' facts in, the stored graph out, one partition at a time.

Each partition of reports is assembled on its own (:func:`graph_part`, in
whichever process tagged it): a :class:`~govkg.kg.graph.GraphAssembler`
takes its reports, and the edges that belong to one report are written out
at once, sorted, as a run of ``graph.json`` lines and as the files
LadybugDB's ``COPY`` loads; what is left (the nodes, the names given them,
the edges reports share) is a :class:`GraphPart`, small enough to hand
back. A :class:`GraphWriter` merges the parts in partition order and, once
every part is in, writes ``graph.json`` (the nodes in order of id, then the
runs merged) and ``graph.lbug``. ``graph.json`` is the text
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

import bisect
import ctypes
import gc
import marshal
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from govkg.ingest.records import ReportFacts
from govkg.kg.graph import JSON_HEAD, JSON_MIDDLE, JSON_TAIL, Edge, GraphAssembler, Held, edge_json, node_json
from govkg.kg.ladybug_store import CopyFile, node_files, rel_files
from govkg.kg.store import GRAPH_JSON, LADYBUG_FILE, LadybugLoad
from govkg.schema.lexicon import Lexicon

__all__ = ["write_graph_files", "graph_part", "GraphPart", "GraphWriter", "RUN_BATCH"]

#: Lines read from each run at a time while merging them.
RUN_BATCH = 512

def _write_run(path: Path, edges: list[Edge]) -> None:
    """One sorted run: each edge's sort key and its ``graph.json`` line (UTF-8), in chunks of :data:`RUN_BATCH`.

    The run lives only while the build does, in this process: ``marshal``
    writes and reads it at C speed, and a reader holds one chunk. The lines
    are encoded once, here: as bytes they cross the run and reach
    ``graph.json`` copied, where text would be encoded to the run, decoded
    from it and encoded again into the file (most of a line is its evidence,
    in Chinese).
    """
    rows = [(u, v, k, edge_json(u, v, k, d).encode()) for u, v, k, d in edges]
    with open(path, "wb") as fh:
        for i in range(0, len(rows), RUN_BATCH):
            # Length-prefixed: marshal.load() on a file reads it a field at a time, loads() of one read does not.
            chunk = marshal.dumps(rows[i:i + RUN_BATCH])
            fh.write(len(chunk).to_bytes(8, "little"))
            fh.write(chunk)


def _read_chunks(path: Path) -> Iterator[list[tuple[str, str, str, bytes]]]:
    """The chunks of the run at ``path``, in order."""
    with open(path, "rb") as fh:
        while head := fh.read(8):
            yield marshal.loads(fh.read(int.from_bytes(head, "little")))


def _merged_blocks(runs: list[Path]) -> Iterator[list[tuple[str, str, str, bytes]]]:
    """The rows of sorted ``runs`` (their keys and ``graph.json`` lines), merged in order of their keys,
    a block (never empty) at a time.

    A block merge: while each run holds one chunk in memory, every row up to
    the smallest last key of a run that has more to read is ready; those rows
    are sorted together (Timsort merges the sorted pieces in C) and given
    out, and the runs that ran dry read their next chunk. Memory holds a
    chunk per run, as ``heapq.merge`` would, at a fraction of its time.

    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _write_run(d / "a", [("a", "x", "T", {}), ("c", "x", "T", {})])
    >>> _write_run(d / "b", [("b", "x", "T", {})])
    >>> [json.loads(row[3])["source"] for block in _merged_blocks([d / "a", d / "b"]) for row in block]
    ['a', 'b', 'c']
    """
    readers = [_read_chunks(r) for r in runs]
    chunks = [next(r, []) for r in readers]
    while True:
        live = [i for i, c in enumerate(chunks) if c]
        if not live:
            return
        # A run's rows after its current chunk come after its chunk's last row: every row up to the
        # least of those last rows is final. Keys (source, target, key) are unique, so rows compare
        # on them and never reach the lines.
        fence = min(chunks[i][-1] for i in live)
        ready: list[tuple[str, str, str, bytes]] = []
        for i in live:
            c = chunks[i]
            n = bisect.bisect_right(c, fence)
            if n == len(c):
                ready += c
                chunks[i] = next(readers[i], [])
            elif n:
                ready += c[:n]
                chunks[i] = c[n:]
        ready.sort()
        yield ready


@dataclass
class GraphPart:
    """One partition of reports assembled (:func:`graph_part`): what the :class:`GraphWriter` merges.

    ``held`` is what the partition's assembler held (nodes, names, shared
    edges, report ids); ``run`` and ``copies`` are the files of its reports'
    own edges, ``edges`` how many there are.
    """

    part: int
    held: Held
    run: Path | None
    copies: list[CopyFile] = field(default_factory=list)
    edges: int = 0

    def discard(self) -> None:
        """Remove the part's files (its reports are to be assembled again)."""
        for f in ([self.run] if self.run else []) + [c.path for c in self.copies]:
            f.unlink(missing_ok=True)


def graph_part(part: int, facts: Iterable[ReportFacts], work: str | Path, lexicon: Lexicon | None = None) -> GraphPart:
    """Assemble the reports ``facts`` of partition ``part``, writing their own edges into ``work``.

    ``work`` is a :class:`GraphWriter`'s :attr:`~GraphWriter.work` folder:
    the run goes to ``runs/{part:05d}.run``, the store's files to ``copy/``
    (see :func:`govkg.kg.ladybug_store.rel_files`). A report given twice
    counts once.
    """
    work = Path(work)
    a = GraphAssembler(lexicon)
    edges: list[Edge] = []
    for f in facts:
        edges += a.add(f)
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    run, copies = _spill(edges, work, f"{part:05d}", a.nodes) if edges else (None, [])
    return GraphPart(part, a.held(), run, copies, len(edges))


def _spill(edges: list[Edge], work: Path, name: str, nodes: dict[str, dict[str, Any]]) -> tuple[Path, list[CopyFile]]:
    """Write sorted ``edges`` as the run ``runs/{name}.run`` and the ``COPY`` files tagged ``-{name}``;
    ``nodes`` holds their endpoints (for their labels)."""
    run = work / "runs" / f"{name}.run"
    _write_run(run, edges)
    return run, rel_files(((u, v, d) for u, v, _, d in edges), lambda nid: nodes[nid]["label"], work / "copy",
                          tag=f"-{name}")


class GraphWriter:
    """Merges :class:`GraphPart` s in order and writes ``graph.json`` and ``graph.lbug`` into ``folder``.

    Use it as a context manager: the work folder (:attr:`work`, where
    :func:`graph_part` writes, in any process that sees it) is made on entry
    and removed on exit. Parts must be added in partition order.

    >>> import tempfile, pathlib
    >>> from govkg.ingest.pipeline import extract_all
    >>> from govkg.ingest.readers import document_from_text
    >>> facts = list(extract_all([document_from_text("博爱县2023年报告\\n我县推进述法。", "a.txt")]))
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with GraphWriter(out) as w:
    ...     w.add(graph_part(0, facts, w.work))
    ...     counts = w.finish()
    >>> counts["tables"]["Report"], sorted(p.name for p in out.iterdir())
    (1, ['graph.json', 'graph.lbug'])
    """

    def __init__(self, folder: str | Path, lexicon: Lexicon | None = None) -> None:
        self.folder = Path(folder)
        #: Where the parts' files go while the build runs.
        self.work = self.folder / ".assemble"
        self.assembler = GraphAssembler(lexicon)
        self.runs: list[Path] = []
        self.copies: list[CopyFile] = []
        self.edges = 0

    def __enter__(self) -> "GraphWriter":
        (self.work / "runs").mkdir(parents=True)
        (self.work / "copy").mkdir()
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def add(self, part: GraphPart) -> None:
        """Merge the next partition's part."""
        self.assembler.merge(part.held)
        if part.run is not None:
            self.runs.append(part.run)
        self.copies += part.copies
        self.edges += part.edges

    def finish(self) -> dict[str, Any]:
        """Write the stores; returns the counts: ``nodes``, ``edges`` and ``tables`` (rows per store table),
        and the ``seconds`` spent writing them.

        Raises
        ------
        govkg.kg.ladybug_store.LadybugError
            If the embedded store cannot be loaded.
        """
        a = self.assembler
        shared = a.shared_edges()
        if shared:
            run, copies = _spill(shared, self.work, "shared", a.nodes)
            self.runs.append(run)
            self.copies += copies
            self.edges += len(shared)
        nodes = a.finish()
        ids = sorted(nodes)
        t = time.perf_counter()
        copies = node_files((nodes[n] for n in ids), self.work / "copy") + self.copies
        # Written as UTF-8 bytes, a block of lines at a time: the edges' lines come from the runs encoded.
        with open(self.folder / GRAPH_JSON, "wb") as out:
            out.write(JSON_HEAD.encode())
            for i in range(0, len(ids), RUN_BATCH):
                lines = ",\n".join([node_json(nodes[n]) for n in ids[i:i + RUN_BATCH]])
                out.write((lines if i == 0 else ",\n" + lines).encode())
            out.write(JSON_MIDDLE.encode())
            # The nodes are written: let them go before the embedded store takes its memory.
            nodes_n = len(ids)
            nodes.clear()
            del a, nodes, ids
            self.assembler = None  # type: ignore[assignment]
            gc.collect()
            _give_back_freed_memory()
            loader = LadybugLoad(self.folder / LADYBUG_FILE, copies)
            loader.start()
            try:
                between = b""
                for block in _merged_blocks(self.runs):
                    out.write(between)
                    out.write(b",\n".join([row[3] for row in block]))
                    between = b",\n"
                out.write(JSON_TAIL.encode())
            finally:
                tables = loader.result()
        return {"nodes": nodes_n, "edges": self.edges, "tables": tables, "seconds": time.perf_counter() - t}


def _give_back_freed_memory() -> None:
    """Return the heap the freed nodes held to the system (glibc keeps it otherwise), before
    the embedded store's buffer pool grows: the build's peak memory is then, not the sum."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (or no C library to open by None: Windows)
        pass


def write_graph_files(partitions: Iterable[Iterable[ReportFacts]], folder: str | Path,
                      lexicon: Lexicon | None = None) -> dict[str, Any]:
    """Write ``graph.json`` and ``graph.lbug`` of the reports in ``partitions`` into ``folder``, in this process.

    Each item of ``partitions`` is read once, in order; a report whose id came
    before is left out (the first file of equal texts stands for them all).
    Returns the counts of :meth:`GraphWriter.finish`.

    Raises
    ------
    govkg.kg.ladybug_store.LadybugError
        If the embedded store cannot be loaded.
    """
    with GraphWriter(folder, lexicon) as w:
        seen: set[str] = set()
        for i, part in enumerate(partitions):
            facts = [f for f in part if f.id not in seen]
            seen.update(f.id for f in facts)
            w.add(graph_part(i, facts, w.work, lexicon))
        return w.finish()
