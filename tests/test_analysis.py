"""Shared-initiative analysis: bipartite graph, projections, similarity, communities, diffusion."""
from __future__ import annotations

import copy
import inspect
import itertools
import json
import math
import random
from typing import Any, Callable

import networkx as nx
import pytest
from govkg.kg import analysis
from govkg.kg.analysis import (
    AmbiguousError,
    NotFoundError,
    adoption_curve,
    adoption_curves,
    cascades,
    communities,
    first_adoption,
    program_adopters,
    program_coadoption,
    project_regions,
    region_neighbourhood,
    region_program_graph,
    resolve_program,
    resolve_region,
    similar_regions,
)
from graph_fixtures import seed_like_graph

BOAI, ZEZHOU, JIAXIAN, LIZHUANG, SHANZHOU = (
    "region:410822", "region:140525", "region:410425", "region:410421/李庄乡", "region:411203")
MBR, PUFA8, FENGQIAO, FUYUAN, SHUFA, MICRO = (
    "legal_literate_villagers", "eighth_five_year_legal_education", "fengqiao_experience",
    "court_government_linkage", "leaders_report_on_law", "micro_lectures")


def snapshot(G: nx.Graph) -> str:
    return json.dumps(nx.node_link_data(G, edges="edges"), sort_keys=True, ensure_ascii=False, default=str)


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return seed_like_graph()


def test_bipartite_keeps_implemented_and_planned_apart(G):
    implemented = region_program_graph(G)
    planned = region_program_graph(G, "planned")
    both = region_program_graph(G, "any")
    # 府院联动 appears in 博爱县's report only as a plan.
    assert not implemented.has_edge(BOAI, FUYUAN)
    assert planned.has_edge(BOAI, FUYUAN) and planned.edges[BOAI, FUYUAN]["statuses"] == ["planned"]
    assert both.edges[LIZHUANG, PUFA8]["statuses"] == ["planned"]
    assert not implemented.has_edge(LIZHUANG, PUFA8)
    assert sorted(n for n, d in implemented.nodes(data=True) if d["bipartite"] == 0) == sorted(
        [BOAI, ZEZHOU, JIAXIAN, LIZHUANG, SHANZHOU])
    # Parent regions, honors, agencies and reports are not part of it.
    assert "region:410800" not in both and "honor:national_model_village" not in both


def test_bipartite_merges_reports_and_keeps_evidence(G):
    B = region_program_graph(G)
    e = B.edges[BOAI, MBR]
    assert e["years"] == [2022, 2023]
    assert e["reports"] == ["report:000", "report:000b"]
    assert e["since"] == 2022
    assert [(x["year"], x["file"], x["text"]) for x in e["evidence"]] == [
        (2022, "000b_boai_2022.txt", "全县培育法律明白人800名。"),
        (2023, "000_5587728e0baa21d6.txt", "培养“法律明白人”1200余名。"),
    ]
    assert B.nodes[MBR]["name"] == "法律明白人" and B.nodes[MBR]["aliases"] == ["法治明白人", "法律明白人培养工程"]
    assert B.nodes[MBR]["degree"] == 4 and B.nodes[BOAI]["since"] == 2022
    # The copy is deep: changing it leaves G alone.
    B.nodes[MBR]["aliases"].append("x")
    assert G.nodes[MBR]["aliases"] == ["法治明白人", "法律明白人培养工程"]


def test_year_falls_back_to_report_and_missing_years_are_skipped():
    G = nx.MultiDiGraph()
    G.add_node("r", label="Region", name="甲县")
    G.add_node("p", label="Program", name="述法")
    G.add_node("q", label="Program", name="法律明白人")
    G.add_node("rep", label="Report", file="a.txt", year=2021)
    G.add_edge("r", "p", type="IMPLEMENTS", report="rep")
    G.add_edge("r", "q", type="IMPLEMENTS")
    B = region_program_graph(G)
    assert B.edges["r", "p"]["years"] == [2021] and B.edges["r", "p"]["evidence"][0]["file"] == "a.txt"
    assert B.edges["r", "q"]["years"] == [] and B.edges["r", "q"]["since"] is None
    assert first_adoption(G) == {("r", "p"): 2021}


