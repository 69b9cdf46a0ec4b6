"""Interactive network pages (pyvis / vis-network) for graphs computed by :mod:`govkg.kg.analysis`.

Each function takes a graph the analysis made (a NetworkX graph whose
attributes say everything the page shows) and returns a complete,
self-contained HTML page as a string; it computes no analysis of its own,
only positions, colours and words, and imports nothing from ``govkg.kg``.

- :func:`regions_html`: the region network of :func:`~govkg.kg.analysis.project_regions`
  (edge width by weight, colour by community or province);
- :func:`bipartite_html`: regions and programs of :func:`~govkg.kg.analysis.region_program_graph`;
- :func:`program_html`: one program's adopters (:func:`~govkg.kg.analysis.program_adopters`);
- :func:`region_html`: one region's neighbourhood (:func:`~govkg.kg.analysis.region_neighbourhood`).

Positions are computed here (:mod:`govkg.viz.layout`) and physics is off,
so a page of thousands of regions draws at once. Nodes are built with
pyvis's ``Network``; the page shell is :mod:`govkg.viz.page` (offline,
escaped, deterministic).

Examples
--------
A region network as :func:`~govkg.kg.analysis.project_regions` makes it,
written out by hand:

>>> import networkx as nx
>>> H = nx.Graph(weight="shared", via={"p": {"name": "法律明白人", "name_en": "Legal-literate villagers"}})
>>> for r in ("a", "b"):
...     H.add_node(r, label="Region", name=r + "县", level="county", province="河南省", members=["p"], since=2023)
>>> H.add_edge("a", "b", weight=1, shared=["p"], n_shared=1, since=2023)
>>> page = regions_html(H, communities={"a": 0, "b": 0}, lang="en")
>>> page.startswith("<!DOCTYPE html>") and "http://" not in page.split("<script>")[0]
True
>>> "1 shared: Legal-literate villagers" in page
True
>>> page == regions_html(H, communities={"a": 0, "b": 0}, lang="en")
True
"""
from __future__ import annotations

import json
import math
from typing import Any, Hashable, Literal, Mapping

import networkx as nx
from govkg.viz.layout import grouped_layout, ring_layout
from govkg.viz.page import render_page
from govkg.viz.style import (
    FAINT_COLOR,
    FOCUS_COLOR,
    KIND_TEXT,
    OTHER,
    PLANNED_COLOR,
    PROGRAM_COLOR,
    REGION_COLOR,
    STATUS_TEXT,
    WEIGHT_TEXT,
    assign_colors,
    clip,
    display_name,
    evidence_lines,
    fmt_weight,
    tr,
)
from pyvis.network import Network

__all__ = ["regions_html", "bipartite_html", "program_html", "region_html", "vis_options"]

Lang = Literal["zh", "en"]


def vis_options(n_edges: int) -> dict[str, Any]:
    """vis-network options: no physics, no smoothing, labels hidden when tiny.

    >>> vis_options(10)["physics"]
    {'enabled': False}
    """
    big = n_edges > 4000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
            "multiselect": True, "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "face": "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"},
            # Labels smaller than 7 px on screen are not drawn: a zoomed-out map stays fast and legible.
            "scaling": {"label": {"drawThreshold": 7, "maxVisible": 24}},
        },
        "edges": {
            "smooth": False,
            "color": {"color": "#9aa0a6", "highlight": "#333333", "hover": "#333333", "opacity": 0.55},
            "selectionWidth": 1.5,
        },
    }


def _scale(items: list[dict[str, Any]], key: str, low: float, high: float) -> None:
    """Map ``item[key]`` linearly from its range onto ``[low, high]`` (the middle when all are equal)."""
    values = [float(i[key]) for i in items]
    if not values:
        return
    lo, hi = min(values), max(values)
    for item, v in zip(items, values):
        item[key] = round(low + (high - low) * ((v - lo) / (hi - lo) if hi > lo else 0.5), 2)


def _spacing(n: int, least: float) -> float:
    """Room between nodes: a handful of nodes spread over the canvas, thousands packed at ``least``."""
    return max(least, 420.0 / math.sqrt(max(n, 1)))


def _kind(data: Mapping[str, Any]) -> str:
    if data.get("label") == "Program":
        return "program"
    return str(data.get("level") or "region")


