"""Write the graph in the formats other tools read, and read it back.

Pairs of writers and readers: GraphML and GEXF (Gephi, yEd, Cytoscape),
node-link JSON (D3, any JSON tool) and the CSV files ``neo4j-admin database
import`` loads. Output is deterministic: nodes and edges are written in
sorted order, and nothing in a file depends on the day it was written.

GraphML and GEXF hold only strings, numbers and booleans, so
:func:`to_graphml` and :func:`to_gexf` encode what they cannot hold, and the
readers decode it:

- An attribute whose values are all ``str``, all ``int``, all ``float`` or
  all ``bool`` is written as that type (Gephi can filter ``year`` as a
  number). Any other attribute (lists such as ``aliases``, dicts, ``None``,
  or a mix of types) has every value written as :data:`ENCODED` followed by
  the value's JSON. A string that starts with :data:`ENCODED`, or contains
  characters XML cannot carry as they are (control characters, ``\\r``), is
  encoded the same way, so decoding is exact.
- Node ids and edge keys that are not strings are encoded likewise.
- GEXF gives some attribute names a meaning of its own (``label``, ``start``,
  ``end``, ``type``, ``weight``, ``id``, ...), and NetworkX reserves ``key``
  on edges. Those attributes are written with a leading ``_`` (``_label``,
  ``_start``), and so is any attribute whose name already starts with ``_``;
  the reader strips one. GEXF's own
  label is the node's ``name`` (what Gephi shows), its edge label the edge's
  ``type`` and its edge weight the edge's numeric ``weight``.
- Graph attributes, and the kind of graph (``MultiDiGraph``, ``Graph``, ...),
  travel in a graph attribute (GraphML) or the ``<meta><description>``
  (GEXF) named :data:`GRAPH_INFO`.

Examples
--------
>>> import networkx as nx, tempfile, os
>>> G = nx.MultiDiGraph(name="demo")
>>> G.add_node("p", label="Program", name="法律明白人", aliases=["法治明白人", "法律明白人培养工程"])
>>> G.add_node("r", label="Region", name="博爱县")
>>> _ = G.add_edge("r", "p", key="IMPLEMENTS|rep1", type="IMPLEMENTS", year=2023, start=None)
>>> d = tempfile.mkdtemp()
>>> for fmt in ("graphml", "gexf", "json"):
...     path = os.path.join(d, "g." + fmt)
...     _ = WRITERS[fmt](G, path)
...     H = READERS[fmt](path)
...     assert type(H) is type(G) and H.graph == G.graph
...     assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
...     assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
>>> H.nodes["p"]["aliases"]
['法治明白人', '法律明白人培养工程']
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import networkx as nx
from govkg.kg.rows import node_rows
from govkg.schema import GraphSchema, graph_schema

__all__ = [
    "ENCODED",
    "GRAPH_INFO",
    "FORMATS",
    "WRITERS",
    "READERS",
    "to_graphml",
    "from_graphml",
    "to_gexf",
    "from_gexf",
    "to_node_link_json",
    "from_node_link_json",
    "to_neo4j_import_csv",
    "from_neo4j_import_csv",
    "neo4j_admin_command",
    "neo4j_admin_args",
    "to_cascades_csv",
    "from_cascades_csv",
    "export_graph",
    "export_bytes",
    "ExportError",
]

#: Prefix of a value written as JSON because the format cannot hold it as it is.
ENCODED = "govkg-json:"
#: Name of the graph attribute (GraphML) / meta description (GEXF) holding graph attributes.
GRAPH_INFO = "govkg_graph"
#: Top-level field of node-link JSON listing the nodes with an ``id`` attribute (``true``: all).
_NODE_ID_ATTR = "govkg_id_attribute"

_SCALARS = (str, int, float, bool)
_XML_UNSAFE = re.compile("[^\u0009\u000a\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\r")
#: Edge attribute carrying the edge key in GEXF (NetworkX drops its own when a graph has no parallel edges).
_GEXF_KEY = "govkg_key"
_GEXF_NODE_RESERVED = {"id", "label", "pid", "start", "end", "viz", "parents", "slices", "spells", "key",
                       "networkx_key"}
_GEXF_EDGE_RESERVED = {"id", "label", "weight", "type", "start", "end", "slices", "spells", "key", "networkx_key",
                       _GEXF_KEY}
_CLASSES: dict[str, type[nx.Graph]] = {c.__name__: c for c in (nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph)}


class ExportError(ValueError):
    """The graph cannot be written as asked: a value the format cannot hold, or options that do not go together."""


# ---------------------------------------------------------------- encoding


def _dump(value: Any) -> str:
    return ENCODED + json.dumps(value, ensure_ascii=False, sort_keys=True)


def _needs_encoding(s: str) -> bool:
    return s.startswith(ENCODED) or _XML_UNSAFE.search(s) is not None


def _encode_column(values: list[Any]) -> list[Any]:
    """Encode one attribute's values so the column has one scalar type."""
    types = {type(v) for v in values}
    if len(types) == 1 and next(iter(types)) in _SCALARS:
        if str in types:
            return [_dump(v) if _needs_encoding(v) else v for v in values]
        return list(values)
    return [_dump(v) for v in values]


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(ENCODED):
        return json.loads(value[len(ENCODED):])
    return value


