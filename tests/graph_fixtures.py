"""Property graphs built by hand, in the shape ``govkg.kg.store.open_graph`` returns.

``seed_like_graph`` mirrors the five seed reports (博爱县, 泽州县, 郏县, 李庄乡,
陕州区) with a second year for two of them; ``synthetic_graph`` makes a large,
deterministic corpus for pages and benchmarks. Both follow the graph contract:
node key == ``id``, ``label`` plus the properties of ``schema/graph.yaml``,
edges with ``type`` and their properties.
"""
from __future__ import annotations

import random

import networkx as nx

HOSTILE = "<img src=x onerror=alert(1)>"

PROGRAMS = {
    "legal_literate_villagers": ("法律明白人", "Legal-literate villagers", ["法治明白人", "法律明白人培养工程"], "grassroots_governance"),
    "eighth_five_year_legal_education": ("八五普法", "Eighth Five-Year Legal Education Plan (2021-2025)",
                                         ["“八五”普法", "八五普法规划"], "legal_education"),
    "fengqiao_experience": ("新时代“枫桥经验”", "Fengqiao experience (in the new era)", ["枫桥经验", "枫桥式司法所"],
                            "grassroots_governance"),
    "court_government_linkage": ("府院联动", "Court-government linkage", ["府院联动机制"], "decision_making"),
    "leaders_report_on_law": ("述法", "Leaders' reporting on rule-of-law duties", ["领导干部述法", "专题述法"],
                              "government_building"),
    "micro_lectures": ("微宣讲、走基层", "Micro-lectures at the grassroots", ["微宣讲"], "legal_education"),
}

REGIONS = {
    "region:410822": ("博爱县", "county", "410822", "河南省", "region:410800"),
    "region:140525": ("泽州县", "county", "140525", "山西省", "region:140500"),
    "region:410425": ("郏县", "county", "410425", "河南省", "region:410400"),
    "region:410421/李庄乡": ("李庄乡", "township", None, "河南省", "region:410421"),
    "region:411203": ("陕州区", "county", "411203", "河南省", "region:411200"),
}

# (region, program, type, year, report, evidence)
ADOPTIONS = [
    ("region:410822", "legal_literate_villagers", "IMPLEMENTS", 2023, "report:000", "培养“法律明白人”1200余名。"),
    ("region:410822", "eighth_five_year_legal_education", "IMPLEMENTS", 2023, "report:000", "深入实施“八五”普法规划。"),
    ("region:410822", "leaders_report_on_law", "IMPLEMENTS", 2023, "report:000", "组织开展全县领导干部述法工作。"),
    ("region:410822", "court_government_linkage", "PLANS", 2023, "report:000", "下一步，健全府院联动机制。"),
    ("region:410822", "legal_literate_villagers", "IMPLEMENTS", 2022, "report:000b", "全县培育法律明白人800名。"),
    ("region:140525", "legal_literate_villagers", "IMPLEMENTS", 2023, "report:001", "实施法律明白人培养工程。"),
    ("region:140525", "eighth_five_year_legal_education", "IMPLEMENTS", 2023, "report:001", "推进八五普法。"),
    ("region:140525", "fengqiao_experience", "IMPLEMENTS", 2023, "report:001", "坚持和发展新时代“枫桥经验”。"),
    ("region:410425", "legal_literate_villagers", "IMPLEMENTS", 2023, "report:002", "每村培养法律明白人不少于5名。"),
    ("region:410425", "micro_lectures", "IMPLEMENTS", 2023, "report:002", "开展“微宣讲、走基层”活动46场。"),
    ("region:410425", "eighth_five_year_legal_education", "IMPLEMENTS", 2023, "report:002", "八五普法中期评估顺利通过。"),
    ("region:410421/李庄乡", "legal_literate_villagers", "IMPLEMENTS", 2023, "report:003", "法治李庄培养法律明白人。"),
    ("region:410421/李庄乡", "micro_lectures", "IMPLEMENTS", 2023, "report:003", "组织微宣讲进村入户。"),
    ("region:410421/李庄乡", "eighth_five_year_legal_education", "PLANS", 2023, "report:003", "明年继续落实八五普法。"),
    ("region:411203", "eighth_five_year_legal_education", "IMPLEMENTS", 2022, "report:004a", "启动八五普法。"),
    ("region:411203", "eighth_five_year_legal_education", "IMPLEMENTS", 2023, "report:004", "八五普法深入推进。"),
    ("region:411203", "fengqiao_experience", "IMPLEMENTS", 2023, "report:004", "打造“枫桥式”司法所。"),
]

REPORTS = {
    "report:000": ("000_5587728e0baa21d6.txt", 2023, "region:410822"),
    "report:000b": ("000b_boai_2022.txt", 2022, "region:410822"),
    "report:001": ("001_8af15fb0e70292a2.txt", 2023, "region:140525"),
    "report:002": ("002_a7baccef2f883195.txt", 2023, "region:410425"),
    "report:003": ("003_d39ef96161d7b447.txt", 2023, "region:410421/李庄乡"),
    "report:004": ("004_e41503e62c4741d1.txt", 2023, "region:411203"),
    "report:004a": ("004a_shanzhou_2022.txt", 2022, "region:411203"),
}


def _add(G: nx.MultiDiGraph, node_id: str, label: str, **props: object) -> None:
    G.add_node(node_id, id=node_id, label=label, **props)


