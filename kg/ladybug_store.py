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

import csv
import tempfile
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx

from govkg.kg.rows import edge_rows, node_rows
from govkg.schema import GraphSchema, graph_schema

__all__ = ["write_ladybug", "query_ladybug", "LadybugError", "ddl_statements", "plain"]


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "[" + ",".join(str(v) for v in value) + "]"
    return str(value).replace("\r", " ").replace("\n", " ")


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r[c]) for c in columns])


def write_ladybug(G: nx.MultiDiGraph, db_path: str | Path, schema: GraphSchema | None = None) -> dict[str, int]:
    """Create a new LadybugDB database at ``db_path`` holding ``G``; return rows loaded per table.

    Raises
    ------
    LadybugError
        If the database cannot be created or a ``COPY`` fails.
    """
    schema = schema or graph_schema()
    db_path = Path(db_path)
    counts: dict[str, int] = {}
    try:
        db = ladybug.Database(str(db_path))
        conn = ladybug.Connection(db)
        for stmt in ddl_statements(schema):
            conn.execute(stmt)
        with tempfile.TemporaryDirectory(prefix="govkg-copy-") as tmp:
            for label, rows in node_rows(G, schema).items():
                if not rows:
                    continue
                f = Path(tmp) / f"{label}.csv"
                _write_csv(f, list(schema.nodes[label]), rows)
                conn.execute(f'COPY {label} FROM "{f}" (HEADER=true, PARALLEL=false)')
                counts[label] = len(rows)
            for (typ, a, b), rows in edge_rows(G, schema).items():
                f = Path(tmp) / f"{typ}_{a}_{b}.csv"
                _write_csv(f, ["from", "to", *schema.relationships[typ].props], rows)
                opts = f", from='{a}', to='{b}'" if len(schema.relationships[typ].pairs) > 1 else ""
                conn.execute(f'COPY {typ} FROM "{f}" (HEADER=true, PARALLEL=false{opts})')
                counts[typ] = counts.get(typ, 0) + len(rows)
        conn.close()
        db.close()
    except RuntimeError as e:
        raise LadybugError(_one_line(e)) from None
    return counts


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


def plain(value: Any) -> Any:
    """A query value as plain JSON-able Python: nodes and relationships become dicts."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ("_ID", "_SRC", "_DST"):
                continue
            out["_label" if k == "_LABEL" else k] = plain(v)
        return out
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
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
                rows.append({c: plain(v) for c, v in zip(columns, result.get_next())})
        finally:
            conn.close()
            db.close()
    except RuntimeError as e:
        raise LadybugError(_one_line(e)) from None
    return columns, rows
