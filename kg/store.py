"""A graph folder: the built graph in its stores, switched in atomically.

``DIR/versions/vNNNNNN/``
    one complete build: ``graph.json`` (the canonical node-link JSON that
    :func:`open_graph` reads), ``graph.lbug`` (the LadybugDB database that
    ``kg query`` runs Cypher against), ``build.json`` (what was built from
    what, and the marker ``"format": "govkg-graph"``), and the files the
    build adds (``facts.jsonl``, ``candidates.jsonl``)
``DIR/current``
    a symbolic link to the build readers see
``DIR/graph.json``, ``DIR/build.json``, ...
    links to ``current/graph.json`` ..., for tools that open the files by name
``DIR/.lock``
    held by the build that is writing the folder

A build writes a new version beside the current one and, once it is
complete, switches ``current`` to it with one rename: a reader sees the old
graph or the new one, never a mixture or nothing, and a build that fails or
is killed at any point leaves the previous graph in place (the next build
removes what it left). The version before the current one is kept until the
next build, so a reader that opened it just before the switch can finish.

:func:`graph_lock` refuses a folder that holds anything govkg did not write,
and a second build of the same folder while one runs.

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
>>> sorted(os.listdir(d))
['.lock', 'build.json', 'current', 'graph.json', 'graph.lbug', 'versions']
>>> os.readlink(d + "/current")
'versions/v000001'
"""
from __future__ import annotations

import fcntl
import glob
import json
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import networkx as nx
from govkg.kg.graph import read_graph_json, write_graph_json
from govkg.kg.ladybug_store import load_ladybug, query_ladybug, write_copy_files

__all__ = ["GraphNotFound", "GraphFolderError", "NotAGraphFolder", "GraphBusy", "save_graph_dir", "open_graph",
           "query_graph", "build_info", "graph_lock", "graph_folder", "current_build", "GRAPH_JSON", "LADYBUG_FILE", "BUILD_JSON",
           "FORMAT", "FORMAT_VERSION"]

GRAPH_JSON = "graph.json"
LADYBUG_FILE = "graph.lbug"
BUILD_JSON = "build.json"
#: The marker in ``build.json`` that says a folder is a govkg graph, and its layout's version.
FORMAT = "govkg-graph"
FORMAT_VERSION = 1

CURRENT = "current"
VERSIONS = "versions"
LOCK = ".lock"
_VERSION = re.compile(r"v(\d{6,})")
#: Links into the folder's own structure: the files' links and the new ``current`` before its rename.
_OWN_LINK = re.compile(rf"{CURRENT}/[^/]+|{VERSIONS}/v\d{{6,}}")
#: What a graph folder held before versions (build.json without the marker; version 0).
_FLAT_FILES = frozenset({GRAPH_JSON, LADYBUG_FILE, BUILD_JSON, "facts.jsonl", "candidates.jsonl",
                         f"{LADYBUG_FILE}.wal"})


class GraphNotFound(FileNotFoundError):
    """No built graph at the given directory."""

    def __init__(self, graph_dir: str | Path) -> None:
        super().__init__(f"no graph at {graph_dir}; build one first: kg build REPORTS... --graph {graph_dir}")


class GraphFolderError(Exception):
    """A graph folder cannot be written; ``str(e)`` says why and what to do, on one line."""


class NotAGraphFolder(GraphFolderError):
    """The folder given holds files that govkg did not write: a build would replace them."""


class GraphBusy(GraphFolderError):
    """Another build is writing the same graph folder."""


def graph_folder(graph_dir: str | Path) -> Path:
    """The folder holding the files of the build at ``graph_dir`` that readers see.

    ``current`` is resolved once, so a reader that opens several files gets
    them all from one build even if another build switches ``current`` meanwhile.
    A folder from before versions holds its files itself.
    """
    d = Path(graph_dir)
    cur = d / CURRENT
    return Path(os.path.realpath(cur)) if cur.is_symlink() else d


def current_build(graph_dir: str | Path) -> Path:
    """The folder of the build at ``graph_dir`` that readers see, once it is there (see :func:`graph_folder`).

    Raises
    ------
    GraphNotFound
        If nothing was built at ``graph_dir``.
    """
    d = graph_folder(graph_dir)
    if not (d / GRAPH_JSON).is_file() or not (d / LADYBUG_FILE).exists():
        raise GraphNotFound(graph_dir)
    return d


def _read_marker(path: Path) -> dict[str, Any] | None:
    """``build.json`` at ``path`` as a dict, or ``None`` if it is missing or not JSON."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _is_graph_info(info: dict[str, Any] | None) -> bool:
    """Whether a ``build.json`` is govkg's: the marker, or (before it) the keys every build wrote."""
    if info is None:
        return False
    if info.get("format") == FORMAT:
        return True
    return "format" not in info and {"pipeline", "reports", "nodes", "edges", "tables"} <= info.keys()


