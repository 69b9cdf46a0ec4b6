"""Programs on a map of China's counties: an offline SVG page drawn by a small inline script.

:func:`map_html` draws rows that :func:`govkg.kg.analysis.county_adoption`
computed (one per county, with its status, first year, townships and
evidence) on the county outlines of ``schema/boundaries.json``. It computes
no analysis: it only picks colours and writes tooltips.

- With a program, a county is coloured by the year it first implemented it;
  a county that only plans it is hatched. Without one, by the number of
  programs it implements.
- A year slider replays adoption; search finds a county by name; a click
  zooms to the county's province (``province`` zooms there at once).
- Rows whose county has no outline are listed under the map, never dropped.
- Text from documents (names, evidence) is embedded as escaped JSON and set
  with ``textContent`` only; the page fetches nothing.

Examples
--------
>>> rows = [{"adcode": "410822", "name": "博爱县", "status": "implemented", "since": 2023, "planned_since": None,
...          "programs": ["p"], "townships": [], "evidence": [{"text": "<b>培养</b>", "file": "a.txt", "year": 2023,
...          "status": "implemented", "region": "博爱县"}]},
...         {"adcode": "999999", "name": "<i>x</i>县", "status": "planned", "since": None, "planned_since": 2024,
...          "programs": [], "townships": [], "evidence": []}]
>>> page = map_html(rows, {"name": "法律明白人", "name_en": "Legal-literate villagers"}, province="410000", lang="en")
>>> "<b>" in page, "<i>x</i>" in page, "&lt;i&gt;x&lt;/i&gt;县" in page
(False, False, True)
"""
from __future__ import annotations

from html import escape
from typing import Any, Literal, Mapping, Sequence

from govkg.schema.boundaries import load_boundaries
from govkg.viz.page import Markup, render_page
from govkg.viz.style import display_name, evidence_lines, tr

__all__ = ["map_html", "find_province", "YEAR_COLORS", "COUNT_COLORS", "EMPTY_COLOR", "PLANNED_MAP_COLOR"]

#: Earliest years darkest (a sequential blue-green ramp); later years lighter.
YEAR_COLORS: tuple[str, ...] = ("#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#41ab5d", "#a1d99b", "#d9f0a3")
#: Programs implemented: 1, 2–3, 4–7, 8–15, 16+.
COUNT_COLORS: tuple[tuple[int, str], ...] = ((1, "#fee391"), (2, "#fec44f"), (4, "#fe9929"), (8, "#d95f0e"),
                                             (16, "#993404"))
EMPTY_COLOR = "#eeeeee"
PLANNED_MAP_COLOR = "#e15759"

_MAP_UI = {
    "zh": {"search": "搜索县区", "year": "截至年份", "all": "全国", "missing": "以下地区无县级边界或无法归入单一县级地区，未绘入地图：",
           "none": "无", "planned": "仅计划", "not_found": "未找到"},
    "en": {"search": "Find a county", "year": "Up to year", "all": "Whole country",
           "missing": "Not drawn (no county outline, or not within one county):", "none": "none",
           "planned": "planned only", "not_found": "not found"},
}


def _year_color(year: int, years: Sequence[int]) -> str:
    i = years.index(year)
    if len(years) > len(YEAR_COLORS):  # many years share the ramp evenly
        i = i * (len(YEAR_COLORS) - 1) // (len(years) - 1)
    return YEAR_COLORS[i]


def _count_color(n: int) -> str:
    color = EMPTY_COLOR
    for low, c in COUNT_COLORS:
        if n >= low:
            color = c
    return color


def _tooltip(row: Mapping[str, Any], program_mode: bool, names: Mapping[str, str], lang: str) -> str:
    lines = [str(row["name"])]
    if program_mode:
        if row["status"] == "implemented":
            lines.append(tr(lang, f"{row['since']} 年起实施", f"implemented since {row['since']}")
                         if row.get("since") is not None else tr(lang, "已实施（年份不详）", "implemented (year unknown)"))
        else:
            lines.append(tr(lang, "仅计划", "planned only")
                         + (f" ({row['planned_since']})" if row.get("planned_since") is not None else ""))
    else:
        progs = [names.get(p, p) for p in row.get("programs", [])]
        lines.append(tr(lang, f"实施 {len(progs)} 个项目", f"{len(progs)} programs implemented")
                     + (f"{tr(lang, '：', ': ')}{'、'.join(progs[:8])}{'…' if len(progs) > 8 else ''}" if progs else ""))
    if row.get("townships"):
        lines.append(tr(lang, "乡镇：", "Townships: ") + "、".join(row["townships"]))
    if program_mode:
        lines.extend(evidence_lines(list(row.get("evidence") or []), lang))
    return "\n".join(lines)