def _search_text(node: Hashable, data: Mapping[str, Any]) -> str:
    parts = [data.get("name"), data.get("name_en"), *(data.get("aliases") or []), str(node)]
    return " ".join(str(p) for p in parts if p)


def _names(ids: list[str], via: Mapping[str, Mapping[str, Any]], lang: str, limit: int = 12) -> str:
    names = [display_name(dict(via.get(i) or {"name": i}), lang) for i in ids]
    more = len(names) - limit
    text = "、".join(names[:limit]) if lang == "zh" else "; ".join(names[:limit])
    return text + (tr(lang, f" 等 {len(names)} 项", f" and {more} more") if more > 0 else "")


class _Builder:
    """Collects vis nodes and edges through a pyvis ``Network``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
        self._ids: set[Any] = set()
        self._fixed: set[str] = set()
        self.kinds: dict[str, int] = {}
        self.years: set[int] = set()

    def node(self, n: Hashable, data: Mapping[str, Any], pos: tuple[float, float], *, color: str, value: float,
             title: str, shape: str = "dot") -> None:
        kind = _kind(data)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        since = data.get("since")
        if since is not None:
            self.years.add(int(since))
        label_zh = display_name(dict(data), "zh") or str(n)
        label_en = display_name(dict(data), "en") or label_zh
        if data.get("ambiguous"):  # a township whose county the report leaves open
            label_zh, label_en = label_zh + "（?）", label_en + " (?)"
        self.net.add_node(
            str(n), label=label_en if self.lang == "en" else label_zh, title=title, x=pos[0], y=pos[1],
            color=color, size=value, shape=shape, kind=kind, since=since, search=_search_text(n, data),
            label_zh=label_zh, label_en=label_en,
        )
        self._ids.add(str(n))

    def edge(self, u: Hashable, v: Hashable, *, title: str, value: float, since: int | None = None,
             dashes: bool = False, color: str | None = None, scaled: bool = True) -> None:
        """Add a link; ``value`` becomes its width, scaled with the others unless ``scaled`` is false."""
        if str(u) not in self._ids or str(v) not in self._ids:
            raise ValueError(f"edge {u!r} - {v!r} joins a node that was not added")
        if since is not None:
            self.years.add(int(since))
        # Appended directly: pyvis's add_edge scans every edge for duplicates (quadratic).
        edge: dict[str, Any] = {"id": f"e{len(self.net.edges)}", "from": str(u), "to": str(v), "title": title,
                                "width": value, "since": since}
        if dashes:
            edge["dashes"] = True
        if color:
            edge["color"] = {"color": color, "opacity": 0.35 if color == FAINT_COLOR else 0.8}
        if not scaled:
            self._fixed.add(edge["id"])
        self.net.edges.append(edge)

    def page(self, *, view: str, title: str, subtitle: str, legend: list[dict[str, Any]], notes: list[str]) -> str:
        # Sizes and widths are scaled here rather than by vis ("value" scaling costs seconds on big graphs).
        _scale(self.net.nodes, "size", 9.0, 30.0)
        _scale([e for e in self.net.edges if e["id"] not in self._fixed], "width", 1.0, 8.0)
        self.net.options = vis_options(len(self.net.edges))
        nodes, edges, _, _, _, options = self.net.get_network_data()
        kinds = [{"value": k, "text": KIND_TEXT[self.lang].get(k, k), "count": c}
                 for k, c in sorted(self.kinds.items(), key=lambda kv: (kv[0] == "program", kv[0]))]
        return render_page(
            title=title, subtitle=subtitle, lang=self.lang, view=view, kind="network", legend=legend, notes=notes,
            kinds=kinds, years=sorted(self.years),
            data={"nodes": nodes, "edges": edges, "options": json.loads(options)},
        )


def _region_title(d: Mapping[str, Any], lang: str, via: Mapping[str, Any] | None = None) -> str:
    lines = [str(d.get("name") or d.get("id") or "")]
    where = [str(d.get("province") or ""), KIND_TEXT[lang].get(str(d.get("level") or ""), str(d.get("level") or ""))]
    where_text = " · ".join(w for w in where if w)
    if where_text:
        lines.append(where_text)
    if d.get("ambiguous"):
        n = len(d.get("candidates") or [])
        lines.append(tr(lang, f"所属县未定：{n} 个县有同名乡镇，报告未说明是哪一个",
                        f"county unknown: {n} counties hold a township of this name, and the report does not say which"))
    members = d.get("members") or []
    if members and via is not None:
        lines.append(tr(lang, f"项目 {len(members)} 项：", f"{len(members)} programs: ") + _names(members, via, lang))
    if d.get("since") is not None:
        lines.append(tr(lang, f"最早记录：{d['since']} 年", f"first recorded: {d['since']}"))
    return "\n".join(lines)


def _program_title(d: Mapping[str, Any], lang: str) -> str:
    lines = [str(d.get("name") or d.get("id") or "")]
    if d.get("name_en"):
        lines.append(str(d["name_en"]))
    if d.get("degree") is not None:
        lines.append(tr(lang, f"{d['degree']} 个地区", f"{d['degree']} regions"))
    if d.get("since") is not None:
        lines.append(tr(lang, f"最早记录：{d['since']} 年", f"first recorded: {d['since']}"))
    return "\n".join(lines)


def _adoption_title(region: Mapping[str, Any], program: Mapping[str, Any], e: Mapping[str, Any], lang: str) -> str:
    statuses = "、".join(STATUS_TEXT[lang][s] for s in e.get("statuses") or [])
    years = ", ".join(str(y) for y in e.get("years") or [])
    head = f"{region.get('name')} → {display_name(dict(program), lang)}"
    return "\n".join([head, f"{statuses} {years}".strip(), *evidence_lines(list(e.get("evidence") or []), lang)])


def _pruning_notes(graph: Mapping[str, Any], lang: str, noun_zh: str, noun_en: str) -> list[str]:
    weight = str(graph.get("weight") or "shared")
    notes = [tr(lang, "连线权重：", "Link weight: ") + WEIGHT_TEXT[lang].get(weight, weight) + tr(lang, "。", ".")]
    status = str(graph.get("status") or "implemented")
    notes.append(tr(lang, f"计入的项目：{STATUS_TEXT['zh'][status]}。", f"Programs counted: {STATUS_TEXT['en'][status]}."))
    top_k, min_w = graph.get("top_k"), graph.get("min_weight")
    rule = []
    if top_k:
        rule.append(tr(lang, f"每个{noun_zh}保留最强的 {top_k} 条连线", f"each {noun_en}'s {top_k} strongest links"))
    if min_w is not None:
        rule.append(tr(lang, f"权重不低于 {fmt_weight(min_w)}", f"weight at least {fmt_weight(min_w)}"))
    kept, total = graph.get("edges_kept"), graph.get("pairs_total")
    if rule:
        notes.append(tr(lang, "连线筛选：", "Links shown: ") + tr(lang, "，", ", ").join(rule)
                     + tr(lang, f"；显示 {kept:,} / {total:,} 对有共同项目的{noun_zh}。",
                          f"; {kept:,} of {total:,} linked pairs shown."))
    elif total is not None:
        notes.append(tr(lang, f"连线筛选：无，显示全部 {total:,} 对。", f"Links shown: all {total:,} linked pairs (no pruning)."))
    return notes


def regions_html(
    H: nx.Graph,
    *,
    communities: Mapping[Hashable, int] | None = None,
    color_by: Literal["community", "province"] = "community",
    lang: Lang = "zh",
    seed: int = 0,
    title: str | None = None,
) -> str:
    """The region network: regions linked by the programs they share.

    Parameters
    ----------
    H : networkx.Graph
        From :func:`govkg.kg.analysis.project_regions` (its ``graph`` records
        the weight and the pruning, shown on the page).
    communities : mapping, optional
        Region -> community number, from :func:`govkg.kg.analysis.communities`;
        needed for ``color_by="community"``, and used to lay out clusters.
    color_by : {"community", "province"}
        What node colour shows.
    lang : {"zh", "en"}
        Interface language; programs are named in English with ``"en"``.
    seed : int
        Layout seed.
    title : str, optional
        Page title.

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    ValueError
        If ``color_by="community"`` and no ``communities`` are given.
    """
    if color_by == "community" and communities is None:
        raise ValueError("color_by='community' needs communities=govkg.kg.analysis.communities(H)")
    via = H.graph.get("via") or {}
    if color_by == "community":
        assert communities is not None
        groups: dict[Hashable, Any] = {n: communities.get(n, -1) for n in H}
    else:
        groups = {n: H.nodes[n].get("province") or "?" for n in H}
    colors = assign_colors(groups[n] for n in H)
    pos = grouped_layout(H, communities if communities is not None else groups, seed=seed,
                         spacing=_spacing(H.number_of_nodes(), 70.0))
    b = _Builder(lang)
    for n in sorted(H, key=str):
        d = H.nodes[n]
        b.node(n, d, pos[n], color=colors[groups[n]], value=len(d.get("members") or []) or 1,
               title=_region_title(d, lang, via))
    for u, v, e in sorted(H.edges(data=True), key=lambda t: (str(t[0]), str(t[1]))):
        head = f"{H.nodes[u].get('name')} — {H.nodes[v].get('name')}"
        lines = [head, tr(lang, "权重", "weight") + f" ({H.graph.get('weight', 'shared')}): {fmt_weight(e['weight'])}",
                 tr(lang, f"共同项目 {e['n_shared']} 项：", f"{e['n_shared']} shared: ") + _names(e["shared"], via, lang)]
        if e.get("since") is not None:
            lines.append(tr(lang, f"自 {e['since']} 年起共享", f"shared since {e['since']}"))
        b.edge(u, v, title="\n".join(lines), value=float(e["weight"]), since=e.get("since"))
    members: dict[Any, list[str]] = {}
    for n in sorted(H, key=lambda n: (-len(H.nodes[n].get("members") or []), str(n))):
        members.setdefault(groups[n], []).append(str(H.nodes[n].get("name") or n))
    items = []
    shown_other = 0
    for g, color in colors.items():
        if color == OTHER:
            shown_other += len(members[g])
            continue
        if color_by == "community":
            text = tr(lang, f"社区 {int(g) + 1} · {len(members[g])} 个地区",
                      f"Community {int(g) + 1} · {len(members[g])} regions")
        else:
            text = tr(lang, f"{g} · {len(members[g])} 个地区", f"{g} · {len(members[g])} regions")
        items.append({"shape": "swatch", "color": color, "text": text, "members": clip("、".join(members[g][:6]), 60)})
    if shown_other:
        items.append({"shape": "swatch", "color": OTHER,
                      "text": tr(lang, f"其他 · {shown_other} 个地区", f"other · {shown_other} regions")})
    legend = [
        {"title": tr(lang, "颜色：" + ("社区（Louvain）" if color_by == "community" else "省份"),
                     "Colour: " + ("community (Louvain)" if color_by == "community" else "province")), "items": items},
        {"title": tr(lang, "大小与连线", "Size and links"), "items": [
            {"shape": "swatch", "color": REGION_COLOR,
             "text": tr(lang, "圆点大小：该地区的项目数", "dot size: programs the region runs")},
            {"shape": "line thick", "text": tr(lang, "连线越粗，权重越高", "thicker link: higher weight")},
        ]},
    ]
    notes = _pruning_notes(H.graph, lang, "地区", "region")
    notes.append(tr(lang, "悬停查看共同项目；拖动平移，滚轮缩放。", "Hover for shared programs; drag to pan, scroll to zoom."))
    subtitle = tr(lang, f"{H.number_of_nodes():,} 个地区 · {H.number_of_edges():,} 条连线",
                  f"{H.number_of_nodes():,} regions · {H.number_of_edges():,} links")
    return b.page(view="regions", title=title or tr(lang, "共享举措网络：地区", "Shared-initiative network: regions"),
                  subtitle=subtitle, legend=legend, notes=notes)


def _adoption_legend(lang: str) -> dict[str, Any]:
    return {"title": tr(lang, "图例", "Legend"), "items": [
        {"shape": "swatch", "color": REGION_COLOR, "text": tr(lang, "地区", "region")},
        {"shape": "swatch diamond", "color": PROGRAM_COLOR,
         "text": tr(lang, "项目（大小：实施地区数）", "program (size: regions running it)")},
        {"shape": "line", "text": tr(lang, "已实施（越粗，年份越多）", "implemented (thicker: more years)")},
        {"shape": "line dashed", "color": PLANNED_COLOR, "text": tr(lang, "仅计划", "planned only")},
    ]}


def _adoption_edge(b: _Builder, G: nx.Graph, r: Hashable, p: Hashable, lang: str, faint: bool = False) -> None:
    e = G.edges[r, p]
    planned_only = e.get("statuses") == ["planned"]
    color = FAINT_COLOR if faint else PLANNED_COLOR if planned_only else None
    b.edge(r, p, title=_adoption_title(G.nodes[r], G.nodes[p], e, lang), value=float(max(len(e.get("years") or []), 1)),
           since=e.get("since"), dashes=planned_only, color=color)


def _sides(G: nx.Graph) -> tuple[list[Hashable], list[Hashable]]:
    regions = sorted((n for n, d in G.nodes(data=True) if d.get("label") != "Program"), key=str)
    programs = sorted((n for n, d in G.nodes(data=True) if d.get("label") == "Program"), key=str)
    return regions, programs


def bipartite_html(
    B: nx.Graph,
    *,
    communities: Mapping[Hashable, int] | None = None,
    lang: Lang = "zh",
    seed: int = 0,
    title: str | None = None,
) -> str:
    """Regions and the programs they run, one link per region–program pair.

    ``B`` comes from :func:`govkg.kg.analysis.region_program_graph`; links
    carry the evidence sentences (tooltip) and dashed links are plans only.
    ``communities`` (of ``B``) only groups the layout.
    """
    regions, programs = _sides(B)
    pos = grouped_layout(B, communities, seed=seed, weight=None, spacing=_spacing(B.number_of_nodes(), 90.0))
    b = _Builder(lang)
    for n in regions:
        b.node(n, B.nodes[n], pos[n], color=REGION_COLOR, value=max(B.degree(n), 1),
               title=_region_title(B.nodes[n], lang))
    for n in programs:
        b.node(n, B.nodes[n], pos[n], color=PROGRAM_COLOR, value=max(B.degree(n), 1), shape="diamond",
               title=_program_title(B.nodes[n], lang))
    for r in regions:
        for p in sorted(B[r], key=str):
            _adoption_edge(b, B, r, p, lang)
    status = str(B.graph.get("status") or "implemented")
    notes = [tr(lang, f"计入的项目：{STATUS_TEXT['zh'][status]}。", f"Programs counted: {STATUS_TEXT['en'][status]}."),
             tr(lang, "悬停连线查看证据句及其报告文件。", "Hover a link for the evidence sentence and its report file.")]
    subtitle = tr(lang, f"{len(regions):,} 个地区 · {len(programs):,} 个项目 · {B.number_of_edges():,} 条连线",
                  f"{len(regions):,} regions · {len(programs):,} programs · {B.number_of_edges():,} links")
    return b.page(view="bipartite", title=title or tr(lang, "地区—项目网络", "Regions and programs"),
                  subtitle=subtitle, legend=[_adoption_legend(lang)], notes=notes)


def _rings(nodes: list[Hashable], per_ring: int = 36) -> list[list[Hashable]]:
    return [nodes[i:i + per_ring] for i in range(0, len(nodes), per_ring)] or [[]]


def program_html(S: nx.Graph, *, lang: Lang = "zh", title: str | None = None) -> str:
    """One program in the middle, the regions that run or plan it around it, earliest first.

    ``S`` comes from :func:`govkg.kg.analysis.program_adopters`.
    """
    focus = S.graph["focus"]
    def first_recorded(n: Hashable) -> tuple[bool, int, str, str]:
        since = S.nodes[n].get("since")
        return (since is None, since or 0, str(S.nodes[n].get("name")), str(n))

    regions = sorted((n for n in S if n != focus), key=first_recorded)
    rings = _rings(regions, per_ring=max(12, int(math.sqrt(len(regions)) * 4)))
    pos = ring_layout(focus, rings, step=260.0)
    b = _Builder(lang)
    fd = S.nodes[focus]
    b.node(focus, fd, pos[focus], color=PROGRAM_COLOR, value=max(len(regions), 1), shape="diamond",
           title=_program_title(fd, lang))
    for n in regions:
        planned_only = S.edges[n, focus].get("statuses") == ["planned"]
        b.node(n, S.nodes[n], pos[n], color=PLANNED_COLOR if planned_only else REGION_COLOR, value=1,
               title=_region_title(S.nodes[n], lang))
    for n in regions:
        _adoption_edge(b, S, n, focus, lang)
    name = display_name(dict(fd), lang)
    implemented = sum(1 for n in regions if "implemented" in (S.edges[n, focus].get("statuses") or []))
    subtitle = tr(lang, f"{implemented} 个地区已实施，{len(regions) - implemented} 个地区仅计划",
                  f"{implemented} regions implement it, {len(regions) - implemented} only plan it")
    notes = [tr(lang, "地区按首次记录的年份顺时针排列。", "Regions run clockwise by the year they were first recorded."),
             tr(lang, "悬停连线查看证据句及其报告文件。", "Hover a link for the evidence sentence and its report file.")]
    return b.page(view="program", title=title or tr(lang, f"{name}：实施地区", f"Regions running {name}"),
                  subtitle=subtitle, legend=[_adoption_legend(lang)], notes=notes)


def region_html(N: nx.Graph, *, lang: Lang = "zh", title: str | None = None) -> str:
    """One region, its programs (inner ring) and its most similar regions (outer ring).

    ``N`` comes from :func:`govkg.kg.analysis.region_neighbourhood`; dashed
    links to similar regions are as thick as their similarity.
    """
    focus = N.graph["focus"]
    programs = sorted((n for n, d in N.nodes(data=True) if d.get("label") == "Program"), key=str)
    similar = sorted((v for v in N[focus] if N.edges[focus, v].get("kind") == "similar"),
                     key=lambda v: (-N.edges[focus, v]["weight"], str(v)))
    pos = ring_layout(focus, [programs, similar], step=240.0)
    b = _Builder(lang)
    fd = N.nodes[focus]
    b.node(focus, fd, pos[focus], color=FOCUS_COLOR, value=max(len(programs), 1),
           title=_region_title(fd, lang))
    for p in programs:
        b.node(p, N.nodes[p], pos[p], color=PROGRAM_COLOR, value=max(N.degree(p), 1), shape="diamond",
               title=_program_title(N.nodes[p], lang))
    via = {p: N.nodes[p] for p in programs}
    for r in similar:
        b.node(r, N.nodes[r], pos[r], color=REGION_COLOR, value=1, title=_region_title(N.nodes[r], lang))
    for r in [focus, *similar]:
        for p in programs:
            if N.has_edge(r, p):
                _adoption_edge(b, N, r, p, lang, faint=r != focus)
    weight = str(N.graph.get("weight") or "jaccard")
    strongest = max((float(N.edges[focus, r]["weight"]) for r in similar), default=1.0) or 1.0
    for r in similar:
        e = N.edges[focus, r]
        lines = [f"{fd.get('name')} — {N.nodes[r].get('name')}",
                 tr(lang, "相似度", "similarity") + f" ({weight}): {fmt_weight(e['weight'])}",
                 tr(lang, f"共同项目 {e['n_shared']} 项：", f"{e['n_shared']} shared: ") + _names(e["shared"], via, lang)]
        # Similarity links have their own scale (2-8 px), apart from the adoption links.
        b.edge(focus, r, title="\n".join(lines), value=2 + 6 * float(e["weight"]) / strongest, dashes=True,
               color=FOCUS_COLOR, scaled=False)
    name = str(fd.get("name") or focus)
    legend = [_adoption_legend(lang), {"title": tr(lang, "相似地区", "Similar regions"), "items": [
        {"shape": "swatch", "color": FOCUS_COLOR, "text": tr(lang, "所选地区", "the region")},
        {"shape": "line dashed", "color": FOCUS_COLOR,
         "text": tr(lang, "相似度（越粗越相似）", "similarity (thicker: more alike)")},
    ]}]
    notes = [tr(lang, "相似度：", "Similarity: ") + WEIGHT_TEXT[lang].get(weight, weight),
             tr(lang, "外圈按相似度从高到低顺时针排列。", "The outer ring runs clockwise from the most similar region.")]
    subtitle = tr(lang, f"{len(programs)} 个项目 · {len(similar)} 个相似地区",
                  f"{len(programs)} programs · {len(similar)} similar regions")
    title = title or tr(lang, f"{name}：相似地区与共同项目", f"{name}: similar regions and shared programs")
    return b.page(view="region", title=title, subtitle=subtitle, legend=legend, notes=notes)