def seed_like_graph(hostile: bool = False) -> nx.MultiDiGraph:
    """Five regions, six programs, seven reports, an honor, an agency and a policy.

    With ``hostile``, the rare program 微宣讲、走基层 is renamed to
    :data:`HOSTILE` (and so is one evidence sentence), as a crafted report would.
    """
    G = nx.MultiDiGraph()
    for pid, (name, name_en, aliases, category) in PROGRAMS.items():
        if hostile and pid == "micro_lectures":
            name = HOSTILE
        _add(G, pid, "Program", name=name, name_en=name_en, aliases=list(aliases), category=category)
    parents = {
        "region:410800": ("焦作市", "city", "410800", "河南省"),
        "region:140500": ("晋城市", "city", "140500", "山西省"),
        "region:410400": ("平顶山市", "city", "410400", "河南省"),
        "region:410421": ("宝丰县", "county", "410421", "河南省"),
        "region:411200": ("三门峡市", "city", "411200", "河南省"),
    }
    for rid, (name, level, adcode, province) in parents.items():
        _add(G, rid, "Region", name=name, level=level, adcode=adcode, province=province)
    for rid, (name, level, adcode, province, parent) in REGIONS.items():
        _add(G, rid, "Region", name=name, level=level, adcode=adcode, province=province)
        G.add_edge(rid, parent, key="PART_OF", type="PART_OF")
    for rep, (file, year, region) in REPORTS.items():
        _add(G, rep, "Report", name=f"关于{year}年法治政府建设情况的报告", file=file, title=f"关于{year}年法治政府建设情况的报告",
             year=year)
        G.add_edge(rep, region, key="ABOUT", type="ABOUT")
    for i, (region, program, typ, year, report, evidence) in enumerate(ADOPTIONS):
        if hostile and program == "micro_lectures" and region == "region:410425":
            evidence = f"开展“{HOSTILE}”活动，详见 <a href=\"javascript:alert(2)\">链接</a>。"
        start = 10 + i
        G.add_edge(region, program, key=f"{typ}|{report}|{start}", type=typ, report=report, year=year,
                   evidence=evidence, char_start=start, char_end=start + 4, surface=PROGRAMS[program][0])
    _add(G, "honor:national_model_village", "Honor", name="全国民主法治示范村",
         name_en="National Democracy and Rule-of-Law Model Village", level="national")
    _add(G, "region:410822/南道村", "Region", name="南道村", level="village", adcode=None, province="河南省")
    G.add_edge("region:410822/南道村", "region:410822", key="PART_OF", type="PART_OF")
    G.add_edge("region:410822/南道村", "honor:national_model_village", key="RECEIVED|report:000", type="RECEIVED",
               report="report:000", year=2023, evidence="南道村保持“全国民主法治示范村”称号。", char_start=5, char_end=14)
    _add(G, "agency:410822/司法局", "Agency", name="博爱县司法局", kind="justice_bureau", kind_en="justice bureau")
    G.add_edge("report:000", "agency:410822/司法局", key="ISSUED_BY", type="ISSUED_BY")
    G.add_edge("agency:410822/司法局", "region:410822", key="PART_OF", type="PART_OF")
    _add(G, "policy:法治政府建设实施纲要", "Policy", name="法治政府建设实施纲要（2021—2025年）")
    G.add_edge("report:000", "policy:法治政府建设实施纲要", key="CITES|1", type="CITES", evidence="贯彻《法治政府建设实施纲要》。",
               char_start=1, char_end=12)
    return G


PROVINCES = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
             "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区",
             "新疆维吾尔自治区"]


def synthetic_graph(n_regions: int = 3000, n_programs: int = 60, seed: int = 7,
                    years: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023, 2024)) -> nx.MultiDiGraph:
    """A deterministic corpus: ``n_regions`` counties, each with one report a year.

    Program popularity falls off like Zipf's law (program 0 is run nearly
    everywhere, the tail by a handful); each province favours a few programs
    so the region network has communities. Names are synthetic (县0001 ...).
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    programs = [f"program:p{j:03d}" for j in range(n_programs)]
    for j, pid in enumerate(programs):
        _add(G, pid, "Program", name=f"项目{j:03d}", name_en=f"Program {j:03d}", aliases=[f"项目{j:03d}工程"],
             category=["legal_education", "grassroots_governance", "law_enforcement"][j % 3])
    favourites = {p: rng.sample(programs[5:], 6) for p in PROVINCES}
    for i in range(n_regions):
        province = PROVINCES[i % len(PROVINCES)]
        rid = f"region:{100000 + i}"
        _add(G, rid, "Region", name=f"县{i:04d}", level="county", adcode=str(100000 + i), province=province)
        adopted: dict[str, int] = {}
        for j, pid in enumerate(programs):
            p = 0.95 / (1 + j) ** 0.9 + (0.5 if pid in favourites[province] else 0.0)
            if rng.random() < p:
                adopted[pid] = rng.choice(years)
        for year in years:
            rep = f"report:{i:04d}-{year}"
            _add(G, rep, "Report", name=f"{year}年报告", file=f"r{i:04d}_{year}.txt", title=f"{year}年报告", year=year)
            G.add_edge(rep, rid, key="ABOUT", type="ABOUT")
            for pid, first in adopted.items():
                if year >= first:
                    G.add_edge(rid, pid, key=f"IMPLEMENTS|{rep}", type="IMPLEMENTS", report=rep, year=year,
                               evidence=f"{year}年，县{i:04d}推进{G.nodes[pid]['name']}。", char_start=0, char_end=5,
                               surface=G.nodes[pid]["name"])
    return G


def saved_graph_dir(path, hostile: bool = False):
    """``seed_like_graph`` written as a graph folder (graph.json + LadybugDB), as ``kg build`` leaves it."""
    from govkg.kg.store import save_graph_dir

    save_graph_dir(seed_like_graph(hostile=hostile), path, {"reports": len(REPORTS)})
    return path
