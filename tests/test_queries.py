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
    if name == "reports_without_region_for_program":  # every seed names its region
        assert cols and rows == []
        return
    assert cols and rows, f"{name} returned nothing"


def test_a_report_with_no_region_keeps_its_programs(tmp_path):
    from govkg.kg.build import build

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text("县司法局2022年工作总结\n一、工作成效\n我局培养法律明白人。\n二、下一步打算\n推进府院联动。\n",
                                          encoding="utf-8")
    build([tmp_path / "r"], tmp_path / "g")
    _, rows = query_graph(tmp_path / "g", queries.load("reports_without_region_for_program").text,
                          {"program": "program:legal_literate_villagers"})
    assert [(r["file"], r["status"], r["year"]) for r in rows] == [("a.txt", "implemented", 2022)]
    _, rows = query_graph(tmp_path / "g", queries.load("reports_without_region_for_program").text,
                          {"program": "program:government_court_linkage"})
    assert [(r["file"], r["status"]) for r in rows] == [("a.txt", "planned")]


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
