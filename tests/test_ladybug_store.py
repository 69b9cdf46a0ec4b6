import os
import random

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from govkg.kg import ladybug_store
from govkg.kg.ladybug_store import (
    ARROW_TYPES,
    BATCH_ROWS,
    LadybugError,
    load_ladybug,
    node_files,
    query_ladybug,
    rel_files,
    write_copy_files,
    write_ladybug,
)
from govkg.kg.names import text_name
from govkg.kg.rows import edge_rows, node_rows
from govkg.kg.store import save_graph_dir
from govkg.schema import graph_schema
from store_parity import assert_stores_agree


def _graph():
    G = nx.MultiDiGraph()
    G.add_node("region:1", id="region:1", label="Region", name='博爱县, "quoted"', level="county")
    G.add_node("program:p", id="program:p", label="Program", name="述法", aliases=["专题述法", "年度述法"])
    G.add_edge("region:1", "program:p", key="IMPLEMENTS|r", type="IMPLEMENTS", report="r", year=2023,
               evidence="多行\n证据, with a comma")
    return G


def test_write_and_read_back(tmp_path):
    counts = write_ladybug(_graph(), tmp_path / "g.lbug")
    assert counts == {"Region": 1, "Program": 1, "IMPLEMENTS": 1}
    cols, rows = query_ladybug(tmp_path / "g.lbug",
                               "MATCH (r:Region)-[e:IMPLEMENTS]->(p:Program) RETURN r.name AS n, p.aliases AS a, e.year AS y, e.evidence AS ev")
    assert cols == ["n", "a", "y", "ev"]
    assert rows == [{"n": '博爱县, "quoted"', "a": ["专题述法", "年度述法"], "y": 2023, "ev": "多行\n证据, with a comma"}]
    assert os.listdir(tmp_path) == ["g.lbug"]  # the Parquet files were written beside it, and removed


def test_parameters_not_text(tmp_path):
    write_ladybug(_graph(), tmp_path / "g.lbug")
    evil = "x' OR 1=1 //"
    assert query_ladybug(tmp_path / "g.lbug", "MATCH (r:Region) WHERE r.name = $n RETURN r.id", {"n": evil})[1] == []


def test_errors_are_one_line(tmp_path):
    write_ladybug(_graph(), tmp_path / "g.lbug")
    with pytest.raises(LadybugError) as e:
        query_ladybug(tmp_path / "g.lbug", "MATCH (r:Region RETURN r")
    assert "\n" not in str(e.value)


#: What report text and file names hold: both comma widths, quotes, line breaks
#: of every kind, tabs, backslashes, padding, a name in GBK bytes, and strings
#: that look like a CSV dialect's NULL or list syntax.
NASTY = [
    "博爱县, 2023", "全角，逗号", "both，kinds, of，commas,", '陕州区"2023"年报告.txt', '"', '""', '"quoted" text',
    "line\nbreak", "carriage\rreturn", "crlf\r\nend", "\n", "trailing newline\n", "tab\there\t", "C:\\dir\\file.txt",
    "\\", '\\"', "back\\slash\\n not a newline", text_name(os.fsdecode("报告".encode("gbk") + b"\xff.txt")),
    "  padded  ", "", "NULL", "\\N", "[a,b]", "{x: 1}", "'single'", "#comment", "x\x01y", "line\u2028separator",
    "emoji 😀", "a|b;c", "=1+2",
]


def _nasty_graph(n: int = 1100) -> nx.MultiDiGraph:
    """Every table of the schema with ``n`` rows; after 300 plain rows, every text property holds :data:`NASTY` values."""
    schema = graph_schema()
    G = nx.MultiDiGraph()

    def value(i: int, k: int, typ: str):
        if typ == "INT64":
            return None if i % 17 == 0 else (i * 7919 + k) % 100_000 - 50_000
        if typ == "BOOLEAN":
            return None if i % 13 == 0 else i % 2 == 0
        text = f"plain {i} {k}" if i < 300 else NASTY[(i + k) % len(NASTY)]
        if typ == "STRING[]":
            return [] if i % 5 == 0 else [text, NASTY[(i + 2 * k + 1) % len(NASTY)], "x,y"]
        return None if i % 23 == 0 else text

    ids: dict[str, list[str]] = {}
    for label, props in schema.nodes.items():
        ids[label] = []
        for i in range(n):
            nid = f"{label.lower()}:{i:05d}/{value(i, 0, 'STRING') or ''}"
            G.add_node(nid, id=nid, label=label, **{p: value(i, k, t) for k, (p, t) in enumerate(props.items())
                                                     if p != "id"})
            ids[label].append(nid)
    for typ, rel in schema.relationships.items():
        for a, b in rel.pairs:
            for i in range(n):
                u, v = ids[a][i], ids[b][(i * 31 + 7) % n]
                G.add_edge(u, v, key=f"{typ}|{i}", type=typ,
                           **{p: value(i, k + 3, t) for k, (p, t) in enumerate(rel.props.items())})
    return G