def test_projection_weights_by_hand(G):
    # Implemented programs: 博爱县 {MBR, PUFA8, SHUFA}; 泽州县 {MBR, PUFA8, FENGQIAO};
    # 郏县 {MBR, MICRO, PUFA8}; 李庄乡 {MBR, MICRO}; 陕州区 {PUFA8, FENGQIAO}.
    shared = project_regions(G, "shared")
    assert shared.edges[JIAXIAN, LIZHUANG]["weight"] == 2
    assert shared.edges[JIAXIAN, LIZHUANG]["shared"] == [MBR, MICRO]
    assert shared.edges[ZEZHOU, JIAXIAN]["weight"] == 2
    assert not shared.has_edge(LIZHUANG, SHANZHOU)  # nothing in common
    jac = project_regions(G, "jaccard")
    assert jac.edges[JIAXIAN, LIZHUANG]["weight"] == pytest.approx(2 / 3)
    assert jac.edges[BOAI, SHANZHOU]["weight"] == pytest.approx(1 / 4)
    ovl = project_regions(G, "overlap")
    assert ovl.edges[JIAXIAN, LIZHUANG]["weight"] == 1.0
    assert ovl.edges[ZEZHOU, SHANZHOU]["weight"] == 1.0
    idf = project_regions(G, "idf")
    n = 5
    w = {p: math.log((1 + n) / (1 + df)) + 1 for p, df in [(MBR, 4), (PUFA8, 4), (MICRO, 2), (FENGQIAO, 2)]}
    assert idf.edges[JIAXIAN, LIZHUANG]["weight"] == pytest.approx(w[MBR] + w[MICRO])
    assert idf.edges[ZEZHOU, JIAXIAN]["weight"] == pytest.approx(w[MBR] + w[PUFA8])
    # Sharing the rare 微宣讲 counts for more than sharing 八五普法, which most regions run.
    assert idf.edges[JIAXIAN, LIZHUANG]["weight"] > idf.edges[ZEZHOU, JIAXIAN]["weight"]
    assert idf.graph["via"][MICRO]["name"] == "微宣讲、走基层"


def test_projection_since_is_first_year_both_ran_a_shared_program(G):
    H = project_regions(G, "shared")
    # 陕州区 ran 八五普法 from 2022, 博爱县 from 2023: they share it from 2023.
    assert H.edges[BOAI, SHANZHOU]["shared"] == [PUFA8]
    assert H.edges[BOAI, SHANZHOU]["since"] == 2023
    assert H.nodes[BOAI]["since"] == 2022 and H.nodes[BOAI]["members"] == sorted([MBR, PUFA8, SHUFA])


def test_status_planned_projection(G):
    H = project_regions(G, "shared", status="planned")
    assert sorted(H) == sorted([BOAI, LIZHUANG]) and H.number_of_edges() == 0
    H = project_regions(G, "shared", status="any")
    assert H.edges[LIZHUANG, SHANZHOU]["shared"] == [PUFA8]


def test_pruning_top_k_min_weight_and_counts(G):
    full = project_regions(G, "jaccard")
    assert full.graph["pairs_total"] == full.number_of_edges() == 9
    top1 = project_regions(G, "jaccard", top_k=1)
    # Each region keeps (at least) its strongest link; a link survives if either end keeps it.
    for n in top1:
        best = max(w for _, _, w in full.edges(n, data="weight"))
        assert any(top1.edges[n, m]["weight"] == best for m in top1[n])
    assert top1.graph["pairs_total"] == 9 and top1.graph["edges_kept"] == top1.number_of_edges() < 9
    heavy = project_regions(G, "jaccard", min_weight=0.5)
    assert all(w >= 0.5 for *_, w in heavy.edges(data="weight"))
    assert heavy.number_of_edges() == sum(1 for *_, w in full.edges(data="weight") if w >= 0.5)
    assert sorted(heavy) == sorted(full)  # regions stay, even without links
    with pytest.raises(ValueError, match="top_k"):
        project_regions(G, top_k=0)
    with pytest.raises(ValueError, match="weight must be one of"):
        project_regions(G, weight="cosine")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="status must be one of"):
        project_regions(G, status="done")  # type: ignore[arg-type]


