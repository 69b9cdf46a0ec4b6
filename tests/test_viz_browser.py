"""The pages in a real headless Chromium: drawn, quiet, offline, hoverable, and safe.

Screenshots go to tests/artifacts/ (one per view) for a person to look at.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import ARTIFACTS, Page
from click.testing import CliRunner
from govkg.kg.cli.views import view_html
from govkg.kg.cli.viz import viz_command
from govkg.viz import write_html
from graph_fixtures import HOSTILE, seed_like_graph, synthetic_graph

REGIONS = ["region:410822", "region:140525", "region:410425", "region:410421/李庄乡", "region:411203"]

NODES_IN_VIEW = """(() => {
  const net = window.govkg.network, box = document.getElementById('network').getBoundingClientRect();
  const pos = net.getPositions();
  return Object.keys(pos).filter(id => {
    const p = net.canvasToDOM(pos[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  }).sort();
})()"""

INKED_PIXELS = """(() => {
  const c = document.querySelector('#network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } }
  return n;
})()"""

TOOLTIP = """(() => {
  const t = document.querySelector('div.vis-tooltip');
  // innerText turns newlines into <br>; anything else would be markup from the data.
  const other = t ? Array.from(t.querySelectorAll('*')).filter(e => e.tagName !== 'BR').length : 0;
  return t && t.style.visibility === 'visible' ? {text: t.innerText, elements: other} : null;
})()"""


def node_point(tab: Page, node_id: str) -> tuple[float, float]:
    x, y = tab.evaluate(f"""(() => {{
      const net = window.govkg.network, id = {json.dumps(node_id)};
      const p = net.canvasToDOM(net.getPositions([id])[id]);
      const box = document.getElementById('network').getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }})()""")
    return x, y


def hover(tab: Page, x: float, y: float) -> dict:
    tab.mouse_move(x - 6, y - 6)
    tab.settle(0.05)
    tab.mouse_move(x, y)
    return tab.wait_for(TOOLTIP, timeout=10)


def open_view(tab: Page, html: str, tmp_path: Path, name: str) -> None:
    path = write_html(html, tmp_path / f"{name}.html")
    tab.goto(path.as_uri())
    tab.wait_for("document.body.dataset.drawn === '1'", timeout=60)
    tab.settle(0.2)


def assert_quiet_and_offline(tab: Page) -> None:
    assert tab.errors == []
    assert tab.dialogs == []
    fetched = [u for u in tab.requests if not u.startswith(("file://", "data:", "about:"))]
    assert fetched == []


@pytest.fixture(scope="module")
def hostile_graph():
    return seed_like_graph(hostile=True)


def test_regions_view_draws_all_five_regions(page, tmp_path, hostile_graph):
    open_view(page, view_html(hostile_graph, "regions"), tmp_path, "regions")
    page.screenshot(ARTIFACTS / "regions.png")
    assert page.evaluate("window.govkg.nodes.length") == 5
    assert page.evaluate(NODES_IN_VIEW) == sorted(REGIONS)
    assert page.evaluate(INKED_PIXELS) > 2000
    x, y = node_point(page, "region:410425")
    tip = hover(page, x, y)
    assert tip["text"].startswith("郏县\n河南省 · 县级") and tip["elements"] == 0
    assert_quiet_and_offline(page)


def test_hostile_program_name_is_shown_as_text(page, tmp_path, hostile_graph):
    open_view(page, view_html(hostile_graph, "bipartite"), tmp_path, "bipartite")
    page.screenshot(ARTIFACTS / "bipartite.png")
    x, y = node_point(page, "micro_lectures")
    tip = hover(page, x, y)
    assert tip["text"].startswith(HOSTILE) and tip["elements"] == 0
    page.screenshot(ARTIFACTS / "bipartite-hostile-tooltip.png")
    # An evidence sentence with href="javascript:..." stays text in the edge tooltip.
    a = node_point(page, "region:410425")
    mid = ((a[0] + x) / 2, (a[1] + y) / 2)
    page.mouse_move(0, 0)
    page.settle(0.2)
    tip = hover(page, *mid)
    assert tip["text"].startswith(f"郏县 → {HOSTILE}\n已实施 2023\n“开展“{HOSTILE}”活动")
    assert '<a href="javascript:alert(2)">链接</a>' in tip["text"] and tip["elements"] == 0
    page.screenshot(ARTIFACTS / "bipartite-hostile-evidence.png")
    assert page.evaluate("document.querySelectorAll('img, a, iframe').length") == 0
    page.settle(0.5)
    assert page.dialogs == [] and page.evaluate("typeof window.__pwned") == "undefined"
    assert_quiet_and_offline(page)


def test_search_filters_and_language(page, tmp_path, hostile_graph):
    open_view(page, view_html(hostile_graph, "bipartite"), tmp_path, "bipartite-controls")
    page.evaluate("document.getElementById('search').focus()")
    page.conn.send("Input.insertText", text="法治明白人")  # an alias of 法律明白人
    assert page.evaluate("window.govkg.network.getSelectedNodes()") == ["legal_literate_villagers"]
    assert page.evaluate("document.getElementById('search-status').textContent") == "1 个匹配"
    page.evaluate("document.getElementById('search').value = ''")
    page.conn.send("Input.insertText", text=HOSTILE)
    assert page.evaluate("window.govkg.network.getSelectedNodes()") == ["micro_lectures"]
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    visible = "window.govkg.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    page.evaluate("(() => { const s = document.getElementById('year-filter'); s.value = '2022';"
                  " s.dispatchEvent(new Event('change')); })()")
    assert page.evaluate(visible) == sorted(["region:410822", "region:411203", "legal_literate_villagers",
                                              "eighth_five_year_legal_education"])
    page.evaluate("document.getElementById('reset').click()")
    page.evaluate("document.querySelector('#kind-filter input[value=program]').click()")
    assert page.evaluate(visible) == sorted(REGIONS)
    assert page.evaluate("window.govkg.edges.get({filter: e => !e.hidden}).length") == 0
    page.evaluate("document.getElementById('reset').click()")
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert page.evaluate("window.govkg.nodes.get('legal_literate_villagers').label") == "Legal-literate villagers"
    assert page.evaluate("window.govkg.nodes.get('region:410822').label") == "博爱县"
    page.screenshot(ARTIFACTS / "bipartite-english.png")
    assert_quiet_and_offline(page)


@pytest.mark.parametrize("view,kwargs,nodes", [
    ("program", {"program": "法律明白人"}, 5),
    ("region", {"region": "博爱县", "lang": "en"}, 9),
])
def test_focus_views(page, tmp_path, hostile_graph, view, kwargs, nodes):
    open_view(page, view_html(hostile_graph, view, **kwargs), tmp_path, view)
    page.screenshot(ARTIFACTS / f"{view}.png")
    assert page.evaluate("window.govkg.nodes.length") == nodes
    assert len(page.evaluate(NODES_IN_VIEW)) == nodes
    assert page.evaluate(INKED_PIXELS) > 2000
    focus = page.evaluate("window.govkg.data.nodes[0].id")
    tip = hover(page, *node_point(page, focus))
    assert tip["text"] and tip["elements"] == 0
    assert_quiet_and_offline(page)


def test_timeline_view(page, tmp_path, hostile_graph):
    path = write_html(view_html(hostile_graph, "timeline"), tmp_path / "timeline.html")
    page.goto(path.as_uri())
    page.wait_for("document.body.dataset.drawn === '1'")
    page.screenshot(ARTIFACTS / "timeline.png")
    assert page.evaluate("document.querySelectorAll('svg polyline').length") == 5
    legend = page.evaluate("Array.from(document.querySelectorAll('ul.legend li')).map(li => li.innerText)")
    assert f"{HOSTILE} (2)" in legend
    page.evaluate("document.querySelector('input.series-toggle[data-series=s0]').click()")
    assert page.evaluate("getComputedStyle(document.querySelector('g[data-series=s0]')).display") == "none"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert_quiet_and_offline(page)


def test_a_few_hundred_regions(page, tmp_path):
    G = synthetic_graph(n_regions=300, n_programs=30, seed=3)
    open_view(page, view_html(G, "regions"), tmp_path, "regions-300")
    page.screenshot(ARTIFACTS / "regions-300.png")
    assert page.evaluate("window.govkg.nodes.length") == 300
    assert len(page.evaluate(NODES_IN_VIEW)) == 300
    assert page.evaluate(INKED_PIXELS) > 20000
    assert page.evaluate("window.govkg.drawnAt") < 10000
    assert_quiet_and_offline(page)


SEED_REGIONS = {"博爱县", "泽州县", "郏县", "李庄乡", "陕州区"}


@pytest.mark.parametrize("view,args", [
    ("regions", []),
    ("bipartite", []),
    ("program", ["--program", "法律明白人"]),
    ("region", ["--region", "博爱县", "--lang", "en"]),
    ("timeline", ["--top-k", "8"]),
])
def test_kg_viz_on_the_seeds(page, tmp_path, seed_graph, view, args):
    """The seeds as `kg build` reads them, drawn by `kg viz` (the command itself, in-process)."""
    out = tmp_path / f"seeds-{view}.html"
    result = CliRunner().invoke(viz_command, ["--graph", str(seed_graph), "-o", str(out), "--view", view, *args])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    page.wait_for("document.body.dataset.drawn === '1'", timeout=60)
    page.settle(0.2)
    page.screenshot(ARTIFACTS / f"seeds-{view}.png")
    assert_quiet_and_offline(page)
    if view == "timeline":
        assert page.evaluate("document.querySelectorAll('svg polyline').length") == 8
        return
    assert page.evaluate(INKED_PIXELS) > 2000
    labels = page.evaluate(f"""(() => {{
      const inView = new Set({NODES_IN_VIEW});
      return window.govkg.nodes.get({{filter: n => inView.has(n.id) && !n.hidden}}).map(n => n.label_zh);
    }})()""")
    if view in ("regions", "bipartite"):
        assert SEED_REGIONS <= set(labels)
    if view == "regions":
        assert set(labels) == SEED_REGIONS
    if view == "program":
        assert {"博爱县", "泽州县", "郏县", "李庄乡"} <= set(labels) and "陕州区" not in labels
    if view == "region":
        assert "博爱县" in labels
    focus = page.evaluate("window.govkg.data.nodes[0].id")
    tip = hover(page, *node_point(page, focus))
    assert tip["text"] and tip["elements"] == 0


def test_the_harness_sees_what_it_must(page, tmp_path):
    """A page that does run injected code: the checks above would catch it."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><body><img src=x onerror="alert(1)"><script>console.error("boom")</script>'
                   '<script>document.body.dataset.drawn = "1"</script></body>', encoding="utf-8")
    page.goto(bad.as_uri())
    page.wait_for("document.body.dataset.drawn === '1'")
    page.settle(0.5)
    assert page.dialogs == ["alert: 1"]
    assert "boom" in page.errors
    assert any(u.endswith("/x") for u in page.requests)  # the <img> fetch is seen too


def test_a_hostile_report_end_to_end(page, tmp_path, seeds_dir):
    """A report with <img src=x onerror=alert(1)> in a sentence: kg build, kg viz, hover, nothing runs."""
    from conftest import run_kg
    from govkg.kg.store import open_graph

    text = (seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8")
    i = text.index("法律明白人")
    src = tmp_path / "reports"
    src.mkdir()
    (src / "hostile.txt").write_text(text[:i] + "法律明白人" + HOSTILE + text[i + 5:], encoding="utf-8")
    run_kg("build", str(src), "--graph", str(tmp_path / "g"), "-q")
    G = open_graph(tmp_path / "g")
    carrying = sorted(v for u, v, d in G.edges(data=True)
                      if d.get("type") in ("IMPLEMENTS", "PLANS") and HOSTILE in str(d.get("evidence")))
    assert carrying, "the extractor kept no evidence sentence with the hostile text"
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(viz_command, ["--graph", str(tmp_path / "g"), "-o", str(out), "--view", "program",
                                              "--program", carrying[0]])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    page.wait_for("document.body.dataset.drawn === '1'")
    [region] = [n for n in page.evaluate("window.govkg.data.nodes.map(n => n.id)") if n != carrying[0]]
    a, b = node_point(page, carrying[0]), node_point(page, region)
    tip = hover(page, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert HOSTILE in tip["text"] and tip["elements"] == 0
    page.screenshot(ARTIFACTS / "hostile-report-end-to-end.png")
    page.settle(0.5)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert_quiet_and_offline(page)
