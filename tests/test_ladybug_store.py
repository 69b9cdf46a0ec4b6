import os

import networkx as nx
import pytest
from govkg.kg.ladybug_store import LadybugError, query_ladybug, write_ladybug
from govkg.kg.names import text_name
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
    assert os.listdir(tmp_path) == ["g.lbug"]  # the CSV files were written beside it, and removed


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