def _check_ours(root: Path, shown_as: str | Path) -> None:
    """Raise :class:`NotAGraphFolder` unless ``root`` is missing, empty, or holds only what govkg writes."""
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise NotAGraphFolder(f"{shown_as} is a file, not a graph folder; give --graph a new or empty folder") from None
    foreign, flat = [], []
    for name in names:
        p = root / name
        link = os.readlink(p) if p.is_symlink() else None
        if link is not None and (_OWN_LINK.fullmatch(link) and (name == CURRENT or link == f"{CURRENT}/{name}"
                                                                or name.startswith("."))):
            continue
        if name == LOCK and link is None and p.is_file():
            continue
        if name == VERSIONS and link is None and p.is_dir() and all(_VERSION.fullmatch(n) for n in os.listdir(p)):
            continue
        if name in _FLAT_FILES and link is None:
            flat.append(name)
            continue
        foreign.append(name)
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        raise NotAGraphFolder(f"{shown_as} holds files kg build did not write ({', '.join(foreign[:3])}{more}), "
                              "which a build would replace; give --graph a new or empty folder")
    if flat and not _is_graph_info(_read_marker(root / BUILD_JSON)):
        raise NotAGraphFolder(f"{shown_as} holds {', '.join(flat)} but no govkg build.json "
                              f"(\"format\": \"{FORMAT}\"); give --graph a new or empty folder")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def _recover_two_rename_swap(target: Path) -> None:
    """Undo what a build by an earlier govkg left when killed during its two-rename swap.

    That swap moved the graph to ``.NAME.old-PID`` and then the new one from
    ``.NAME.building-PID``; a kill between the renames left no graph. The
    old graph is put back, never deleted while it is the only one.
    """
    prefix = f".{target.name}."
    for leftover in sorted(target.parent.glob(f"{glob.escape(prefix)}*-*")):
        kind, _, pid = leftover.name[len(prefix):].rpartition("-")
        if kind not in ("old", "building") or not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            if kind == "building":
                shutil.rmtree(leftover)
            elif not os.path.lexists(target) and _is_graph_info(_read_marker(leftover / BUILD_JSON)):
                os.replace(leftover, target)
            elif (graph_folder(target) / GRAPH_JSON).is_file():
                shutil.rmtree(leftover)  # the swap had finished: this is the graph it replaced
        except OSError:
            pass  # another build got there first


#: Folders this process holds the lock of, by real path (a build locks, then saves).
_held: dict[str, int] = {}


