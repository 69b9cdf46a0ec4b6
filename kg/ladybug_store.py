"""The embedded store: the graph in a LadybugDB file, loaded by bulk ``COPY``.

Tables come from ``schema/graph.yaml``. Nodes and relationships are written to
Parquet files, typed columns in the schema's order, and loaded with one
``COPY`` per table (and label pair), which is fast where row-by-row ``MERGE``
is slow in LadybugDB. No text is parsed on the way in: a string arrives as
written, and null stays apart from the empty string. The writers take plain
node dicts and ``(source, target, data)`` edges, so a build that streams its
edges partition by partition calls them directly; relationship files are
written a batch at a time. Queries run read-only with parameters.

Examples
--------
>>> import tempfile, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("region:1", id="region:1", label="Region", name="博爱县", level="county")
>>> d = tempfile.mkdtemp()
>>> write_ladybug(G, d + "/graph.lbug")
{'Region': 1}
>>> query_ladybug(d + "/graph.lbug", "MATCH (r:Region) WHERE r.name = $n RETURN r.level AS level", {"n": "博爱县"})
(['level'], [{'level': 'county'}])

A streaming build writes its nodes once, then its edges partition by partition:

>>> files = node_files([{"id": "region:1", "label": "Region", "name": "博爱县"},
...                     {"id": "program:p", "label": "Program", "name": "述法", "aliases": ["专题述法"]}], d)
>>> for tag in ("-part1", "-part2"):
...     files += rel_files([("region:1", "program:p", {"type": "IMPLEMENTS", "report": "r" + tag, "year": 2023})],
...                        lambda n: n.split(":")[0].title(), d, tag=tag)
>>> [f.path.name for f in files]
['Region.parquet', 'Program.parquet', 'IMPLEMENTS_Region_Program-part1.parquet', 'IMPLEMENTS_Region_Program-part2.parquet']
>>> load_ladybug(d + "/g2.lbug", files)
{'Region': 1, 'Program': 1, 'IMPLEMENTS': 2}
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import ladybug
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
from govkg.kg.rows import coerce
from govkg.schema import GraphSchema, graph_schema

__all__ = ["write_ladybug", "write_copy_files", "node_files", "rel_files", "load_ladybug", "CopyFile", "query_ladybug",
           "LadybugError", "ddl_statements", "to_plain", "ARROW_TYPES", "BATCH_ROWS"]


class LadybugError(RuntimeError):
    """A query or load failed; the message is LadybugDB's, on one line."""


def ddl_statements(schema: GraphSchema | None = None) -> list[str]:
    """``CREATE NODE TABLE`` / ``CREATE REL TABLE`` statements for the schema (labels from the allow-list)."""
    schema = schema or graph_schema()
    out = []
    for label, props in schema.nodes.items():
        cols = ", ".join(f"{k} {t}" for k, t in props.items())
        out.append(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY (id))")
    for name, rel in schema.relationships.items():
        pairs = ", ".join(f"FROM {a} TO {b}" for a, b in rel.pairs)
        cols = "".join(f", {k} {t}" for k, t in rel.props.items())
        out.append(f"CREATE REL TABLE {name}({pairs}{cols})")
    return out


#: The Arrow (and so Parquet) type of each property type of the schema. LadybugDB's
#: Parquet reader takes each natively, lists included, so nothing is set after the ``COPY``.
ARROW_TYPES = {"STRING": pa.string(), "INT64": pa.int64(), "BOOLEAN": pa.bool_(), "STRING[]": pa.list_(pa.string())}

#: Rows a file holds in memory before they are written out as one row group.
BATCH_ROWS = 10_000

# Values already of their type are taken as they are (nearly every value); the rest, and
# every list (its items must become strings), go through :func:`govkg.kg.rows.coerce`.
_PLAIN = {"STRING": str, "INT64": int, "BOOLEAN": bool}


@dataclass(frozen=True)
class CopyFile:
    """A Parquet file ready for ``COPY`` into one table, holding ``rows`` rows.

    ``pair`` names the (from, to) labels of a relationship table that joins
    several label pairs, as ``COPY`` must be told; ``None`` otherwise.
    """

    table: str
    path: Path
    rows: int
    pair: tuple[str, str] | None = None