def _random_graph(seed: int, n_regions: int = 40, n_programs: int = 15) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for j in range(n_programs):
        G.add_node(f"p{j:02d}", label="Program", name=f"项目{j}")
    for i in range(n_regions):
        G.add_node(f"r{i:03d}", label="Region", name=f"县{i}")
        for j in range(n_programs):
            if rng.random() < 0.8 / (1 + j) ** 0.5:
                G.add_edge(f"r{i:03d}", f"p{j:02d}", type="IMPLEMENTS", year=rng.choice([2020, 2021, 2022]))
    return G


def _brute_force(G: nx.MultiDiGraph, weight: str) -> dict[tuple[str, str], float]:
    progs = {r: {v for _, v, d in G.out_edges(r, data=True) if d.get("type") == "IMPLEMENTS"}
             for r, d in G.nodes(data=True) if d["label"] == "Region"}
    progs = {r: s for r, s in progs.items() if s}
    n = len(progs)
    df = {p: sum(1 for s in progs.values() if p in s) for p in set().union(*progs.values())}
    out = {}
    for a, b in itertools.combinations(sorted(progs), 2):
        common = progs[a] & progs[b]
        if not common:
            continue
        out[(a, b)] = {
            "shared": len(common),
            "jaccard": len(common) / len(progs[a] | progs[b]),
            "overlap": len(common) / min(len(progs[a]), len(progs[b])),
            "idf": sum(math.log((1 + n) / (1 + df[p])) + 1 for p in common),
        }[weight]
    return out


@pytest.mark.parametrize("weight", analysis.WEIGHTS)
@pytest.mark.parametrize("seed", [1, 2])
def test_projection_matches_brute_force_and_similar_regions(weight, seed):
    G = _random_graph(seed)
    expected = _brute_force(G, weight)
    H = project_regions(G, weight)
    got = {(min(u, v), max(u, v)): w for u, v, w in H.edges(data="weight")}
    assert got.keys() == expected.keys()
    for pair, w in expected.items():
        assert got[pair] == pytest.approx(w, abs=1e-9)
    # similar_regions computes one region's scores its own way: they must agree.
    region = sorted(H)[3]
    rows = similar_regions(G, region, k=1000, weight=weight)
    assert {r["region"]: r["score"] for r in rows} == pytest.approx(
        {v: H.edges[region, v]["weight"] for v in H[region]}, abs=1e-9)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    # top_k keeps exactly the union of every region's k best (ties by id).
    k = 3
    top = project_regions(G, weight, top_k=k)
    keep = set()
    for r in H:
        best = sorted(H[r], key=lambda v: (-H.edges[r, v]["weight"], v))[:k]
        keep |= {(min(r, v), max(r, v)) for v in best}
    assert {(min(u, v), max(u, v)) for u, v in top.edges()} == keep


def test_program_coadoption(G):
    P = program_coadoption(G, "shared")
    assert P.edges[MBR, MICRO]["shared"] == sorted([JIAXIAN, LIZHUANG])
    assert P.edges[MBR, PUFA8]["weight"] == 3  # 博爱县, 泽州县, 郏县
    assert P.nodes[PUFA8]["members"] == sorted([BOAI, ZEZHOU, JIAXIAN, SHANZHOU])
    assert FUYUAN not in P  # only planned