@contextmanager
def graph_lock(graph_dir: str | Path) -> Iterator[Path]:
    """Check that ``graph_dir`` is a graph folder (or new, or empty), create it, and lock it for one build.

    Yields the folder's real path: a ``--graph`` that is a symbolic link is
    followed, never replaced. The lock is a POSIX lock on ``DIR/.lock``; the
    system drops it when its process ends, however it ends, so a killed build
    never blocks the next. Re-entrant within a process.

    Raises
    ------
    NotAGraphFolder
        If the folder holds files govkg did not write.
    GraphBusy
        If another process is building into the same folder.
    OSError
        If the folder cannot be created or written.
    """
    root = Path(os.path.realpath(graph_dir))
    if str(root) in _held:
        yield root
        return
    _recover_two_rename_swap(Path(os.path.abspath(graph_dir)))
    _check_ours(root, graph_dir)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):  # EAGAIN or EACCES: held by another process
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            pid = f" (pid {holder})" if holder.isdigit() else ""
            raise GraphBusy(f"another kg build{pid} is writing {graph_dir}; wait for it to finish, "
                            "or build into another --graph folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _check_ours(root, graph_dir)  # again: a build may have finished between the first look and the lock
        _held[str(root)] = fd
        try:
            _tidy(root)
            yield root
        finally:
            del _held[str(root)]
    finally:
        os.close(fd)  # releases the lock


def _versions(root: Path) -> list[str]:
    """Version folder names under ``root``, oldest first."""
    try:
        names = os.listdir(root / VERSIONS)
    except FileNotFoundError:
        return []
    return sorted((n for n in names if _VERSION.fullmatch(n)), key=lambda n: int(n[1:]))


def _complete(root: Path, version: str) -> bool:
    """Whether a version was finished: its build.json, written last, is there."""
    return _is_graph_info(_read_marker(root / VERSIONS / version / BUILD_JSON))


def _current(root: Path) -> str | None:
    link = root / CURRENT
    if not link.is_symlink():
        return None
    m = re.fullmatch(rf"{VERSIONS}/(v\d{{6,}})", os.readlink(link))
    return m.group(1) if m and _complete(root, m.group(1)) else None


def _switch(root: Path, version: str) -> None:
    """Point ``current`` at ``version`` with one rename (readers see the old build or the new one)."""
    _replace_with_link(root / CURRENT, f"{VERSIONS}/{version}")


def _replace_with_link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` in one rename, whatever it was before."""
    tmp = path.with_name(f".{path.name}.tmp")
    if os.path.lexists(tmp):
        os.unlink(tmp)
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # a database folder left by a LadybugDB of the flat layout
    os.replace(tmp, path)


def _tidy(root: Path) -> None:
    """Bring a locked folder to a consistent state: ``current`` on a complete
    build, the one before it kept, everything else a killed build left removed,
    and a link in ``root`` for each file of the current build."""
    versions = _versions(root)
    current = _current(root)
    if current is None:
        # The link is missing or broken (a first build killed before its
        # switch leaves no complete version): use the newest complete build.
        complete = [v for v in versions if _complete(root, v)]
        if complete:
            current = complete[-1]
            _switch(root, current)
    keep = {current} if current else set()
    if current:
        older = [v for v in versions if int(v[1:]) < int(current[1:]) and _complete(root, v)]
        keep.update(older[-1:])
    for v in versions:
        if v not in keep:
            shutil.rmtree(root / VERSIONS / v, ignore_errors=True)
    if not current:
        return
    files = set(os.listdir(root / VERSIONS / current))
    for name in sorted(os.listdir(root)):
        p = root / name
        if name.startswith(".") and name.endswith(".tmp"):
            os.unlink(p)  # a link made for a rename that a kill stopped
        elif name in _FLAT_FILES and name not in files and not p.is_symlink():
            os.unlink(p)  # left from the flat layout
        elif p.is_symlink() and os.readlink(p) == f"{CURRENT}/{name}" and name not in files:
            os.unlink(p)
    for name in sorted(files):
        link = root / name
        if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
            _replace_with_link(link, f"{CURRENT}/{name}")


def save_graph_dir(G: nx.MultiDiGraph, graph_dir: str | Path, info: dict[str, Any],
                   extra: dict[str, str | Callable[[], str]] | None = None) -> dict[str, Any]:
    """Write ``G`` to every store as a new version of ``graph_dir`` and switch to it once all is written.

    ``extra`` maps file names to text written beside the stores (the facts
    cache), or to a function that makes the text: it is called while
    LadybugDB loads, which runs in native code without holding the GIL.
    Returns ``info`` as written to ``build.json``, with the marker and counts.

    Raises
    ------
    NotAGraphFolder, GraphBusy
        See :func:`graph_lock`.
    LadybugError
        If the embedded store cannot be loaded.
    """
    with graph_lock(graph_dir) as root:
        versions = _versions(root)
        version = f"v{(int(versions[-1][1:]) if versions else 0) + 1:06d}"
        new = root / VERSIONS / version
        new.mkdir(parents=True)
        try:
            # The files for COPY live in the new version, so a kill leaves
            # them where the next build clears them, not in the system's /tmp.
            with tempfile.TemporaryDirectory(prefix="govkg-copy-", dir=new) as copy_dir:
                # LadybugDB's COPY releases the GIL: load it in a thread while the
                # JSON files are encoded here (about a third off a large build).
                loader = _Loader(new / LADYBUG_FILE, write_copy_files(G, copy_dir))
                loader.start()
                try:
                    for name, text in (extra or {}).items():
                        (new / name).write_text(text() if callable(text) else text, encoding="utf-8")
                    write_graph_json(G, new / GRAPH_JSON)
                finally:
                    counts = loader.result()
            info = dict(info, format=FORMAT, format_version=FORMAT_VERSION, nodes=G.number_of_nodes(),
                        edges=G.number_of_edges(), tables=counts)
            # Written last: a version with its build.json is complete.
            (new / BUILD_JSON).write_text(json.dumps(info, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        _switch(root, version)
        _tidy(root)
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


def open_graph(graph_dir: str | Path) -> nx.MultiDiGraph:
    """The graph built at ``graph_dir``.

    Raises
    ------
    GraphNotFound
        If nothing was built there.
    """
    return read_graph_json(current_build(graph_dir) / GRAPH_JSON)


def build_info(graph_dir: str | Path) -> dict[str, Any]:
    """What ``build.json`` recorded about the build at ``graph_dir``."""
    return json.loads((current_build(graph_dir) / BUILD_JSON).read_text(encoding="utf-8"))


def query_graph(graph_dir: str | Path, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run Cypher against the embedded store of ``graph_dir``."""
    return query_ladybug(current_build(graph_dir) / LADYBUG_FILE, cypher, params)
