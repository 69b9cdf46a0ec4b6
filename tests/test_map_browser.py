"""The map view in a real headless Chromium: the right counties coloured, tooltips quoting evidence, text kept as text.

Screenshots go to tests/artifacts/ for a person to look at.
"""
from __future__ import annotations

import json

import pytest
from browser import ARTIFACTS, Page
from click.testing import CliRunner
from govkg.kg.cli.views import view_html
from govkg.kg.cli.viz import viz_command
from govkg.viz import write_html
from graph_fixtures import HOSTILE, seed_like_graph
from test_viz_browser import assert_quiet_and_offline

COLOURED = "Array.from(document.querySelectorAll('path.county.adopted')).map(p => window.govkg.data.counties[p.dataset.code][0]).sort()"
PLANNED = "Array.from(document.querySelectorAll('path.county.planned')).map(p => window.govkg.data.counties[p.dataset.code][0]).sort()"
TIP = """(() => {
  const t = document.getElementById('map-tip');
  return t.style.display === 'block' ? {text: t.textContent, elements: t.querySelectorAll('*').length} : null;
})()"""


def county_point(tab: Page, code: str) -> tuple[float, float]:
    """A point of the screen where the county's own path is the topmost element."""
    return tuple(tab.evaluate(f"""(() => {{
      const p = window.govkg.paths[{json.dumps(code)}], b = p.getBoundingClientRect();
      for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {{
        const x = b.left + b.width * i / 12, y = b.top + b.height * j / 12;
        if (document.elementFromPoint(x, y) === p) return [x, y];
      }}
      return null;
    }})()"""))


def hover_county(tab: Page, code: str) -> dict:
    x, y = county_point(tab, code)
    tab.mouse_move(x - 3, y - 3)
    tab.mouse_move(x, y)
    return tab.wait_for(TIP, timeout=10)


def open_map(tab: Page, html: str, path) -> None:
    tab.goto(write_html(html, path).as_uri())
    tab.wait_for("document.body.dataset.drawn === '1'", timeout=60)
    tab.settle(0.2)