def test_similar_regions_rows(G):
    rows = similar_regions(G, "郏县", k=2, weight="idf")
    # 李庄乡 shares the rare 微宣讲; 泽州县 and 博爱县 tie on 法律明白人 + 八五普法 (ties by id).
    assert [r["region"] for r in rows] == [LIZHUANG, ZEZHOU]
    assert rows[0]["shared_names"] == ["法律明白人", "微宣讲、走基层"]
    assert rows[0]["name"] == "李庄乡" and rows[0]["level"] == "township" and rows[0]["n_shared"] == 2
    assert similar_regions(G, "region:410800") == []  # a region that runs nothing
    with pytest.raises(ValueError, match="k must be"):
        similar_regions(G, "郏县", k=0)


def test_communities_are_seeded_and_independent_of_build_order():
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    H1 = nx.Graph(edges)
    H2 = nx.Graph(list(reversed([(v, u) for u, v in edges])))
    assert communities(H1) == communities(H2) == {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}
    H1.add_node("lonely")
    assert communities(H1)["lonely"] == 2
    big = project_regions(_random_graph(5, 80, 20), "jaccard", top_k=4)
    assert communities(big, seed=3) == communities(big, seed=3)


def test_lookups(G):
    assert resolve_region(G, "李庄") == LIZHUANG
    assert resolve_region(G, " 博爱县 ") == BOAI
    assert resolve_program(G, "八五普法") == PUFA8
    assert resolve_program(G, "“八五”普法") == PUFA8
    assert resolve_program(G, "八五普法规划") == PUFA8
    assert resolve_program(G, "fengqiao experience (in the new era)") == FENGQIAO
    assert resolve_program(G, "枫桥经验") == FENGQIAO
    assert resolve_program(G, FUYUAN) == FUYUAN
    with pytest.raises(NotFoundError, match="no program named '不存在的项目'"):
        resolve_program(G, "不存在的项目")
    with pytest.raises(NotFoundError, match="known regions include"):
        resolve_region(G, "洛阳市")
    G.add_node("region:x/城关镇", label="Region", name="城关镇")
    G.add_node("region:y/城关镇", label="Region", name="城关镇")
    with pytest.raises(AmbiguousError, match="region:x/城关镇.*region:y/城关镇"):
        resolve_region(G, "城关镇")


def test_views_for_pictures(G):
    S = program_adopters(G, "八五普法")
    assert S.graph["focus"] == PUFA8 and sorted(S[PUFA8]) == sorted([BOAI, ZEZHOU, JIAXIAN, LIZHUANG, SHANZHOU])
    assert S.edges[LIZHUANG, PUFA8]["statuses"] == ["planned"]
    N = region_neighbourhood(G, "博爱县", k=2, weight="jaccard")
    assert N.graph["focus"] == BOAI
    assert sorted(v for v in N[BOAI] if N.edges[BOAI, v]["kind"] == "similar") == sorted(
        r["region"] for r in similar_regions(G, BOAI, k=2, weight="jaccard", status="any"))
    programs = {n for n, d in N.nodes(data=True) if d["label"] == "Program"}
    assert programs == {MBR, PUFA8, SHUFA, FUYUAN}


def test_diffusion(G):
    first = first_adoption(G)
    assert first[(BOAI, MBR)] == 2022 and first[(SHANZHOU, PUFA8)] == 2022 and (BOAI, FUYUAN) not in first
    assert first_adoption(G, "any")[(BOAI, FUYUAN)] == 2023
    assert adoption_curve(G, "法律明白人") == [(2022, 1), (2023, 4)]
    assert adoption_curve(G, "微宣讲") == [(2023, 2)]
    curves = adoption_curves(G)
    assert list(curves)[:2] == [PUFA8, MBR]  # 4 adopters each, both from 2022; then by id
    assert all(c[0][0] == 2022 and c[-1][0] == 2023 for c in curves.values())
    assert list(adoption_curves(G, top=1)) == [PUFA8]
    assert adoption_curves(G, ["述法"]) == {SHUFA: [(2023, 1)]}
    rows = cascades(G)
    assert rows[:2] == [{"region": SHANZHOU, "program": PUFA8, "year": 2022},
                        {"region": ZEZHOU, "program": PUFA8, "year": 2023}]
    assert rows == sorted(rows, key=lambda r: (r["program"], r["year"], r["region"]))
    assert len(rows) == len(first)