def _sort_key(x: Any) -> tuple[str, str]:
    return (type(x).__name__, str(x))


def _escape_name(name: str, reserved: set[str]) -> str:
    return "_" + name if name in reserved or name.startswith("_") else name


def _unescape_name(name: str) -> str:
    return name[1:] if name.startswith("_") else name


def _encode_records(records: list[dict[str, Any]], reserved: set[str]) -> list[dict[str, Any]]:
    """Encode attribute dicts column by column; a missing attribute stays missing."""
    out: list[dict[str, Any]] = [{} for _ in records]
    names = sorted({k for r in records for k in r})
    for name in names:
        idx = [i for i, r in enumerate(records) if name in r]
        encoded = _encode_column([records[i][name] for i in idx])
        for i, v in zip(idx, encoded):
            out[i][_escape_name(str(name), reserved)] = v
    return out


def _decode_record(data: dict[str, Any], escaped: bool) -> dict[str, Any]:
    return {(_unescape_name(k) if escaped else k): _decode(v) for k, v in sorted(data.items())}


def _encoded_copy(G: nx.Graph, node_reserved: set[str], edge_reserved: set[str]) -> nx.Graph:
    nodes = sorted(G.nodes, key=_sort_key)
    node_ids = dict(zip(nodes, _encode_column(nodes) if all(type(n) is str for n in nodes) else
                        [_dump(n) for n in nodes]))
    if G.is_multigraph():
        edges = sorted(G.edges(keys=True, data=True), key=lambda e: (_sort_key(e[0]), _sort_key(e[1]), _sort_key(e[2])))
        keys = [e[2] for e in edges]
        # Formats store edge keys as strings: anything else is encoded.
        enc_keys = _encode_column(keys) if all(type(k) is str for k in keys) else [_dump(k) for k in keys]
        edge_list = [(u, v, k, d) for (u, v, _, d), k in zip(edges, enc_keys)]
    else:
        edge_list = [(u, v, None, d) for u, v, d in sorted(G.edges(data=True),
                                                         key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))]
    H = G.__class__()
    H.graph[GRAPH_INFO] = _dump({"class": G.__class__.__name__, "graph": G.graph})
    node_data = _encode_records([dict(G.nodes[n]) for n in nodes], node_reserved)
    for n, d in zip(nodes, node_data):
        H.add_node(node_ids[n])
        H.nodes[node_ids[n]].update(d)
    edge_data = _encode_records([dict(e[3]) for e in edge_list], edge_reserved)
    for (u, v, k, _), d in zip(edge_list, edge_data):
        if G.is_multigraph():
            H.add_edge(node_ids[u], node_ids[v], key=k)
            H.edges[node_ids[u], node_ids[v], k].update(d)
        else:
            H.add_edge(node_ids[u], node_ids[v])
            H.edges[node_ids[u], node_ids[v]].update(d)
    return H


def _decoded(R: nx.Graph, info: str, escaped: bool, drop_node: Iterable[str] = (),
             drop_edge: Iterable[str] = ()) -> nx.Graph:
    meta = _decode(info)
    G = _CLASSES[meta["class"]]()
    G.graph.update(meta["graph"])
    for n, d in R.nodes(data=True):
        d = {k: v for k, v in d.items() if k not in drop_node}
        G.add_node(_decode(n))
        G.nodes[_decode(n)].update(_decode_record(d, escaped))
    edges = R.edges(keys=True, data=True) if R.is_multigraph() else ((u, v, None, d) for u, v, d in R.edges(data=True))
    for u, v, k, d in edges:
        attrs = _decode_record({kk: vv for kk, vv in d.items() if kk not in drop_edge}, escaped)
        u, v = _decode(u), _decode(v)
        if G.is_multigraph():
            key = G.add_edge(u, v, key=_decode(k) if k is not None else None)
            G.edges[u, v, key].update(attrs)
        else:
            G.add_edge(u, v)
            G.edges[u, v].update(attrs)
    return G