def _literal(text: str) -> str:
    """A Cypher string literal (a file path in a ``COPY`` statement, which takes no parameters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _copy_statement(table: str, paths: list[Path], pair: tuple[str, str] | None) -> str:
    r"""One ``COPY`` of ``paths`` into ``table``: a list of files loads in one go, much faster than a
    ``COPY`` per file (each one appended to a relationship table rebuilds its adjacency lists).

    >>> _copy_statement("PART_OF", [Path("/t/a.parquet"), Path('/t/"b".parquet')], ("Agency", "Region"))
    'COPY PART_OF FROM ["/t/a.parquet", "/t/\\"b\\".parquet"] (from=\'Agency\', to=\'Region\')'
    """
    source = _literal(str(paths[0])) if len(paths) == 1 else "[" + ", ".join(_literal(str(p)) for p in paths) + "]"
    opts = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    return f"COPY {table} FROM {source}{opts}"


class _ParquetFile:
    """One Parquet file being written, :data:`BATCH_ROWS` rows at a time (a row group each).

    A row is a node's data, or a relationship's: columns ``from`` and ``to``
    (``edges``), then the ``props`` taken from the data. The batch holds the
    callers' objects themselves, in flat lists (no tuple per row to keep alive
    and for the garbage collector to walk), until :meth:`_flush` makes columns.
    """

    def __init__(self, path: Path, props: dict[str, str], edges: bool = False) -> None:
        try:
            types = [(k, ARROW_TYPES[t]) for k, t in props.items()]
        except KeyError as e:
            raise ValueError(f"{path.name}: no Parquet type for the property type {e.args[0]!r}") from None
        self.path, self.props, self.edges = path, list(props.items()), edges
        self.schema = pa.schema(([("from", pa.string()), ("to", pa.string())] if edges else []) + types)
        self.sources: list[Any] = []
        self.targets: list[Any] = []
        self.datas: list[dict[str, Any]] = []
        self.rows = 0
        # "x": a file of an earlier partition is never overwritten by a repeated tag.
        self.fh = open(path, "xb")
        self.writer = pq.ParquetWriter(self.fh, self.schema, compression="none")

    def _columns(self) -> list[list[Any]]:
        """The batch as columns of values of their type (see :func:`govkg.kg.rows.coerce`)."""
        cols = [list(map(str, self.sources)), list(map(str, self.targets))] if self.edges else []
        for k, t in self.props:
            plain = _PLAIN.get(t)
            if plain is None:
                cols.append([coerce(d.get(k), t) for d in self.datas])
            else:
                cols.append([v if (v := d.get(k)).__class__ is plain else coerce(v, t) for d in self.datas])
        return cols

    def _flush(self) -> None:
        if self.datas:
            arrays = [pa.array(col, type=field.type) for col, field in zip(self._columns(), self.schema)]
            self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
            self.rows += len(self.datas)
            self.sources, self.targets, self.datas = [], [], []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            try:
                self.writer.close()
            finally:
                self.fh.close()

    def discard(self) -> None:
        """Close without writing what is buffered, and remove the file (a failed write leaves nothing)."""
        self.sources, self.targets, self.datas = [], [], []
        try:
            self.writer.close()
        finally:
            self.fh.close()
            self.path.unlink(missing_ok=True)


def _close_all(files: list[_ParquetFile], ok: bool) -> None:
    """Close every file (or discard every one, if writing failed), even when one of them fails."""
    error: BaseException | None = None
    for f in files:
        try:
            f.close() if ok else f.discard()
        except BaseException as e:  # closed the rest first, raised below
            error = error or e
    if error is not None:
        raise error


def node_files(nodes: Iterable[dict[str, Any]], folder: str | Path, schema: GraphSchema | None = None) -> list[CopyFile]:
    """Write one Parquet file per node label into ``folder`` (``{label}.parquet``), rows sorted by id.

    Each dict has ``id``, ``label`` and the label's properties; a missing
    property is null (a missing list empty, a missing flag false, as
    :func:`govkg.kg.rows.coerce` reads them). Columns follow the schema's order
    and types. Labels without nodes get no file.

    Raises
    ------
    ValueError
        If a node has a label the schema does not allow.
    FileExistsError
        If a file of the same name is already in ``folder``.
    """
    schema = schema or graph_schema()
    folder = Path(folder)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for data in nodes:
        group = by_label.get(data.get("label", ""))
        if group is None:
            group = by_label[schema.check_label(data.get("label", ""))] = []
        group.append(data)
    out = []
    for label, props in schema.nodes.items():
        group = by_label.get(label)
        if not group:
            continue
        group.sort(key=lambda d: str(d["id"]))
        f = _ParquetFile(folder / f"{label}.parquet", props)
        ok = False
        try:
            for i in range(0, len(group), BATCH_ROWS):
                f.datas = group[i:i + BATCH_ROWS]
                f._flush()
            ok = True
        finally:
            _close_all([f], ok)
        out.append(CopyFile(label, f.path, f.rows))
    return out


def rel_files(edges: Iterable[tuple[str, str, dict[str, Any]]], label_of: Callable[[str], str], folder: str | Path,
              tag: str = "", schema: GraphSchema | None = None) -> list[CopyFile]:
    """Write one Parquet file per relationship (type, from label, to label) into ``folder``.

    ``edges`` are ``(source id, target id, data)``, ``data`` holding ``type``
    and the type's properties; ``label_of`` gives a node's label from its id.
    Files are named ``{type}_{from}_{to}{tag}.parquet``: a build that writes its
    edges partition by partition calls this once per partition, with its own
    ``tag``, into the same folder, and :func:`load_ladybug` loads all of them.
    The edges stream: each file holds at most :data:`BATCH_ROWS` rows in memory
    and writes them out as a row group, so ``edges`` may be a generator of any
    length. Rows keep the order of ``edges``.

    Raises
    ------
    ValueError
        If an edge has a type the schema does not allow, or joins labels the
        type does not allow, or ``tag`` is not part of a plain file name.
        Files this call began are removed.
    FileExistsError
        If a file of the same name (the same tag) is already in ``folder``.
    """
    schema = schema or graph_schema()
    folder = Path(folder)
    if "/" in tag or "\\" in tag or "\0" in tag:
        raise ValueError(f"tag {tag!r} must be part of a plain file name")
    allowed = {(name, *pair) for name, rel in schema.relationships.items() for pair in rel.pairs}
    files: dict[tuple[str, str, str], _ParquetFile] = {}
    ok = False
    try:
        for u, v, data in edges:
            key = (data.get("type", ""), label_of(u), label_of(v))
            f = files.get(key)
            if f is None:
                if key not in allowed:
                    rel = schema.relationships[schema.check_type(key[0])]  # raises for an unknown type
                    raise ValueError(f"{rel.name} may not join {key[1]} to {key[2]}")
                typ, a, b = key
                f = files[key] = _ParquetFile(folder / f"{typ}_{a}_{b}{tag}.parquet", schema.relationships[typ].props,
                                              edges=True)
            f.sources.append(u)
            f.targets.append(v)
            f.datas.append(data)
            if len(f.datas) >= BATCH_ROWS:
                f._flush()
        ok = True
    finally:
        _close_all(list(files.values()), ok)
    several = {name for name, rel in schema.relationships.items() if len(rel.pairs) > 1}
    return [CopyFile(typ, f.path, f.rows, (a, b) if typ in several else None)
            for (typ, a, b), f in sorted(files.items())]


def write_copy_files(G: nx.MultiDiGraph, folder: str | Path, schema: GraphSchema | None = None) -> list[CopyFile]:
    """:func:`node_files` and :func:`rel_files` of ``G`` into ``folder``: the files of one ``COPY`` load, nodes first.

    Rows come in the order of :mod:`govkg.kg.rows`: nodes by id, relationships by (from, to, report).
    """
    schema = schema or graph_schema()
    # A node's id is its key (the graph's contract says its data holds the same).
    out = node_files((d if d.get("id") == n else dict(d, id=str(n)) for n, d in G.nodes(data=True)), folder, schema)
    labels = {n: d.get("label", "") for n, d in G.nodes(data=True)}
    return out + rel_files(_sorted_edges(G, schema), labels.__getitem__, folder, schema=schema)


def _sorted_edges(G: nx.MultiDiGraph, schema: GraphSchema) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``G``'s edges sorted by (from, to, report), as :func:`govkg.kg.rows.edge_rows` orders them, one at a time.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("b", "a", {"type": "PART_OF"}), ("a", "c", {"type": "PLANS", "report": "r2"}),
    ...                   ("a", "c", {"type": "PLANS", "report": "r1"}), ("a", "b", {"type": "PART_OF"})])
    [0, 0, 1, 0]
    >>> [(u, v, d.get("report")) for u, v, d in _sorted_edges(G, graph_schema())]
    [('a', 'b', None), ('a', 'c', 'r1'), ('a', 'c', 'r2'), ('b', 'a', None)]
    """
    has_report = {name for name, rel in schema.relationships.items() if "report" in rel.props}

    def report(data: dict[str, Any]) -> str:
        r = data.get("report") if data.get("type") in has_report else None
        return "" if r is None else str(r)

    for u in sorted(G, key=str):
        nbrs = G.succ[u]
        for v in sorted(nbrs, key=str):
            datas = nbrs[v].values()
            for data in sorted(datas, key=report) if len(datas) > 1 else datas:  # sorted() is stable, as edge_rows's
                yield u, v, data