#: Every public function of govkg.kg.analysis, with the calls that exercise it on a graph ``G``.
CALLS: dict[str, Callable[[nx.MultiDiGraph], list[Any]]] = {
    "region_program_graph": lambda G: [region_program_graph(G, s) for s in analysis.STATUS_TYPES],
    "adoption_edges": lambda G: [list(analysis.adoption_edges(G, s)) for s in analysis.STATUS_TYPES],
    "program_adopters": lambda G: [program_adopters(G, p, s) for p in (MBR, "八五普法", "府院联动", MICRO)
                                   for s in analysis.STATUS_TYPES],
    "project_regions": lambda G: [project_regions(G, w, s, top_k=t, min_weight=m) for w in analysis.WEIGHTS
                                  for s in analysis.STATUS_TYPES for t, m in ((None, None), (1, 0.2))],
    "program_coadoption": lambda G: [program_coadoption(G, w, s, top_k=t) for w in analysis.WEIGHTS
                                     for s in analysis.STATUS_TYPES for t in (None, 1)],
    "similar_regions": lambda G: [similar_regions(G, r, k=2, weight=w, status=s) for r in ("郏县", BOAI)
                                  for w in analysis.WEIGHTS for s in analysis.STATUS_TYPES],
    "region_neighbourhood": lambda G: [region_neighbourhood(G, r, k=2, weight=w, status=s)
                                       for r in ("郏县", BOAI, "region:410800") for w in analysis.WEIGHTS
                                       for s in analysis.STATUS_TYPES],
    "communities": lambda G: [communities(G), communities(project_regions(G, "idf")), communities(G, seed=3)],
    "first_adoption": lambda G: [first_adoption(G, s) for s in analysis.STATUS_TYPES],
    "adoption_curve": lambda G: [adoption_curve(G, p, s) for p in ("法律明白人", SHUFA) for s in analysis.STATUS_TYPES],
    "adoption_curves": lambda G: [adoption_curves(G, ps, s, top) for ps in (None, ["述法", MBR])
                                  for s in analysis.STATUS_TYPES for top in (None, 1)],
    "cascades": lambda G: [cascades(G, s) for s in analysis.STATUS_TYPES],
    "network_for_export": lambda G: [analysis.network_for_export(G, n, w, s, top_k=2, seed=1)
                                     for n in analysis.NETWORKS for w in analysis.WEIGHTS for s in analysis.STATUS_TYPES],
    "resolve_region": lambda G: [resolve_region(G, r) for r in ("郏县", "李庄", BOAI)],
    "resolve_program": lambda G: [resolve_program(G, p) for p in ("“八五”普法", "legal-literate villagers", MBR)],
    "county_of": lambda G: [analysis.county_of(G, r) for r in sorted(G) if G.nodes[r].get("label") == "Region"],
    "county_adoption": lambda G: [analysis.county_adoption(G, p, s) for p in (None, MBR) for s in analysis.STATUS_TYPES],
    "county_adjacency": lambda G: analysis.county_adjacency(),
    "earlier_neighbours": lambda G: analysis.earlier_neighbours({"410822": 2022, "140525": 2023}, analysis.county_adjacency()),
    "neighbour_statistic": lambda G: analysis.neighbour_statistic({"410822": 2022, "140525": 2023}, analysis.county_adjacency(),
                                                                  permutations=9),
    "spatial_cascades": lambda G: analysis.spatial_cascades(G),
    "cascade_table": lambda G: analysis.cascade_table(G, permutations=9),
    "display_name": lambda G: [analysis.display_name(d, lang) for _, d in G.nodes(data=True) for lang in ("zh", "en")],
}


