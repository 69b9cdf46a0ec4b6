"""Every named query runs on the embedded store of the seed graph and answers sensibly."""
import pytest
from govkg import queries
from govkg.kg.store import query_graph

PARAMS = {"program": "program:legal_literate_villagers", "a": "博爱县", "b": "郏县", "region": "郏县"}


@pytest.mark.parametrize("name", queries.names())
def test_named_query_runs(seed_graph, name):
    q = queries.load(name)
    params = {p: PARAMS[p] for p in q.params}
    if name == "regions_planning_program":
        params["program"] = "program:ten_thousand_help_enterprises"
    cols, rows = query_graph(seed_graph, q.text, params)
    assert cols and rows, f"{name} returned nothing"


def test_shared_program_regions(seed_graph):
    _, rows = query_graph(seed_graph, queries.load("regions_sharing_program").text, {"program": PARAMS["program"]})
    assert sorted({r["region"] for r in rows}) == ["博爱县", "李庄乡", "泽州县", "郏县"]


def test_pair_query(seed_graph):
    _, rows = query_graph(seed_graph, queries.load("programs_shared_by_regions").text, {"a": "博爱县", "b": "郏县"})
    assert {"法律明白人", "八五普法"} <= {r["program"] for r in rows}


def test_honors_by_level(seed_graph):
    _, rows = query_graph(seed_graph, queries.load("honors_by_level").text, {})
    assert {"level": "national", "honor": "全国优秀调解员", "recipient": "张中央"}.items() <= next(
        r for r in rows if r["recipient"] == "张中央").items()
