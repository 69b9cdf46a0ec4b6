"""Turn the property graph into rows that stores load in bulk.

Pure functions: the same graph gives the same rows in the same order, so
writers can be tested without a database and loads are deterministic.

A graph follows the contract of :mod:`govkg.kg.graph`: a
``networkx.MultiDiGraph`` whose node keys are the nodes' ``id`` and whose
nodes carry ``label`` plus the properties ``schema/graph.yaml`` lists; edges
carry ``type`` plus their properties.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("region:410822", label="Region", id="region:410822", name="博爱县", level="county")
>>> G.add_node("program:shufa", label="Program", id="program:shufa", name="述法", aliases=["专题述法"])
>>> _ = G.add_edge("region:410822", "program:shufa", key="IMPLEMENTS|r1", type="IMPLEMENTS", report="r1", year=2023)
>>> node_rows(G)["Region"][0]["name"]
'博爱县'
>>> edge_rows(G)[("IMPLEMENTS", "Region", "Program")][0]["from"]
'region:410822'
"""
from __future__ import annotations

from typing import Any, Callable

import networkx as nx
from govkg.schema import GraphSchema, graph_schema

__all__ = ["node_rows", "edge_rows", "coerce"]


def coerce(value: Any, typ: str) -> Any:
    """``value`` as a property of schema type ``typ``: the one rule every store loads by.

    A missing list is empty and a missing flag false; other missing values stay ``None``.

    >>> [coerce(None, t) for t in ("STRING", "INT64", "BOOLEAN", "STRING[]")]
    [None, None, False, []]
    >>> coerce(("a", 1), "STRING[]"), coerce("2023", "INT64"), coerce(2023, "STRING")
    (['a', '1'], 2023, '2023')
    """
    if value is None:
        return [] if typ == "STRING[]" else False if typ == "BOOLEAN" else None
    if typ == "STRING[]":
        return [str(v) for v in value]
    if typ == "INT64":
        return int(value)
    if typ == "BOOLEAN":
        return bool(value)
    return str(value)


def _row_maker(props: dict[str, str]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function from a node's or edge's data to its row of ``props``.

    Strings and ints already of their type are taken as they are (nearly
    every value), the rest go through :func:`coerce`.
    """
    items = list(props.items())

    def make(data: dict[str, Any]) -> dict[str, Any]:
        row = {}
        for k, t in items:
            v = data.get(k)
            if (t == "STRING" and v.__class__ is str) or (t == "INT64" and v.__class__ is int):
                row[k] = v
            else:
                row[k] = coerce(v, t)
        return row

    return make


def node_rows(G: nx.MultiDiGraph, schema: GraphSchema | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows of node properties, grouped by label and sorted by id.

    Every row has every property the schema lists for its label (``None`` or
    ``[]`` where the node has no value), and nothing else.

    Raises
    ------
    ValueError
        If a node has a label the schema does not allow.
    """
    schema = schema or graph_schema()
    out: dict[str, list[dict[str, Any]]] = {label: [] for label in schema.nodes}
    makers = {label: _row_maker(props) for label, props in schema.nodes.items()}
    for node, data in G.nodes(data=True):
        label = data.get("label", "")
        if label not in makers:
            schema.check_label(label)  # raises
        row = makers[label](data)
        row["id"] = str(node)
        out[label].append(row)
    for rows in out.values():
        rows.sort(key=lambda r: r["id"])
    return out


def edge_rows(
    G: nx.MultiDiGraph, schema: GraphSchema | None = None
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows of relationships keyed by ``(type, from label, to label)``.

    Each row has ``from`` and ``to`` (node ids) and the type's properties.
    Rows are sorted by ``(from, to, report)`` so output is stable.

    Raises
    ------
    ValueError
        If an edge has a type the schema does not allow, or joins labels the
        type does not allow.
    """
    schema = schema or graph_schema()
    labels = {n: d["label"] for n, d in G.nodes(data=True)}
    makers = {name: _row_maker(rel.props) for name, rel in schema.relationships.items()}
    allowed = {(name, *pair) for name, rel in schema.relationships.items() for pair in rel.pairs}
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, data in G.edges(data=True):
        key = (data.get("type", ""), labels[u], labels[v])
        rows = out.get(key)
        if rows is None:
            if key not in allowed:
                rel = schema.relationships[schema.check_type(key[0])]  # raises for an unknown type
                raise ValueError(f"{rel.name} may not join {key[1]} to {key[2]}")
            rows = out[key] = []
        row = makers[key[0]](data)
        row["from"], row["to"] = str(u), str(v)
        rows.append(row)
    for rows in out.values():
        # Within one type, (from, to, report) tells edges apart (graph edge keys are TYPE|report).
        rows.sort(key=lambda r: (r["from"], r["to"], r.get("report") or ""))
    return dict(sorted(out.items()))