def test_every_text_value_is_stored_exactly_as_graph_json_holds_it(tmp_path):
    G = _nasty_graph()
    info = save_graph_dir(G, tmp_path / "g", {"reports": 0})
    assert min(info["tables"].values()) >= 1100
    counts = assert_stores_agree(tmp_path / "g")
    assert counts == {k: v for k, v in info["tables"].items()}
    # Spot checks of what went wrong before: a quote doubled, a line break turned into a space.
    _, rows = query_ladybug(tmp_path / "g" / "graph.lbug", "MATCH (r:Report) WHERE r.file = $f RETURN count(r) AS n",
                            {"f": '陕州区"2023"年报告.txt'})
    assert rows[0]["n"] > 0
    _, rows = query_ladybug(tmp_path / "g" / "graph.lbug",
                            "MATCH ()-[e:CITES]->() WHERE e.evidence = $e RETURN count(e) AS n", {"e": "crlf\r\nend"})
    assert rows[0]["n"] > 0


def _label_of(node_id: str) -> str:
    """The label of the ids the tests below make: ``region:1`` is a Region."""
    return node_id.split(":")[0].title()


def _query(db, cypher: str, params: dict | None = None) -> list[dict]:
    return query_ladybug(db, cypher, params)[1]


def test_node_files_are_typed_columns_in_the_schema_order_sorted_by_id(tmp_path):
    nodes = [
        {"id": "region:2", "label": "Region", "name": "", "candidates": ["410822", ""], "ambiguous": True},
        {"id": "program:p", "label": "Program", "name": "述法", "aliases": ("专题述法", 2023)},
        {"id": "region:1", "label": "Region", "name": None, "level": "county"},  # the rest missing
    ]
    files = node_files(iter(nodes), tmp_path)
    assert [(f.table, f.path.name, f.rows, f.pair) for f in files] == [
        ("Region", "Region.parquet", 2, None), ("Program", "Program.parquet", 1, None)]
    schema = graph_schema()
    for f in files:
        assert pq.read_schema(f.path).names == list(schema.nodes[f.table])
        assert list(pq.read_schema(f.path).types) == [ARROW_TYPES[t] for t in schema.nodes[f.table].values()]
    assert pq.read_table(files[0].path).to_pylist() == [
        {"id": "region:1", "name": None, "level": "county", "adcode": None, "province": None, "candidates": [],
         "ambiguous": False},
        {"id": "region:2", "name": "", "level": None, "adcode": None, "province": None, "candidates": ["410822", ""],
         "ambiguous": True},
    ]
    assert pq.read_table(files[1].path).column("aliases").to_pylist() == [["专题述法", "2023"]]
    counts = load_ladybug(tmp_path / "g.lbug", files)
    assert counts == {"Region": 2, "Program": 1}
    rows = _query(tmp_path / "g.lbug", "MATCH (r:Region) RETURN r.id AS id, r.name IS NULL AS null_name, r.name = '' AS "
                                       "empty_name, r.candidates AS c, r.ambiguous AS a ORDER BY id")
    assert rows == [{"id": "region:1", "null_name": True, "empty_name": None, "c": [], "a": False},
                    {"id": "region:2", "null_name": False, "empty_name": True, "c": ["410822", ""], "a": True}]