def _legend(program_mode: bool, years: Sequence[int], listed: Sequence[int], lang: str) -> list[dict[str, Any]]:
    if program_mode:
        items = [{"shape": "swatch square", "color": _year_color(y, years), "text": tr(lang, f"{y} 年起实施", f"since {y}")}
                 for y in listed]
        items.append({"shape": "swatch square hatched", "color": PLANNED_MAP_COLOR, "text": _MAP_UI[lang]["planned"]})
        title = tr(lang, "首次实施年份", "First year implemented")
    else:
        bounds = [low for low, _ in COUNT_COLORS] + [None]
        items = [{"shape": "swatch square", "color": c,
                  "text": (f"{low}+" if hi is None else f"{low}" if hi - 1 == low else f"{low}–{hi - 1}")}
                 for (low, c), hi in zip(COUNT_COLORS, bounds[1:])]
        title = tr(lang, "实施项目数", "Programs implemented")
    items.append({"shape": "swatch square", "color": EMPTY_COLOR, "text": tr(lang, "无记录", "no record")})
    return [{"title": title, "items": items}]


def find_province(province: str, boundaries: Mapping[str, Any] | None = None) -> str | None:
    """The adcode of the province named ``province`` (name, short name or code) on the map, or None.

    >>> find_province("河南"), find_province("410000"), find_province("广西壮族自治区"), find_province("河")
    ('410000', '410000', '450000', None)
    """
    b = boundaries if boundaries is not None else load_boundaries()
    exact = [c for c, p in b["provinces"].items() if province in (c, p["name"])]
    starts = [c for c, p in b["provinces"].items() if p["name"].startswith(province)]  # 河南 for 河南省
    found = exact or starts
    return found[0] if len(found) == 1 else None


