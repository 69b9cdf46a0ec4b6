"""A graph directory: the built graph in its stores, replaced atomically.

``DIR/graph.json``
    the canonical node-link JSON (what :func:`open_graph` reads)
``DIR/graph.lbug``
    the LadybugDB database that ``kg query`` runs Cypher against
``DIR/build.json``
    what was built from what: files, their hashes, counts
``DIR/facts.jsonl``
    each report's facts, keyed by its text's hash and the pipeline's, so a
    rebuild re-reads only what changed
``DIR/candidates.jsonl``
    quoted or formula-like names the lexicon lacks, for ``kg candidates``

A build writes a sibling temporary folder and swaps it in only when it is
complete, so a failed or interrupted build leaves the previous graph usable.

Examples
--------
>>> import tempfile, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("region:1", id="region:1", label="Region", name="博爱县")
>>> d = tempfile.mkdtemp() + "/g"
>>> save_graph_dir(G, d, {"reports": 0})["nodes"]
1
>>> open_graph(d).nodes["region:1"]["name"]
'博爱县'
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

import networkx as nx
from govkg.kg.graph import read_graph_json, write_graph_json
from govkg.kg.ladybug_store import load_ladybug, query_ladybug, write_copy_files

__all__ = ["GraphNotFound", "save_graph_dir", "open_graph", "query_graph", "build_info", "GRAPH_JSON", "LADYBUG_FILE"]

GRAPH_JSON = "graph.json"
LADYBUG_FILE = "graph.lbug"
BUILD_JSON = "build.json"


class GraphNotFound(FileNotFoundError):
    """No built graph at the given directory."""

    def __init__(self, graph_dir: str | Path) -> None:
        super().__init__(f"no graph at {graph_dir}; build one first: kg build REPORTS... --graph {graph_dir}")


def _check(graph_dir: str | Path) -> Path:
    d = Path(graph_dir)
    if not (d / GRAPH_JSON).is_file() or not (d / LADYBUG_FILE).exists():
        raise GraphNotFound(graph_dir)
    return d


def save_graph_dir(G: nx.MultiDiGraph, graph_dir: str | Path, info: dict[str, Any],
                   extra: dict[str, str | Callable[[], str]] | None = None) -> dict[str, Any]:
    """Write ``G`` to every store under ``graph_dir``, replacing what was there only once all is written.

    ``extra`` maps file names to text written beside the stores (the facts
    cache), or to a function that makes the text: it is called while
    LadybugDB loads, which runs in native code without holding the GIL.
    """
    target = Path(graph_dir)
    if target.exists() and not (target / BUILD_JSON).exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not a govkg graph; choose another --graph folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(target)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with tempfile.TemporaryDirectory(prefix="govkg-copy-") as csv_dir:
            # LadybugDB's COPY releases the GIL: load it in a thread while the
            # JSON files are encoded here (about a third off a large build).
            loader = _Loader(tmp / LADYBUG_FILE, write_copy_files(G, csv_dir))
            loader.start()
            try:
                for name, text in (extra or {}).items():
                    (tmp / name).write_text(text() if callable(text) else text, encoding="utf-8")
                write_graph_json(G, tmp / GRAPH_JSON)
            finally:
                counts = loader.result()
        info = dict(info, nodes=G.number_of_nodes(), edges=G.number_of_edges(), tables=counts)
        (tmp / BUILD_JSON).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return info


class _Loader(threading.Thread):
    """:func:`load_ladybug` in a thread; :meth:`result` joins and re-raises its error."""

    def __init__(self, db_path: Path, files: list) -> None:
        super().__init__(name="govkg-ladybug-load", daemon=True)
        self.db_path, self.files = db_path, files
        self.counts: dict[str, int] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.counts = load_ladybug(self.db_path, self.files)
        except BaseException as e:  # handed to the caller by result()
            self.error = e

    def result(self) -> dict[str, int]:
        self.join()
        if self.error is not None:
            raise self.error
        return self.counts


def _remove_abandoned(target: Path) -> None:
    """Remove half-written folders that killed builds of ``target`` left behind."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(leftover, ignore_errors=True)
        except PermissionError:
            pass  # another user's live process


def open_graph(graph_dir: str | Path) -> nx.MultiDiGraph:
    """The graph built at ``graph_dir``.

    Raises
    ------
    GraphNotFound
        If nothing was built there.
    """
    return read_graph_json(_check(graph_dir) / GRAPH_JSON)


def build_info(graph_dir: str | Path) -> dict[str, Any]:
    """What ``build.json`` recorded about the build at ``graph_dir``."""
    return json.loads((_check(graph_dir) / BUILD_JSON).read_text(encoding="utf-8"))


def query_graph(graph_dir: str | Path, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run Cypher against the embedded store of ``graph_dir``."""
    return query_ladybug(_check(graph_dir) / LADYBUG_FILE, cypher, params)