def test_kg_viz_map_of_the_seeds(page, tmp_path, seed_graph):
    """The seeds as `kg build` reads them: 法律明白人 colours exactly four counties, 宝丰县 through 李庄乡."""
    out = tmp_path / "seeds-map.html"
    result = CliRunner().invoke(viz_command, ["--graph", str(seed_graph), "-o", str(out), "--view", "map",
                                              "--program", "法律明白人", "--province", "河南"])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    page.wait_for("document.body.dataset.drawn === '1'", timeout=60)
    page.settle(0.2)
    page.screenshot(ARTIFACTS / "seeds-map.png")
    assert page.evaluate(COLOURED) == sorted(["博爱县", "泽州县", "郏县", "宝丰县"])
    assert "陕州区" not in page.evaluate(PLANNED)
    assert page.evaluate("window.govkg.paths['411203'].getAttribute('fill')") == "#eeeeee"  # 陕州区
    tip = hover_county(page, "410421")
    assert tip["text"].startswith("宝丰县\n2023 年起实施\n乡镇：李庄乡\n“") and tip["elements"] == 0
    assert "法律明白人" in tip["text"] and ".txt" in tip["text"]
    page.screenshot(ARTIFACTS / "seeds-map-tooltip.png")
    assert page.evaluate("document.querySelectorAll('#map-missing li').length") == 1  # "none"
    notes = page.evaluate("Array.from(document.querySelectorAll('p.note')).map(p => p.textContent).join(' ')")
    assert "邻近扩散：4 个采用地区中，0 个有更早采用的相邻县" in notes  # all four in 2023
    page.evaluate("window.govkg.find('')")
    whole = page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')")
    page.evaluate("document.getElementById('map-reset').click()")
    assert page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')") != whole
    x, y = county_point(page, "140525")  # a click on 泽州县 zooms to 山西
    page.conn.send("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
    page.conn.send("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
    page.settle(0.1)
    box = [float(v) for v in page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')").split()]
    assert 109 * 82 < box[0] < 111 * 82 and box[2] < 8 * 82  # 山西 spans 110.2–114.6°E (and a margin)
    assert_quiet_and_offline(page)


def test_year_slider_search_zoom_and_plans(page, tmp_path):
    G = seed_like_graph()
    open_map(page, view_html(G, "map", program="法律明白人"), tmp_path / "map.html")
    assert page.evaluate(COLOURED) == sorted(["博爱县", "泽州县", "郏县", "宝丰县"])
    page.evaluate("(() => { const s = document.getElementById('map-year'); s.value = '2022';"
                  " s.dispatchEvent(new Event('input')); })()")
    assert page.evaluate(COLOURED) == ["博爱县"]
    assert page.evaluate("document.getElementById('map-year-value').textContent") == "2022"
    whole = page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')")
    page.evaluate("document.getElementById('map-search').focus()")
    page.conn.send("Input.insertText", text="郏县")
    page.evaluate("document.getElementById('map-search').dispatchEvent(new Event('change'))")
    assert page.evaluate("document.getElementById('map-search-status').textContent") == "郏县 (410425)"
    assert page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')") != whole  # zoomed to 河南
    page.screenshot(ARTIFACTS / "map-search.png")
    page.evaluate("document.getElementById('map-reset').click()")
    assert page.evaluate("document.getElementById('map-svg').getAttribute('viewBox')") == whole
    open_map(page, view_html(G, "map", program="府院联动", lang="en"), tmp_path / "plans.html")
    assert page.evaluate(COLOURED) == [] and page.evaluate(PLANNED) == ["博爱县"]
    page.evaluate("window.govkg.zoom('410822')")
    tip = hover_county(page, "410822")
    assert tip["text"].startswith("博爱县\nplanned only (2023)\n“下一步，健全府院联动机制。”")
    assert_quiet_and_offline(page)


def test_counts_map_and_hostile_text(page, tmp_path):
    G = seed_like_graph(hostile=True)
    open_map(page, view_html(G, "map", program=HOSTILE, province="410000"), tmp_path / "hostile.html")
    assert page.evaluate("document.title") == f"{HOSTILE}：实施地区地图"
    assert page.evaluate(COLOURED) == sorted(["郏县", "宝丰县"])
    tip = hover_county(page, "410425")
    assert f"开展“{HOSTILE}”活动" in tip["text"] and '<a href="javascript:alert(2)">' in tip["text"]
    assert tip["elements"] == 0
    page.screenshot(ARTIFACTS / "map-hostile-tooltip.png")
    open_map(page, view_html(G, "map"), tmp_path / "counts.html")
    assert page.evaluate(COLOURED) == sorted(["博爱县", "泽州县", "郏县", "宝丰县", "陕州区"])
    tip = hover_county(page, "410425")
    assert tip["text"].startswith("郏县\n实施 3 个项目：") and HOSTILE in tip["text"] and tip["elements"] == 0
    page.screenshot(ARTIFACTS / "map-counts.png")
    page.settle(0.3)
    assert page.evaluate("document.querySelectorAll('img, a, iframe').length") == 0
    assert page.dialogs == []
    assert_quiet_and_offline(page)


def test_a_county_without_an_outline_is_listed_under_the_map(page, tmp_path):
    G = seed_like_graph()
    G.nodes["region:410425"]["adcode"] = "419999"  # a code the boundaries do not hold
    # A development zone under its city lies in no one county: listed too, not dropped.
    G.add_node("region:410800/示范区", id="region:410800/示范区", label="Region", name="城乡一体化示范区", level="zone",
               adcode=None, province="河南省")
    G.add_edge("region:410800/示范区", "region:410800", key="PART_OF", type="PART_OF")
    G.add_edge("region:410800/示范区", "legal_literate_villagers", key="IMPLEMENTS|report:000", type="IMPLEMENTS",
               report="report:000", year=2023, evidence="示范区培养法律明白人。")
    open_map(page, view_html(G, "map", program="法律明白人"), tmp_path / "missing.html")
    assert page.evaluate("Array.from(document.querySelectorAll('#map-missing li')).map(li => li.textContent)") == [
        "郏县 (419999)", "城乡一体化示范区 (zone)"]
    assert "郏县" not in page.evaluate(COLOURED)
    assert_quiet_and_offline(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whole_country_page_is_small(tmp_path, lang):
    page = view_html(seed_like_graph(), "map", lang=lang)
    assert len(page.encode("utf-8")) < 3_000_000
    assert page.count("<script") == 2 and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_whole_country_with_every_county_adopting_stays_under_3_mb(page, tmp_path):
    """The worst case: ~2,800 counties coloured, each tooltip quoting three sentences."""
    from govkg.schema.boundaries import load_boundaries
    from graph_fixtures import synthetic_graph

    G = synthetic_graph(n_regions=len(load_boundaries()["counties"]), n_programs=12, years=(2021, 2022, 2023))
    regions = sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Region")
    for rid, code in zip(regions, sorted(load_boundaries()["counties"])):
        G.nodes[rid]["adcode"] = code
    html = view_html(G, "map", program="program:p000")
    assert len(html.encode("utf-8")) < 3_000_000
    open_map(page, html, tmp_path / "country.html")
    page.screenshot(ARTIFACTS / "map-country.png")
    assert page.evaluate("document.querySelectorAll('path.county.adopted').length") > 2000
    assert page.evaluate("window.govkg.drawnAt") < 10_000
    assert_quiet_and_offline(page)
