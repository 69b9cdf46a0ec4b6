"""Every named query runs on the embedded store of the seed graph, and answers what the seed reports say.

The expected rows below were checked by hand against the five reports in
../shared/corpus/seeds: 000 博爱县, 001 泽州县, 002 郏县, 003 李庄乡 (宝丰县),
004 陕州区, all of 2023.
"""
import re

import pytest
from govkg import queries
from govkg.kg.store import query_graph
from govkg.schema.lexicon import load_lexicon

PARAMS = {"program": "program:legal_literate_villagers", "a": "博爱县", "b": "郏县", "region": "郏县"}
JIA = "report:c1b0ef3e53e6aab7"  # 002, 郏县


def run(seed_graph, name: str, **params) -> list[dict]:
    cols, rows = query_graph(seed_graph, queries.load(name).text, params)
    assert all(list(r) == cols for r in rows)
    return rows


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


def test_region_profile_of_jiaxian(seed_graph):
    rows = run(seed_graph, "region_profile", region="郏县")
    assert {r["year"] for r in rows} == {2023} and {r["report"] for r in rows} == {JIA}
    by = {rel: sorted(r["name"] for r in rows if r["relation"] == rel) for rel in ("implements", "plans", "honor", "agency")}
    assert len(rows) == sum(map(len, by.values()))
    # What 一、工作开展情况 reports done, each as written there (surface in brackets when it differs).
    assert by["implements"] == sorted([
        "习近平法治思想学习宣传", "述法", "领导干部学法用法", "法治政府建设示范创建",  # 示范县, 专题述法, 学法计划
        "道路交通安全和运输执法领域突出问题专项整治", "涉企行政执法专项监督", "服务型行政执法", "微宣讲、走基层",
        "乡镇综合行政执法改革", "重大行政决策程序", "最多跑一次", "府院联动", "谁执法谁普法",
        "法律进万家（法律“N进”）", "宪法宣传周", "八五普法",  # 法律八进, 12·4宪法宣传周, 省八五普法规划
        "行政执法监督", "行政复议", "行政应诉", "政务公开", "新时代“枫桥经验”", "人民调解",  # 调委会
        "民主法治示范村（社区）创建", "社区矫正", "智慧矫正",  # 智慧化社区矫正中心
        "村（居）法律顾问", "法律明白人",  # 村居法律顾问, 基层法治明白人
        "法律援助告知承诺制", "平安建设",
    ])
    # Named only under 三、2024年工作打算: 一规划两方案, 行政执法工作三年提升计划, “三零”创建, “六防六促”.
    assert by["plans"] == sorted(["一规划两纲要", "提升行政执法质量三年行动计划", "“三零”创建", "六防六促"])
    # The opening paragraph and 八是全面夯实基层基础 (张中央's 全国优秀调解员 is a person's, not the county's).
    assert by["honor"] == sorted([
        "全国基层治理类信用承诺优秀案例 → 郏县", "全国行政复议行政应诉先进集体 → 郏县", "省级优秀县 → 郏县",
        "省级服务型行政执法示范单位 → 郏县审计局", "全国民主法治示范村 → 郏县", "市级民主法治示范乡镇 → 郏县",
        "社区矫正教育帮扶项目示范点 → 郏县",
    ])
    assert {"最高人民法院", "中国法学会", "法治日报社", "河南省司法厅", "郏县审计局"} <= set(by["agency"])


def test_program_first_year(seed_graph):
    # 法律明白人 is done in 2023 by four of the five: 博爱县 and 泽州县 (“法律明白人”培养工程), 郏县
    # (基层法治明白人培训), 李庄乡 (培育农村“法律明白人”); 陕州区 does not name it.
    assert run(seed_graph, "program_first_year", program="program:legal_literate_villagers") == [
        {"region": region, "first_year": 2023, "reports": 1} for region in ["博爱县", "李庄乡", "泽州县", "郏县"]]
    # 万人助万企 is only among 博爱县's plans (四、2024年工作打算): no one has adopted it yet.
    assert run(seed_graph, "program_first_year", program="program:ten_thousand_help_enterprises") == []


def test_program_adoption(seed_graph):
    rows = run(seed_graph, "program_adoption")
    counts = {r["program"]: (r["implementing"], r["planning"]) for r in rows}
    assert len(rows) == len(counts) == len(load_lexicon().programs)  # every program, adopted or not
    # Every report names 习近平法治思想 and 人民调解 (or a 调委会) in what it did: the most adopted.
    assert [(r["program"], r["implementing"], r["planning"]) for r in rows[:2]] == [
        ("习近平法治思想学习宣传", 5, 0), ("人民调解", 5, 0)]
    assert counts["法律明白人"] == (4, 0)
    # 李庄乡 names “八五”普法 only under 三、…存在的不足 and 四、下一年度: planned; 博爱县, 泽州县 and 郏县 did it.
    assert counts["八五普法"] == (3, 1)
    # Only planned: 郏县's 一规划两方案 and 三年提升计划, 博爱县's 万人助万企.
    assert {p for p, c in counts.items() if c[0] == 0 and c[1] > 0} == {
        "一规划两纲要", "提升行政执法质量三年行动计划", "万人助万企"}
    assert counts["双随机、一公开"] == (0, 0)
    ranked = [(-r["implementing"], -r["planning"], r["program"]) for r in rows]
    assert ranked == sorted(ranked)


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


@pytest.mark.parametrize("name", queries.names())
def test_named_query_has_one_order(name):
    # A query's rows come in one order, run after run: its own ORDER BY, or, for a UNION (which
    # Cypher cannot order as a whole, and whose parts the embedded store runs in parallel), the
    # columns of its order: line, each a column the query returns.
    q = queries.load(name)
    if "UNION" in q.text:
        assert q.order, f"{name} is a UNION without an order: line"
        returned = set(re.findall(r"\bAS (\w+)", q.text))
        assert set(q.order) <= returned, f"{name} orders by columns it does not return"
    else:
        assert re.search(r"\nORDER BY [^\n]+$", q.text), f"{name} ends without ORDER BY"


def test_union_rows_come_in_their_order(seed_graph):
    import govkg

    g = govkg.open(seed_graph)
    rows = list(g.named("region_profile", region="郏县"))
    key = [(r["relation"], r["name"], r["year"], r["report"]) for r in rows]
    assert len(rows) > 20 and key == sorted(key)
    assert [r["relation"] for r in rows][0] == "agency"