def test_rel_files_of_several_partitions_and_label_pairs_load_into_one_table(tmp_path):
    files = node_files([{"id": i, "label": _label_of(i), "name": i}
                        for i in ("region:1", "region:2", "report:a", "report:b", "program:p", "program:q")], tmp_path)
    partitions = {
        "-0001": [("region:1", "program:p", {"type": "IMPLEMENTS", "report": "report:a", "year": 2022, "evidence": "甲"}),
                  ("report:a", "region:1", {"type": "ABOUT"})],
        "-0002": [("report:b", "program:q", {"type": "IMPLEMENTS", "report": "report:b", "year": None, "evidence": ""}),
                  ("region:2", "program:q", {"type": "IMPLEMENTS", "report": "report:b", "year": 2023}),
                  ("region:2", "region:1", {"type": "PART_OF"})],
        "-0003": [("region:1", "program:q", {"type": "PLANS", "report": "report:a", "year": 2024, "surface": "规划"})],
    }
    for tag, edges in partitions.items():
        files += rel_files((e for e in edges), _label_of, tmp_path, tag=tag)
    assert sorted(f.path.name for f in files if f.table == "IMPLEMENTS") == [
        "IMPLEMENTS_Region_Program-0001.parquet", "IMPLEMENTS_Region_Program-0002.parquet",
        "IMPLEMENTS_Report_Program-0002.parquet"]
    assert {f.path.name: f.pair for f in files if f.table in ("IMPLEMENTS", "ABOUT")} == {
        "IMPLEMENTS_Region_Program-0001.parquet": ("Region", "Program"),
        "IMPLEMENTS_Region_Program-0002.parquet": ("Region", "Program"),
        "IMPLEMENTS_Report_Program-0002.parquet": ("Report", "Program"),
        "ABOUT_Report_Region-0001.parquet": None,  # ABOUT joins one pair: COPY needs no from/to
    }
    # Relationship files first: load_ladybug still loads the node tables before them.
    counts = load_ladybug(tmp_path / "g.lbug", files[6:] + files[:6])
    assert counts == {"Region": 2, "Report": 2, "Program": 2, "IMPLEMENTS": 3, "ABOUT": 1, "PART_OF": 1, "PLANS": 1}
    rows = _query(tmp_path / "g.lbug", "MATCH (x)-[e:IMPLEMENTS]->(p:Program) RETURN x.id AS src, label(x) AS l, "
                                       "p.id AS dst, e.year AS y, e.evidence AS ev ORDER BY src, dst")
    assert rows == [{"src": "region:1", "l": "Region", "dst": "program:p", "y": 2022, "ev": "甲"},
                    {"src": "region:2", "l": "Region", "dst": "program:q", "y": 2023, "ev": None},
                    {"src": "report:b", "l": "Report", "dst": "program:q", "y": None, "ev": ""}]
    assert _query(tmp_path / "g.lbug", "MATCH (a)-[e:PLANS]->(p) RETURN e.surface AS s") == [{"s": "规划"}]


def test_hostile_text_loads_exactly_through_the_streaming_writers(tmp_path):
    texts = NASTY + ["x" * 3_000_000, "长" * 100_000 + "\n\"", "😀" * 1000]
    nodes = [{"id": f"program:{i}/{t[:50]}", "label": "Program", "name": t, "name_en": None if i % 2 else "",
              "aliases": [t, "", "a,b"] if i % 3 else []} for i, t in enumerate(texts)]
    nodes.append({"id": "region:1", "label": "Region", "name": "博爱县"})
    files = node_files(nodes, tmp_path)
    for part in range(3):
        edges = (("region:1", n["id"], {"type": "IMPLEMENTS", "report": f"{part}{n['name']}", "evidence": n["name"],
                                        "surface": None if i % 2 else ""})
                 for i, n in enumerate(nodes[:-1]) if i % 3 == part)
        files += rel_files(edges, _label_of, tmp_path, tag=f"_{part}")
    load_ladybug(tmp_path / "g.lbug", files)
    got = {r["id"]: r for r in _query(tmp_path / "g.lbug", "MATCH (p:Program) RETURN p.id AS id, p.name AS name, "
                                                           "p.name_en AS en, p.aliases AS aliases")}
    assert got == {n["id"]: {"id": n["id"], "name": n["name"], "en": n["name_en"], "aliases": n["aliases"]}
                   for n in nodes[:-1]}
    got = _query(tmp_path / "g.lbug", "MATCH (:Region)-[e:IMPLEMENTS]->(p:Program) RETURN p.name AS name, e.evidence AS ev, "
                                      "e.report AS report, e.surface AS surface")
    assert sorted(map(repr, got)) == sorted(repr({"name": t, "ev": t, "report": f"{i % 3}{t}", "surface": None if i % 2 else ""})
                                            for i, t in enumerate(texts))
    assert _query(tmp_path / "g.lbug", "MATCH (p:Program) WHERE p.name = $n RETURN count(p) AS n", {"n": '"'}) == [{"n": 1}]