def map_html(
    rows: Sequence[Mapping[str, Any]],
    program: Mapping[str, Any] | None = None,
    *,
    province: str | None = None,
    boundaries: Mapping[str, Any] | None = None,
    program_names: Mapping[str, str] | None = None,
    statistic: Mapping[str, Any] | None = None,
    lang: Literal["zh", "en"] = "zh",
    title: str | None = None,
) -> str:
    """The map page.

    Parameters
    ----------
    rows : sequence of dict
        One per county, as :func:`govkg.kg.analysis.county_adoption` returns
        (``adcode``, ``name``, ``placed``, ``status``, ``since``,
        ``planned_since``, ``programs``, ``townships``, ``evidence``); rows
        not ``placed`` on a county, or whose county has no outline, are
        listed under the map.
    program : mapping, optional
        The program's node properties (``name``, ``name_en``); without it
        the rows count programs.
    province : str, optional
        A province's adcode (``410000``) or name to zoom to when the page opens.
    boundaries : mapping, optional
        Outlines as ``govkg.schema.boundaries.load_boundaries`` returns (the default).
    program_names : mapping, optional
        Program id -> name, for the tooltips of the count map.
    statistic : mapping, optional
        The program's neighbour statistic
        (:func:`govkg.kg.analysis.neighbour_statistic`), said in the notes.
    lang : {"zh", "en"}
        Interface language.

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    ValueError
        If ``province`` names no province of the boundaries.
    """
    b = boundaries if boundaries is not None else load_boundaries()
    program_mode = program is not None
    ui = _MAP_UI[lang]
    focus = find_province(province, b) if province else None
    if province and focus is None:
        raise ValueError(f"no province {province!r} on the map; give its name (河南省) or code (410000)")
    years = sorted({r["since"] for r in rows if r.get("since") is not None}
                   | {r["planned_since"] for r in rows if r.get("planned_since") is not None})
    shown: dict[str, dict[str, Any]] = {}
    missing = []
    for r in rows:
        code = str(r.get("adcode") or "")
        if not r.get("placed", True) or code not in b["counties"]:
            missing.append(r)
            continue
        implemented = r.get("status") == "implemented"
        if program_mode:
            color = (_year_color(r["since"], years) if implemented and r.get("since") is not None
                     else YEAR_COLORS[0] if implemented else PLANNED_MAP_COLOR)
        else:
            color = _count_color(len(r.get("programs") or []))
            if not r.get("programs"):
                continue
        shown[code] = {"c": color, "s": "i" if implemented else "p",
                       "y": r.get("since") if implemented else r.get("planned_since"),
                       "t": _tooltip(r, program_mode, program_names or {}, lang), "n": str(r["name"])}
    counties = {c: [d["name"], d["rings"]] for c, d in b["counties"].items()}
    provinces = {c: [d["name"], d["rings"]] for c, d in b["provinces"].items()}
    pname = display_name(dict(program), lang) if program_mode else ""
    implemented_n = sum(1 for v in shown.values() if v["s"] == "i")
    if program_mode:
        subtitle = tr(lang, f"{implemented_n} 个县级地区已实施，{len(shown) - implemented_n} 个仅计划",
                      f"{implemented_n} counties implement it, {len(shown) - implemented_n} only plan it")
    else:
        subtitle = tr(lang, f"{len(shown)} 个县级地区有实施记录", f"{len(shown)} counties implement programs")
    years_ctl = ""
    if years:
        years_ctl = (f'<label for="map-year">{escape(ui["year"])} <output id="map-year-value">{years[-1]}</output></label>'
                     f'<input type="range" id="map-year" min="{years[0]}" max="{years[-1]}" step="1" value="{years[-1]}">')
    missing_items = "".join(f"<li>{escape(str(r['name']))} ({escape(str(r.get('adcode') or r.get('level') or '—'))})</li>"
                            for r in missing)
    chart = Markup(
        '<div id="map-tools">'
        f'<input type="search" id="map-search" list="map-names" placeholder="{escape(ui["search"])}" autocomplete="off">'
        '<datalist id="map-names"></datalist><span id="map-search-status" aria-live="polite"></span>'
        f'{years_ctl}<button type="button" id="map-reset">{escape(ui["all"])}</button></div>'
        f'<svg id="map-svg" role="img" aria-label="{escape(title or pname or "map")}"></svg>'
        '<div id="map-tip" role="tooltip"></div>'
        f'<div id="map-missing"><p class="note">{escape(ui["missing"])}</p>'
        f'<ul>{missing_items or "<li>" + escape(ui["none"]) + "</li>"}</ul></div>'
    )
    notes = [tr(lang, "乡镇、村的记录计入所属县级地区；悬停查看证据原文与报告文件。",
                "Townships and villages count toward their county; hover to read the evidence and its report."),
             tr(lang, f"边界：{b['version']}（{b['license']}），已简化。", f"Outlines: {b['version']} ({b['license']}), simplified.")]
    if statistic:
        st = statistic
        notes.insert(0, tr(lang, f"邻近扩散：{st['adopters']} 个采用地区中，{st['followers']} 个有更早采用的相邻县"
                                 f"（随机打乱年份 {st['permutations']} 次的期望为 {st['expected']}，p = {st['p_value']}，种子 {st['seed']}）。",
                           f"Neighbour effect: {st['followers']} of {st['adopters']} adopters have an adjacent county "
                           f"that adopted earlier (expected {st['expected']} over {st['permutations']} shuffles of the "
                           f"years, p = {st['p_value']}, seed {st['seed']})."))
    if program_mode:
        notes.insert(0, tr(lang, "颜色为首次实施年份；斜线为仅计划的地区。拖动滑块回放扩散过程。",
                           "Colour: first year implemented; hatched: planned only. Drag the slider to replay adoption."))
    return render_page(
        title=title or (tr(lang, f"{pname}：实施地区地图", f"Where {pname} is implemented") if program_mode
                        else tr(lang, "各县级地区实施项目数", "Programs implemented per county")),
        subtitle=subtitle, lang=lang, view="map", kind="map",
        legend=_legend(program_mode, years, [y for y in years if any(v["y"] == y and v["s"] == "i" for v in shown.values())],
                       lang),
        notes=notes, chart=chart,
        data={"counties": counties, "provinces": provinces, "shown": shown, "focus": focus, "scale": b["scale"],
              "empty": EMPTY_COLOR, "mapui": ui},
    )