def _public_functions() -> set[str]:
    return {name for name in analysis.__all__ if inspect.isfunction(getattr(analysis, name))}


def _poke(value: Any, graph: nx.Graph, seen: set[int]) -> None:
    """Change every list, set and dict reachable from an answer (except ``graph`` itself)."""
    if value is graph or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, nx.Graph):
        for item in (value.graph, *(d for _, d in value.nodes(data=True)), *(d for *_, d in value.edges(data=True))):
            _poke(item, graph, seen)
    elif isinstance(value, dict):
        for item in list(value.values()):
            _poke(item, graph, seen)
        value["_poked"] = True
    elif isinstance(value, (list, tuple, set)):
        for item in list(value):
            _poke(item, graph, seen)
        if isinstance(value, list):
            value.append("_poked")
        elif isinstance(value, set):
            value.add("_poked")


def _same_graph(G: nx.MultiDiGraph, before: nx.MultiDiGraph) -> bool:
    return (type(G) is type(before) and G.graph == before.graph
            and list(G.nodes(data=True)) == list(before.nodes(data=True))
            and list(G.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True)))


def test_every_public_function_is_checked_for_purity():
    assert _public_functions() == set(CALLS)


@pytest.mark.parametrize("hostile", [False, True])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_analysis_leaves_the_graph_unchanged(name, hostile):
    G = seed_like_graph(hostile=hostile)
    before = copy.deepcopy(G)
    answers = CALLS[name](G)
    assert answers and _same_graph(G, before), f"{name} changed the graph it was given"
    # What it returns shares no list or dict with the graph: changing an answer leaves the graph alone.
    _poke(answers, G, set())
    assert _same_graph(G, before), f"{name} returned values that alias the graph's attributes"
    # The check can fail: the same poke on the graph's own attributes is seen.
    _poke(next(iter(G.nodes.values())), nx.Graph(), set())
    assert not _same_graph(G, before)


def test_same_graph_same_answer_whatever_the_build_order():
    G = seed_like_graph()
    R = nx.MultiDiGraph()
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    for w in analysis.WEIGHTS:
        a, b = project_regions(G, w), project_regions(R, w)
        assert snapshot(a) == snapshot(b)
        assert communities(a) == communities(b)
    assert snapshot(region_program_graph(G, "any")) == snapshot(region_program_graph(R, "any"))
    assert cascades(G) == cascades(R)


# ---------------------------------------------------------------- kg similar

from click.testing import CliRunner  # noqa: E402
from govkg.kg.cli.similar import similar_command  # noqa: E402
from graph_fixtures import saved_graph_dir  # noqa: E402


def test_kg_similar(tmp_path):
    graph = str(saved_graph_dir(tmp_path / "graph"))
    runner = CliRunner()
    result = runner.invoke(similar_command, ["郏县", "--graph", graph, "--weight", "idf", "--k", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["李庄乡", "泽州县"]
    assert rows[0]["programs"] == ["法律明白人", "微宣讲、走基层"] and rows[0]["n_shared"] == 2
    table = runner.invoke(similar_command, ["郏县", "--graph", graph, "--k", "2"]).output
    assert table.splitlines()[0].split() == ["region", "name", "province", "level", "score", "n_shared", "programs"]
    assert "法律明白人、微宣讲、走基层" in table and "(2 rows)" in table
    csv_out = runner.invoke(similar_command, ["郏县", "--graph", graph, "--format", "csv", "--weight", "shared"]).output
    assert csv_out.splitlines()[1].startswith("region:140525,泽州县,山西省,county,2,2,")
    bad = runner.invoke(similar_command, ["洛阳", "--graph", graph])
    assert bad.exit_code == 1 and bad.output.startswith("Error: no region named '洛阳'")
    assert "Example:" in runner.invoke(similar_command, ["--help"]).output