def test_rel_files_streams_a_generator_a_batch_at_a_time(tmp_path):
    """200,000 edges from a generator: the data of at most one batch is alive at once, and the rows
    are on disk, a row group per batch, before the generator is done."""

    class Data(dict):  # a dict that counts how many of its kind are alive
        alive = most = 0

        def __init__(self, **kw):
            super().__init__(**kw)
            Data.alive += 1
            Data.most = max(Data.most, Data.alive)

        def __del__(self):
            Data.alive -= 1

    path = tmp_path / "IMPLEMENTS_Region_Program-p.parquet"
    size_midway = []

    def edges(n=200_000):
        for i in range(n):
            if i == 150_000:
                size_midway.append(path.stat().st_size)
            yield f"region:{i % 1000}", f"program:{i}", Data(type="IMPLEMENTS", report=f"report:{i}", year=2000 + i % 30,
                                                             evidence=f"第{i}条, \"证据\"\n")

    [f] = rel_files(edges(), _label_of, tmp_path, tag="-p")
    assert f.rows == 200_000
    meta = pq.ParquetFile(f.path).metadata
    assert meta.num_row_groups == 200_000 // BATCH_ROWS and meta.row_group(0).num_rows == BATCH_ROWS
    assert size_midway[0] > 100 * BATCH_ROWS  # the first batches were written while the edges still streamed
    assert Data.most <= BATCH_ROWS + 1  # the generator's dicts are let go, batch by batch
    assert pq.read_table(f.path, columns=["evidence"]).column(0)[123_456].as_py() == '第123456条, "证据"\n'


def test_write_copy_files_holds_the_rows_of_the_rows_module_in_their_order(tmp_path):
    # The graph's nodes and edges in a shuffled order, and one pair of nodes with several reports (and a tie).
    G0, G, rng = _nasty_graph(400), nx.MultiDiGraph(), random.Random(7)
    nodes, edges = list(G0.nodes(data=True)), list(G0.edges(keys=True, data=True))
    u, v = next((u, v) for u, v, _, d in edges if d["type"] == "IMPLEMENTS")
    edges += [(u, v, f"IMPLEMENTS|{r}{i}", {"type": "IMPLEMENTS", "report": r, "evidence": str(i)})
              for i, r in enumerate(["r2", "r1", "r3", "r1", None, ""])]
    rng.shuffle(nodes)
    rng.shuffle(edges)
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    files = {f.path.name: f for f in write_copy_files(G, tmp_path)}
    for label, rows in node_rows(G).items():
        assert pq.read_table(files[f"{label}.parquet"].path).to_pylist() == rows, label
    for (typ, a, b), rows in edge_rows(G).items():
        got = pq.read_table(files[f"{typ}_{a}_{b}.parquet"].path).to_pylist()
        assert got == [{"from": r["from"], "to": r["to"], **r} for r in rows], typ
        assert list(got[0]) == ["from", "to", *graph_schema().relationships[typ].props], typ


def test_a_partition_written_twice_or_a_bad_edge_fails_loudly_and_leaves_no_half_file(tmp_path):
    edge = ("region:1", "program:p", {"type": "IMPLEMENTS", "report": "r"})
    rel_files([edge], _label_of, tmp_path, tag="-1")
    with pytest.raises(FileExistsError):
        rel_files([edge], _label_of, tmp_path, tag="-1")
    with pytest.raises(ValueError, match="IMPLEMENTS may not join Program to Region"):
        rel_files([edge, ("program:p", "region:1", {"type": "IMPLEMENTS"})], _label_of, tmp_path, tag="-2")
    with pytest.raises(ValueError, match="unknown relationship type 'LIKES'"):
        rel_files([edge, ("region:1", "program:p", {"type": "LIKES"})], _label_of, tmp_path, tag="-3")
    with pytest.raises(ValueError, match="unknown node label 'Dragon'"):
        node_files([{"id": "dragon:1", "label": "Dragon"}], tmp_path)
    with pytest.raises(ValueError, match="plain file name"):
        rel_files([edge], _label_of, tmp_path, tag="/../x")
    assert sorted(os.listdir(tmp_path)) == ["IMPLEMENTS_Region_Program-1.parquet"]


def test_every_schema_type_has_a_parquet_type():
    schema = graph_schema()
    types = {t for props in schema.nodes.values() for t in props.values()}
    types |= {t for rel in schema.relationships.values() for t in rel.props.values()}
    assert types <= set(ARROW_TYPES)
    assert ARROW_TYPES["STRING[]"] == pa.list_(pa.string())
    assert ladybug_store._PLAIN.keys() <= ARROW_TYPES.keys()
