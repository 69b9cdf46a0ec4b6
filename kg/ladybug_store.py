"""The embedded store: the graph in a LadybugDB file, loaded by bulk ``COPY``.

Tables come from ``schema/graph.yaml``; rows from :mod:`govkg.kg.rows` are
written to CSV files and loaded with one ``COPY`` per table (row-by-row
``MERGE`` is slow in LadybugDB). Queries run read-only with parameters.

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
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx
from govkg.kg.rows import edge_rows, node_rows
from govkg.schema import GraphSchema, graph_schema

__all__ = ["write_ladybug", "write_copy_files", "load_ladybug", "CopyFile", "query_ladybug", "LadybugError", "ddl_statements", "to_plain"]


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


#: The CSV dialect of the ``COPY`` files, stated in full so that LadybugDB guesses
#: nothing: it would otherwise sniff the dialect from the first rows and fail (or
#: change values) once a later row holds a comma or a quote. Strings are always
#: quoted, ``"`` doubled inside them; an unquoted empty field is NULL. The serial
#: reader is the one that accepts line breaks inside quotes (and is no slower here).
COPY_OPTIONS = "HEADER=true, DELIM=',', QUOTE='\"', ESCAPE='\"', AUTO_DETECT=false, PARALLEL=false"


def _cell(value: Any) -> str:
    r"""One CSV field: ``None`` empty (NULL), an int as digits, a string quoted.

    >>> [_cell(v) for v in (None, 2023, "", 'a,"b"\n')]
    ['', '2023', '""', '"a,""b""\n"']
    """
    if value is None:
        return ""
    if value.__class__ is int:
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """One CSV file of ``columns`` for ``COPY`` (see :data:`COPY_OPTIONS`); values are written as they are."""
    get = itemgetter(*columns) if len(columns) > 1 else (lambda r: (r[columns[0]],))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(columns) + "\n")
        fh.writelines(",".join(map(_cell, get(r))) + "\n" for r in rows)


def _literal(text: str) -> str:
    """A Cypher string literal (a file path in a ``COPY`` statement, which takes no parameters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class CopyFile:
    """A CSV file ready for ``COPY`` into one table (``pair`` for relationship tables joining several label pairs).

    ``columns`` names the node properties the file holds, when it holds fewer
    than the table: list properties cannot travel in a CSV field without an
    escaping of their own, so ``lists`` holds them instead, one
    ``{"id": ..., property: [...]}`` per node, set after the ``COPY`` with parameters.
    """

    table: str
    path: Path
    rows: int
    pair: tuple[str, str] | None = None
    columns: tuple[str, ...] = ()
    lists: tuple[dict[str, Any], ...] = ()

    def statement(self) -> str:
        opts = f", from='{self.pair[0]}', to='{self.pair[1]}'" if self.pair else ""
        cols = f"({', '.join(self.columns)})" if self.columns else ""
        return f"COPY {self.table}{cols} FROM {_literal(str(self.path))} ({COPY_OPTIONS}{opts})"

    def list_statement(self) -> str | None:
        """``UNWIND $rows`` setting the list properties, or ``None`` if the table has none."""
        if not self.lists:
            return None
        props = [k for k in self.lists[0] if k != "id"]
        sets = ", ".join(f"n.{k} = r.{k}" for k in props)
        return f"UNWIND $rows AS r MATCH (n:{self.table} {{id: r.id}}) SET {sets}"


def write_copy_files(G: nx.MultiDiGraph, folder: str | Path, schema: GraphSchema | None = None) -> list[CopyFile]:
    """Write one CSV per node label and per relationship (type, from, to) into ``folder``, nodes first."""
    schema = schema or graph_schema()
    folder = Path(folder)
    out = []
    for label, rows in node_rows(G, schema).items():
        if rows:
            f = folder / f"{label}.csv"
            props = schema.nodes[label]
            columns = [k for k, t in props.items() if t != "STRING[]"]
            lists = [k for k, t in props.items() if t == "STRING[]"]
            _write_csv(f, columns, rows)
            list_rows = tuple({"id": r["id"], **{k: r[k] for k in lists}} for r in rows) if lists else ()
            out.append(CopyFile(label, f, len(rows), columns=tuple(columns), lists=list_rows))
    for (typ, a, b), rows in edge_rows(G, schema).items():
        f = folder / f"{typ}_{a}_{b}.csv"
        props = schema.relationships[typ].props
        if "STRING[]" in props.values():
            raise ValueError(f"{typ}: list properties on relationships are not supported by the embedded store")
        columns = ["from", "to", *props]
        _write_csv(f, columns, rows)
        out.append(CopyFile(typ, f, len(rows), (a, b) if len(schema.relationships[typ].pairs) > 1 else None))
    return out


def load_ladybug(db_path: str | Path, files: list[CopyFile], schema: GraphSchema | None = None) -> dict[str, int]:
    """Create a new LadybugDB database at ``db_path`` and ``COPY`` ``files`` into it; return rows per table.

    Raises
    ------
    LadybugError
        If the database cannot be created or a ``COPY`` fails.
    """
    counts: dict[str, int] = {}
    try:
        db = ladybug.Database(str(db_path))
        conn = ladybug.Connection(db)
        for stmt in ddl_statements(schema):
            conn.execute(stmt)
        for f in files:
            conn.execute(f.statement())
            if (stmt := f.list_statement()) is not None:
                conn.execute(stmt, {"rows": list(f.lists)})
            counts[f.table] = counts.get(f.table, 0) + f.rows
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
    # The CSV files are written beside the database, not in the system's
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
