"""Check that the embedded store holds exactly what graph.json holds.

graph.json is the reference: every node and relationship of every table in
``schema/graph.yaml`` is read back from LadybugDB through Cypher, and each
property value must equal graph.json's, character for character.
"""
from __future__ import annotations

import json
from pathlib import Path

from govkg.kg.store import open_graph, query_graph
from govkg.schema import graph_schema


def _expected(value, typ: str):
    # The stores' reading of a missing value: an empty list, and false for a flag.
    if value is None:
        return [] if typ == "STRING[]" else False if typ == "BOOLEAN" else None
    return value


def _key(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def assert_stores_agree(graph_dir: str | Path) -> dict[str, int]:
    """Compare every table of the store with graph.json; return rows per table."""
    schema = graph_schema()
    G = open_graph(graph_dir)
    counts: dict[str, int] = {}
    for label, props in schema.nodes.items():
        cols = ", ".join(f"n.{k} AS {k}" for k in props)
        _, got = query_graph(graph_dir, f"MATCH (n:{label}) RETURN {cols}")
        want = [{k: _expected(d.get(k) if k != "id" else n, t) for k, t in props.items()}
                for n, d in G.nodes(data=True) if d["label"] == label]
        assert len(got) == len(want), label
        assert sorted(got, key=_key) == sorted(want, key=_key), label
        counts[label] = len(got)
    labels = {n: d["label"] for n, d in G.nodes(data=True)}
    for typ, rel in schema.relationships.items():
        cols = "".join(f", r.{k} AS {k}" for k in rel.props)
        _, got = query_graph(graph_dir, f"MATCH (a)-[r:{typ}]->(b) RETURN a.id AS src, label(a) AS src_label, "
                                        f"b.id AS dst, label(b) AS dst_label{cols}")
        want = [{"src": u, "src_label": labels[u], "dst": v, "dst_label": labels[v],
                 **{k: _expected(d.get(k), t) for k, t in rel.props.items()}}
                for u, v, d in G.edges(data=True) if d["type"] == typ]
        assert len(got) == len(want), typ
        assert sorted(got, key=_key) == sorted(want, key=_key), typ
        counts[typ] = len(got)
    return counts
