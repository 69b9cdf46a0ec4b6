"""Pages without a browser: escaping, offline, determinism, what the page says."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from govkg.kg import analysis
from govkg.kg.analysis import NotFoundError
from govkg.kg.cli.views import view_html
from govkg.viz import VIEWS, display, notebook_html
from govkg.viz.network import regions_html
from govkg.viz.page import render_page, script_json
from govkg.viz.timeline import timeline_html
from graph_fixtures import HOSTILE, seed_like_graph

PAGES = {
    "regions": dict(view="regions"),
    "bipartite": dict(view="bipartite"),
    "program": dict(view="program", program=HOSTILE),
    "region": dict(view="region", region="郏县"),
    "timeline": dict(view="timeline"),
    "map": dict(view="map", program=HOSTILE),
}


class Scan(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


def scan(page: str) -> Scan:
    s = Scan()
    s.feed(page)
    return s


def page_data(page: str) -> dict:
    s = scan(page)
    tag_index = [i for i, (t, a) in enumerate(s.tags) if t == "script"]
    data_pos = [a.get("id") for t, a in s.tags if t == "script"].index("govkg-data")
    assert len(tag_index) == len(s.scripts)
    return json.loads(s.scripts[data_pos])


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    G = seed_like_graph(hostile=True)
    return {name: view_html(G, **kw) for name, kw in PAGES.items()}


@pytest.mark.parametrize("name", list(PAGES))
def test_untrusted_text_never_becomes_markup(hostile_pages, name):
    page = hostile_pages[name]
    s = scan(page)
    # No element a document could have injected: no <img>, no <a>, no event handler attribute.
    assert not [t for t, _ in s.tags if t in ("img", "a", "iframe", "object", "embed")]
    assert not [(t, k) for t, attrs in s.tags for k in attrs if k.startswith("on")]
    # The name is there as text (legend, table) or inside the JSON data, never as a tag.
    assert "<img src=x" not in page
    if name != "regions":  # the region network names regions only
        assert HOSTILE in "".join(s.text) or HOSTILE in json.dumps(page_data(page), ensure_ascii=False)


def test_hostile_names_reach_the_page_as_data(hostile_pages):
    data = page_data(hostile_pages["bipartite"])
    node = next(n for n in data["nodes"] if n["id"] == "micro_lectures")
    assert node["label"] == HOSTILE and node["title"].startswith(HOSTILE)
    edge = next(e for e in data["edges"] if e["from"] == "region:410425" and e["to"] == "micro_lectures")
    assert 'href="javascript:alert(2)"' in edge["title"]  # shown as text by vis (innerText)
    # The embedded JSON cannot close its <script> element.
    raw = hostile_pages["bipartite"].split('id="govkg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "\\u003cimg src=x onerror=alert(1)\\u003e" in raw


def test_no_innerhtml_popup_even_when_a_title_says_href(hostile_pages):
    # pyvis's template switches to popup.innerHTML when a title contains "href"; govkg's page never does.
    for page in hostile_pages.values():
        assert "innerHTML" not in "".join(scan(page).scripts[-1:])
        assert "popup.innerHTML" not in page and 'class="popup"' not in page


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_are_offline(hostile_pages, name):
    page = hostile_pages[name]
    s = scan(page)
    assert not [t for t, _ in s.tags if t == "link"]
    assert not [(t, a) for t, a in s.tags if "src" in a or "href" in a]
    for css in s.styles:
        assert not re.search(r"url\((?!\s*[\"']?data:)", css), "a stylesheet fetches something"
        assert "@import" not in css
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page and "bootstrap" not in page
    csp = next(a["content"] for t, a in s.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'")


@pytest.mark.parametrize("name", list(PAGES))
def test_csp_allows_exactly_the_page_scripts(hostile_pages, name):
    page = hostile_pages[name]
    s = scan(page)
    csp = next(a["content"] for t, a in s.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    allowed = set(re.findall(r"'(sha256-[^']+)'", csp))
    ids = [a.get("id") for t, a in s.tags if t == "script"]
    code = [body for body, i in zip(s.scripts, ids) if i != "govkg-data"]
    digests = {"sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert digests == allowed and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("name", list(PAGES))
def test_same_graph_same_bytes(name):
    kw = PAGES[name]
    G = seed_like_graph(hostile=True)
    R = nx.MultiDiGraph()
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert view_html(G, **kw) == view_html(R, **kw)


def test_regions_page_says_what_it_shows():
    G = seed_like_graph()
    page = view_html(G, "regions", weight="jaccard", top_k=1, min_weight=0.2)
    text = "".join(scan(page).text)
    assert "每个地区保留最强的 1 条连线" in text and "权重不低于 0.2" in text
    H = analysis.project_regions(G, "jaccard", top_k=1, min_weight=0.2)
    assert f"显示 {H.number_of_edges():,} / 9 对" in text
    assert "Jaccard" in text and "社区 1" in text
    data = page_data(page)
    assert len(data["nodes"]) == 5 and len(data["edges"]) == H.number_of_edges()
    assert data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    en = view_html(G, "regions", lang="en", color_by="province")
    s = scan(en)
    assert ("html", {"lang": "en"}) in s.tags
    assert "Colour: province" in "".join(s.text) and "河南省 · 4 regions" in "".join(s.text)


def test_english_labels_for_programs_chinese_for_regions():
    G = seed_like_graph()
    data = page_data(view_html(G, "bipartite", lang="en"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["legal_literate_villagers"]["label"] == "Legal-literate villagers"
    assert by_id["legal_literate_villagers"]["label_zh"] == "法律明白人"
    assert by_id["region:410822"]["label"] == "博爱县" == by_id["region:410822"]["label_en"]
    assert "法治明白人" in by_id["legal_literate_villagers"]["search"]  # aliases are searchable
    zh = page_data(view_html(G, "bipartite"))
    assert {n["id"]: n["label"] for n in zh["nodes"]}["legal_literate_villagers"] == "法律明白人"


def test_tooltips_quote_evidence_and_report_file():
    data = page_data(view_html(seed_like_graph(), "program", program="法律明白人"))
    edge = next(e for e in data["edges"] if e["from"] == "region:410822")
    assert "“全县培育法律明白人800名。”" in edge["title"] and "000b_boai_2022.txt" in edge["title"]
    assert edge["since"] == 2022
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"county", "township", "program"}


def test_planned_only_links_are_dashed():
    data = page_data(view_html(seed_like_graph(), "program", program="府院联动"))
    [edge] = data["edges"]
    assert edge["dashes"] is True and "计划中" in edge["title"]


def test_timeline_page():
    G = seed_like_graph(hostile=True)
    page = view_html(G, "timeline")
    assert page.count("<polyline") == 5
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count('class="series-toggle"') == 5
    empty = timeline_html({}, {}, lang="en")
    assert "No program adoption in the corpus has a year." in empty
    one = view_html(G, "timeline", program="述法", lang="en")
    assert one.count("<polyline") == 1 and "Leaders&#39; reporting on rule-of-law duties (1)" in one


def test_view_errors():
    G = seed_like_graph()
    with pytest.raises(ValueError, match="view must be one of"):
        view_html(G, "globe")
    with pytest.raises(NotFoundError, match="no province named '火星'"):
        view_html(G, "map", province="火星")
    with pytest.raises(ValueError, match="needs a program"):
        view_html(G, "program")
    with pytest.raises(ValueError, match="needs a region"):
        view_html(G, "region")
    with pytest.raises(NotFoundError):
        view_html(G, "program", program="不存在")
    with pytest.raises(ValueError, match="needs communities"):
        regions_html(analysis.project_regions(G))
    with pytest.raises(ValueError, match="lang must be"):
        render_page(title="", subtitle="", lang="fr", view="x", kind="chart", legend=[], notes=[], data={})
    with pytest.raises(ValueError, match="not a colour"):
        render_page(title="", subtitle="", lang="en", view="x", kind="chart", notes=[], data={},
                    legend=[{"title": "t", "items": [{"shape": "swatch", "color": "red;background:url(x)", "text": ""}]}])
    assert set(VIEWS) == set(PAGES)


def test_pages_name_nodes_as_the_analysis_does():
    from govkg.viz.style import display_name

    nodes = [d for _, d in seed_like_graph(hostile=True).nodes(data=True)]
    nodes += [{}, {"id": "x"}, {"name": "", "name_en": "E"}, {"name": "名", "name_en": ""}, {"name": None, "id": "y"}]
    for data in nodes:
        for lang in ("zh", "en", "fr"):
            assert display_name(data, lang) == analysis.display_name(data, lang), (data, lang)
    assert display_name(nodes[0], "en") != display_name(nodes[0], "zh")  # the seed graph's first program has both


def test_script_json_escapes_what_could_end_a_script():
    text = str(script_json({"a": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_notebook_display():
    page = view_html(seed_like_graph(), "regions")
    frame = notebook_html(page, height=500)
    assert frame.startswith('<div><iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'sandbox="allow-scripts"' in frame
    assert "<script" not in frame  # everything inside srcdoc is escaped
    shown = display(page)
    assert shown.data == notebook_html(page)


def test_vis_data_is_the_pyvis_library():
    import pyvis

    page = view_html(seed_like_graph(), "regions")
    vis_js = open(pyvis.__path__[0] + "/templates/lib/vis-9.1.2/vis-network.min.js", encoding="utf-8").read()
    assert vis_js in scan(page).scripts


# ---------------------------------------------------------------- kg viz

from click.testing import CliRunner  # noqa: E402
from govkg.kg.cli.viz import viz_command  # noqa: E402
from graph_fixtures import saved_graph_dir  # noqa: E402


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    return saved_graph_dir(tmp_path_factory.mktemp("viz") / "graph", hostile=True)


def test_kg_viz_writes_each_view(graph_dir, tmp_path):
    runner = CliRunner()
    for view, extra in [("regions", []), ("bipartite", ["--status", "any"]), ("timeline", []),
                        ("program", ["--program", "legal-literate villagers", "--lang", "en"]),
                        ("region", ["--region", "郏县", "--k", "2"])]:
        out = tmp_path / f"{view}.html"
        result = runner.invoke(viz_command, ["--graph", str(graph_dir), "-o", str(out), "--view", view, *extra])
        assert result.exit_code == 0, result.output
        page = out.read_text(encoding="utf-8")
        assert f'data-view="{view}"' in page and "<img src=x" not in page
    assert "Regions running Legal-literate villagers" in (tmp_path / "program.html").read_text(encoding="utf-8")
    result = runner.invoke(viz_command, ["--graph", str(graph_dir), "-o", str(tmp_path / "k.html"), "--top-k", "1",
                                         "--weight", "jaccard", "--min-weight", "0.3"])
    assert result.exit_code == 0
    assert "每个地区保留最强的 1 条连线，权重不低于 0.3" in (tmp_path / "k.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args,message", [
    (["--graph", "{missing}"], "Error: no graph at"),
    (["--view", "program"], "Error: the program view needs a program"),
    (["--view", "program", "--program", "不存在"], "Error: no program named '不存在'"),
    (["--view", "region", "--region", "洛阳"], "Error: no region named '洛阳'"),
])
def test_kg_viz_errors_are_one_line(graph_dir, tmp_path, args, message):
    args = [a.replace("{missing}", str(tmp_path / "nothing")) for a in args]
    if "--graph" not in args:
        args = ["--graph", str(graph_dir), *args]
    result = CliRunner().invoke(viz_command, [*args, "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_kg_viz_help_ends_with_an_example():
    text = CliRunner().invoke(viz_command, ["--help"]).output
    assert "Examples:" in text and "kg viz --graph out/seeds -o seeds.html" in text


def test_an_ambiguous_township_is_flagged_in_label_and_tooltip():
    G = seed_like_graph()
    rid = next(n for n, d in G.nodes(data=True) if d.get("label") == "Region" and d.get("level") == "township")
    G.nodes[rid].update(ambiguous=True, candidates=["410421", "411402", "130608"])
    for lang, mark, words in (("zh", "（?）", "所属县未定：3 个县"), ("en", " (?)", "county unknown: 3 counties")):
        node = {n["id"]: n for n in page_data(view_html(G, "bipartite", lang=lang))["nodes"]}[rid]
        assert node["label"].endswith(mark) and words in node["title"]
