import networkx as nx
import pytest
from govkg.kg.ladybug_store import LadybugError, query_ladybug, write_ladybug


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
    assert rows == [{"n": '博爱县, "quoted"', "a": ["专题述法", "年度述法"], "y": 2023, "ev": "多行 证据, with a comma"}]


def test_parameters_not_text(tmp_path):
    write_ladybug(_graph(), tmp_path / "g.lbug")
    evil = "x' OR 1=1 //"
    assert query_ladybug(tmp_path / "g.lbug", "MATCH (r:Region) WHERE r.name = $n RETURN r.id", {"n": evil})[1] == []


def test_errors_are_one_line(tmp_path):
    write_ladybug(_graph(), tmp_path / "g.lbug")
    with pytest.raises(LadybugError) as e:
        query_ladybug(tmp_path / "g.lbug", "MATCH (r:Region RETURN r")
    assert "\n" not in str(e.value)