def load_ladybug(db_path: str | Path, files: list[CopyFile], schema: GraphSchema | None = None,
                 threads: int = 1) -> dict[str, int]:
    """Create a new LadybugDB database at ``db_path`` and ``COPY`` ``files`` into it; return rows per table.

    A table may have several files (one per partition of a build): they load
    in one ``COPY`` per table and label pair, in the order given, node tables first.
    ``COPY`` runs on ``threads`` threads (0: one per CPU). One is the
    default: a build writes ``graph.json`` on another core meanwhile, and
    the buffer pool LadybugDB fills while it loads, the largest item of a
    large build's memory, is a tenth smaller (959 MB against 1,053 MB for
    1.8 million relationships).

    Raises
    ------
    LadybugError
        If the database cannot be created or a ``COPY`` fails.
    """
    schema = schema or graph_schema()
    groups: dict[tuple[str, tuple[str, str] | None], list[CopyFile]] = {}
    for f in sorted(files, key=lambda f: f.table not in schema.nodes):  # stable: node tables first
        groups.setdefault((f.table, f.pair), []).append(f)
    counts: dict[str, int] = {}
    try:
        db = ladybug.Database(str(db_path), max_num_threads=threads)
        conn = ladybug.Connection(db)
        for stmt in ddl_statements(schema):
            conn.execute(stmt)
        for (table, pair), group in groups.items():
            conn.execute(_copy_statement(table, [f.path for f in group], pair))
            counts[table] = counts.get(table, 0) + sum(f.rows for f in group)
        conn.close()
        db.close()
    except RuntimeError as e:
        raise LadybugError(_one_line(e)) from None
    return counts