# ---------------------------------------------------------------- GraphML


def to_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML; lists, dicts and ``None`` are encoded (see module notes).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    path.write_bytes(_graphml_bytes(G))
    return path


def _graphml_bytes(G: nx.Graph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(_encoded_copy(G, set(), {"key"}), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def from_graphml(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GraphML file written by :func:`to_graphml` back into the graph it came from.

    A GraphML file from elsewhere is read as a ``MultiDiGraph`` (or
    ``MultiGraph`` when undirected) with its attributes as they are.
    """
    R = nx.read_graphml(path, force_multigraph=True)
    info = R.graph.get(GRAPH_INFO)
    if not (isinstance(info, str) and info.startswith(ENCODED)):
        return R
    return _decoded(R, info, escaped=True)


# ---------------------------------------------------------------- GEXF


def to_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GEXF 1.2 for Gephi; see the module notes for what is encoded.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    path = Path(path)
    path.write_bytes(_gexf_bytes(G))
    return path


def _gexf_bytes(G: nx.Graph) -> bytes:
    H = _encoded_copy(G, _GEXF_NODE_RESERVED, _GEXF_EDGE_RESERVED)
    info = H.graph.pop(GRAPH_INFO)
    for n, d in H.nodes(data=True):
        name = G.nodes[_decode(n)].get("name")
        d["label"] = str(name) if isinstance(name, str) and not _needs_encoding(name) else str(n)
    if H.is_multigraph():
        for _, _, k, d in H.edges(keys=True, data=True):
            d[_GEXF_KEY] = k
    for _, _, d in H.edges(data=True):
        if isinstance(d.get("_type"), str) and not _needs_encoding(d["_type"]):
            d["label"] = d["_type"]
        if type(d.get("_weight")) in (int, float):
            d["weight"] = float(d["_weight"])
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True)
    text = buf.getvalue().decode("utf-8")
    # The writer stamps today's date; drop it so the same graph gives the same bytes.
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    desc = "<description>" + _xml_text(info) + "</description>"
    text = re.sub(r"(<creator>[^<]*</creator>)", lambda m: m.group(1) + "\n    " + desc, text, count=1)
    return text.encode("utf-8")


def _xml_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def from_gexf(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a GEXF file written by :func:`to_gexf` back into the graph it came from.

    A GEXF file from elsewhere is read as NetworkX reads it.
    """
    R = nx.read_gexf(path)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    desc = ET.parse(path).getroot().find("g:meta/g:description", ns)
    if desc is None or not (desc.text or "").startswith(ENCODED):
        return R
    K = nx.MultiDiGraph() if R.is_directed() else nx.MultiGraph()
    K.graph[GRAPH_INFO] = desc.text
    K.add_nodes_from(R.nodes(data=True))
    for u, v, d in R.edges(data=True):
        d = dict(d)
        key = d.pop(_GEXF_KEY, None)
        K.add_edge(u, v, key=key, **d)
    return _decoded(K, desc.text, escaped=True, drop_node={"label"}, drop_edge={"label", "weight", "id"})


# ---------------------------------------------------------------- node-link JSON


def to_node_link_json(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as node-link JSON (``{"nodes": [...], "edges": [...]}``), sorted, UTF-8.

    A node's key is its ``id`` field; since the property graph also keeps
    ``id`` as an attribute, the top-level field ``govkg_id_attribute`` says
    which nodes had one (``true``: all), and the reader restores it.

    Raises
    ------
    ValueError
        If an attribute would collide with the format's own fields (a node's
        ``id`` attribute that differs from its key; an edge attribute named
        ``source``, ``target`` or ``key``), since it would be lost.
    """
    path = Path(path)
    path.write_bytes(_node_link_bytes(G))
    return path


def _node_link_bytes(G: nx.Graph) -> bytes:
    for n, d in G.nodes(data=True):
        if "id" in d and d["id"] != n:
            raise ValueError(f"node {n!r} has an 'id' attribute {d['id']!r} that differs from its key")
    for *_, d in G.edges(data=True):
        clash = {"source", "target", "key"} & set(d)
        if clash:
            raise ValueError(f"edge attribute(s) {sorted(clash)} collide with node-link fields")
    data = nx.node_link_data(G, edges="edges")
    data["nodes"].sort(key=lambda d: _sort_key(d["id"]))
    data["edges"].sort(key=lambda d: (_sort_key(d["source"]), _sort_key(d["target"]), _sort_key(d.get("key"))))
    # The node's key is written as "id"; say which nodes also had an "id" attribute, so it comes back.
    with_id = [n for n, d in G.nodes(data=True) if "id" in d]
    data[_NODE_ID_ATTR] = True if len(with_id) == len(G) else sorted(with_id, key=_sort_key)
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def from_node_link_json(path: str | os.PathLike[str]) -> nx.Graph:
    """Read a file written by :func:`to_node_link_json`.

    JSON has no tuples: tuple attributes come back as lists.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    with_id = data.pop(_NODE_ID_ATTR, [])
    G = nx.node_link_graph(data, edges="edges")
    for n in (G if with_id is True else with_id):
        G.nodes[n]["id"] = n
    return G


# ---------------------------------------------------------------- neo4j-admin CSV

_NEO4J_TYPES = {"STRING": "", "INT64": ":long", "BOOLEAN": ":boolean", "STRING[]": ":string[]"}
_ARRAY_DELIMITER = ";"
# Columns kg push keeps in Neo4j beside the schema's properties; the reader drops them.
_MARKER = "govkg"
_KEY = "key"


def _cell(value: Any, typ: str) -> str:
    if value is None:
        return ""
    if typ == "STRING[]":
        bad = [v for v in value if _ARRAY_DELIMITER in str(v)]
        if bad:
            raise ExportError(f"array value {bad[0]!r} contains the array delimiter {_ARRAY_DELIMITER!r}; "
                              "neo4j-admin would split it: choose graphml, gexf or json")
        return _ARRAY_DELIMITER.join(str(v) for v in value)
    if typ == "BOOLEAN":
        return "true" if value else "false"
    return str(value)


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def to_neo4j_import_csv(G: nx.MultiDiGraph, directory: str | os.PathLike[str],
                        schema: GraphSchema | None = None) -> list[Path]:
    """Write one CSV per node label and per relationship type for ``neo4j-admin database import``.

    Headers follow the import tool: ``id:ID``, ``:LABEL``, ``:START_ID``,
    ``:END_ID``, ``:TYPE``, typed columns (``year:long``) and string arrays
    (``aliases:string[]``, values joined by ``;``, the tool's default array
    delimiter). A missing value is an empty field. Only the labels, types and
    properties of ``schema/graph.yaml`` are written (the store's contract),
    plus what ``kg push`` keeps in Neo4j: nodes carry ``govkg:boolean``
    (``true``, the mark of nodes govkg owns) and relationships their
    ``key`` (see :func:`govkg.kg.neo4j_store.relationship_rows`), so a push
    into the imported database finds them in place.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    directory : path
        Created if missing. Files: ``nodes_<Label>.csv``, ``rels_<TYPE>.csv``
        for every label and type that has rows.

    Returns
    -------
    list of pathlib.Path
        The files written, nodes first; pass them to :func:`neo4j_admin_command`.

    Raises
    ------
    ValueError
        If the graph breaks the schema.
    ExportError
        If a list value contains ``;``.
    """
    from govkg.kg.neo4j_store import relationship_rows  # the driver is imported only for this format

    schema = schema or graph_schema()
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for label, rows in node_rows(G, schema).items():
        if not rows:
            continue
        props = [p for p in schema.nodes[label] if p != "id"]
        header = ["id:ID", ":LABEL"] + [p + _NEO4J_TYPES[schema.nodes[label][p]] for p in props] + [_MARKER + ":boolean"]
        body = [[r["id"], label] + [_cell(r[p], schema.nodes[label][p]) for p in props] + ["true"] for r in rows]
        path = out / f"nodes_{label}.csv"
        _write_csv(path, header, body)
        written.append(path)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for (rel, _, _), rows in relationship_rows(G, schema).items():
        by_type.setdefault(rel, []).extend(rows)
    for rel, rows in sorted(by_type.items()):
        types = schema.relationships[rel].props
        props = list(types)
        header = [":START_ID", ":END_ID", ":TYPE", _KEY] + [p + _NEO4J_TYPES[types[p]] for p in props]
        body = sorted([[r["from"], r["to"], rel, r["key"]] + [_cell(r["props"][p], types[p]) for p in props] for r in rows])
        path = out / f"rels_{rel}.csv"
        _write_csv(path, header, body)
        written.append(path)
    return written


# ---------------------------------------------------------------- cascades


def _cascades_bytes(G: nx.MultiDiGraph) -> bytes:
    from govkg.kg.analysis.geography import CASCADE_COLUMNS, cascade_table

    if not any(d.get("label") == "Program" for _, d in G.nodes(data=True)):
        raise ExportError("cascades are read from the property graph (its programs and regions); drop --network")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(CASCADE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(cascade_table(G))
    return buf.getvalue().encode("utf-8")


def to_cascades_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write the county cascades of every program with their neighbour statistic, as CSV.

    One row per county's first adoption (:func:`govkg.kg.analysis.cascade_table`:
    program, county, year, adjacent counties and how many adopted earlier,
    and the program's permutation test, seed 0, 999 shuffles), for spatial
    diffusion models. :func:`from_cascades_csv` reads it back.

    >>> import networkx as nx, tempfile, os
    >>> G = nx.MultiDiGraph(); G.add_node("p", label="Program", name="法律明白人")
    >>> G.add_node("r", label="Region", level="county", adcode="410822", name="博爱县")
    >>> _ = G.add_edge("r", "p", type="IMPLEMENTS", year=2023)
    >>> path = to_cascades_csv(G, os.path.join(tempfile.mkdtemp(), "c.csv"))
    >>> [(r["county"], r["year"], r["adopters"], r["p_value"]) for r in from_cascades_csv(path)]
    [('博爱县', 2023, 1, 1.0)]
    """
    path = Path(path)
    path.write_bytes(_cascades_bytes(G))
    return path


_CASCADE_TYPES: dict[str, Callable[[str], Any]] = {
    "year": int, "earlier_neighbours": int, "adopters": int, "followers": int, "expected": float, "p_value": float,
    "permutations": int, "seed": int,
}


def from_cascades_csv(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The rows :func:`to_cascades_csv` wrote, numbers as numbers."""
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: _CASCADE_TYPES.get(k, str)(v) for k, v in row.items()} for row in csv.DictReader(f)]


def neo4j_admin_args(files: Iterable[str | os.PathLike[str]], database: str = "neo4j") -> list[str]:
    """The arguments of ``neo4j-admin`` that import ``files`` into ``database``, one list item each.

    The database comes before the file options: those take any number of
    values, and would take it for a file.

    >>> neo4j_admin_args(["out/nodes_Region.csv", "out/rels_PART_OF.csv"])  # doctest: +NORMALIZE_WHITESPACE
    ['database', 'import', 'full', 'neo4j', '--array-delimiter=;', '--multiline-fields=true',
     '--nodes=Region=out/nodes_Region.csv', '--relationships=PART_OF=out/rels_PART_OF.csv']
    """
    args = ["database", "import", "full", database, f"--array-delimiter={_ARRAY_DELIMITER}", "--multiline-fields=true"]
    for f in files:
        kind, _, what = Path(f).stem.partition("_")
        args.append(f"{'--nodes' if kind == 'nodes' else '--relationships'}={what}={f}")
    return args


def neo4j_admin_command(files: Iterable[str | os.PathLike[str]], database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command that loads ``files``, quoted for a shell.

    >>> print(neo4j_admin_command(["out/nodes_Region.csv", "out/rels_PART_OF.csv"]))
    neo4j-admin database import full neo4j '--array-delimiter=;' --multiline-fields=true --nodes=Region=out/nodes_Region.csv --relationships=PART_OF=out/rels_PART_OF.csv
    """
    return shlex.join(["neo4j-admin", *neo4j_admin_args(files, database)])


def _parse_header(col: str) -> tuple[str, str]:
    name, _, typ = col.partition(":")
    return name, typ


def _parse_cell(value: str, typ: str) -> Any:
    if value == "":
        return [] if typ == "string[]" else None
    if typ == "long":
        return int(value)
    if typ == "boolean":
        return value == "true"
    if typ == "string[]":
        return value.split(_ARRAY_DELIMITER)
    return value


def _typed_rows(folder: Path, pattern: str) -> Iterator[list[tuple[str, str, str]]]:
    """Each data row of the files matching ``pattern``, as ``(name, type, value)`` per column."""
    for path in sorted(folder.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = [_parse_header(c) for c in next(reader)]
            for row in reader:
                yield [(name, typ, value) for (name, typ), value in zip(header, row)]


def from_neo4j_import_csv(directory: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read the files of :func:`to_neo4j_import_csv` back into a property graph.

    Nodes get ``label`` and their properties (``id`` included); edges get
    ``type`` and theirs, with keys ``0, 1, ...`` per node pair (CSV has no keys).
    """
    G = nx.MultiDiGraph()
    d = Path(directory)
    for row in _typed_rows(d, "nodes_*.csv"):
        attrs: dict[str, Any] = {}
        for name, typ, value in row:
            if typ == "ID":
                attrs["id"] = value
            elif typ == "LABEL":
                attrs["label"] = value
            elif name == _MARKER:
                continue
            else:
                attrs[name] = _parse_cell(value, typ)
        G.add_node(attrs["id"], **attrs)
    for row in _typed_rows(d, "rels_*.csv"):
        ends: dict[str, str] = {}
        attrs = {}
        for name, typ, value in row:
            if typ in ("START_ID", "END_ID"):
                ends[typ] = value
            elif typ == "TYPE":
                attrs["type"] = value
            elif name == _KEY:
                continue
            else:
                attrs[name] = _parse_cell(value, typ)
        G.add_edge(ends["START_ID"], ends["END_ID"], **attrs)
    return G


# ---------------------------------------------------------------- registry

#: Formats of ``kg export``.
FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "neo4j-csv", "cascades")

WRITERS: dict[str, Callable[..., Any]] = {
    "graphml": to_graphml,
    "gexf": to_gexf,
    "json": to_node_link_json,
    "neo4j-csv": to_neo4j_import_csv,
    "cascades": to_cascades_csv,
}
#: The formats that are one file, as the bytes their writer writes.
_ENCODERS: dict[str, Callable[[nx.Graph], bytes]] = {
    "graphml": _graphml_bytes,
    "gexf": _gexf_bytes,
    "json": _node_link_bytes,
    "cascades": _cascades_bytes,
}
READERS: dict[str, Callable[..., nx.Graph]] = {
    "graphml": from_graphml,
    "gexf": from_gexf,
    "json": from_node_link_json,
    "neo4j-csv": from_neo4j_import_csv,
}


def export_graph(G: nx.Graph, fmt: str, path: str | os.PathLike[str]) -> list[Path]:
    """Write ``G`` in ``fmt``; returns the files written.

    ``G`` is written as it is given: the property graph, or a network
    computed from it (:func:`govkg.kg.analysis.network_for_export`).
    ``neo4j-csv`` follows the store's schema, so it takes the property graph
    only.

    Raises
    ------
    ExportError
        For an unknown format.
    ValueError
        For ``neo4j-csv`` of a graph that breaks the schema.
    OSError
        If the file or folder cannot be written.

    Examples
    --------
    >>> import networkx as nx, tempfile, os
    >>> G = nx.Graph(); G.add_edge("a", "b", weight=2)
    >>> [path] = export_graph(G, "graphml", os.path.join(tempfile.mkdtemp(), "g.graphml"))
    >>> path.name, sorted(from_graphml(path).edges(data="weight"))
    ('g.graphml', [('a', 'b', 2)])
    """
    if fmt not in WRITERS:
        raise ExportError(f"format must be one of {list(FORMATS)}, not {fmt!r}")
    out = WRITERS[fmt](G, path)
    return list(out) if isinstance(out, list) else [out]


def export_bytes(G: nx.Graph, fmt: str) -> bytes:
    """What :func:`export_graph` would write to its one file, as bytes (for standard output).

    >>> import networkx as nx
    >>> export_bytes(nx.MultiDiGraph(), "json").splitlines()[:2]
    [b'{', b' "directed": true,']

    Raises
    ------
    ExportError
        For ``neo4j-csv`` (a folder of files) or an unknown format.
    """
    if fmt == "neo4j-csv":
        raise ExportError("neo4j-csv writes a folder of files, not one stream; give -o FOLDER")
    if fmt not in _ENCODERS:
        raise ExportError(f"format must be one of {list(FORMATS)}, not {fmt!r}")
    return _ENCODERS[fmt](G)