def write_ladybug(G: nx.MultiDiGraph, db_path: str | Path, schema: GraphSchema | None = None) -> dict[str, int]:
    """Create a new LadybugDB database at ``db_path`` holding ``G``; return rows loaded per table.

    Raises
    ------
    LadybugError
        If the database cannot be created or a ``COPY`` fails.
    """
    # The Parquet files are written beside the database, not in the system's
    # temporary folder: a killed process leaves them where its output was going.
    with tempfile.TemporaryDirectory(prefix="govkg-copy-", dir=Path(db_path).parent) as tmp:
        return load_ladybug(db_path, write_copy_files(G, tmp, schema), schema)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def to_plain(value: Any) -> Any:
    """A LadybugDB value as plain, JSON-able Python: the embedded store's half of
    :func:`govkg.kg.neo4j_store.to_plain`, so both stores answer in the same shapes.

    Nodes and relationships become ``{"_label": ..., **properties}``; the
    store's internal ids (``_ID``, ``_SRC``, ``_DST``) are left out, as they
    differ between databases; values JSON cannot hold become strings.

    >>> to_plain({"_ID": {"offset": 0, "table": 1}, "_LABEL": "Region", "name": "博爱县", "ids": ("a",)})
    {'_label': 'Region', 'name': '博爱县', 'ids': ['a']}
    """
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("_ID", "_SRC", "_DST"):
                continue
            out["_label" if k == "_LABEL" else k] = to_plain(v)
        return out
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def query_ladybug(db_path: str | Path, cypher: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """Run ``cypher`` read-only with ``params``; return the column names and rows.

    Raises
    ------
    LadybugError
        On a syntax error, an unknown label or property, or a missing parameter.
    """
    try:
        db = ladybug.Database(str(db_path), read_only=True)
        conn = ladybug.Connection(db)
        try:
            result = conn.execute(cypher, params or {})
            if isinstance(result, list):
                result = result[-1]
            columns = result.get_column_names()
            rows = []
            while result.has_next():
                rows.append({c: to_plain(v) for c, v in zip(columns, result.get_next())})
        finally:
            conn.close()
            db.close()
    except RuntimeError as e:
        raise LadybugError(_one_line(e)) from None
    return columns, rows
