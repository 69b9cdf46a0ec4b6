"""Adoption curves as an inline SVG chart, with the numbers in a table beneath.

:func:`timeline_html` draws the curves :func:`govkg.kg.analysis.adoption_curves`
computed: one line per program, cumulative adopters per year. The chart is
plain SVG built here with every text escaped (names are untrusted); each
point has an SVG ``<title>`` tooltip, and the legend's checkboxes hide and
show lines.

Examples
--------
>>> curves = {"p": [(2022, 1), (2023, 4)], "q": [(2022, 0), (2023, 2)]}
>>> names = {"p": {"name": "法律明白人", "name_en": "Legal-literate villagers"}, "q": {"name": "<b>q</b>"}}
>>> page = timeline_html(curves, names, lang="en")
>>> "<b>q</b>" in page, "&lt;b&gt;q&lt;/b&gt;" in page, page.count("<polyline")
(False, True, 2)
"""
from __future__ import annotations

from html import escape
from typing import Any, Literal, Mapping

from govkg.viz.page import Markup, render_page
from govkg.viz.style import OTHER, PALETTE, STATUS_TEXT, display_name, tr

__all__ = ["timeline_html", "timeline_svg"]

_W, _H = 900, 480
_LEFT, _RIGHT, _TOP, _BOTTOM = 60, 20, 20, 50


def _name(names: Mapping[str, Mapping[str, Any]], pid: str, lang: str) -> str:
    return display_name(dict(names.get(pid) or {"name": pid}), lang)


def _nice_max(n: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if n <= step * 5:
            return step * ((n + step - 1) // step or 1)
    return n


def timeline_svg(curves: Mapping[str, list[tuple[int, int]]], names: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    """The chart alone, as an SVG string (all text escaped)."""
    years = sorted({y for pts in curves.values() for y, _ in pts})
    top = _nice_max(max((c for pts in curves.values() for _, c in pts), default=1))
    x0, x1, y0, y1 = _LEFT, _W - _RIGHT, _H - _BOTTOM, _TOP

    def sx(year: int) -> float:
        return x0 + (x1 - x0) * (0.5 if len(years) == 1 else (year - years[0]) / (years[-1] - years[0]))

    def sy(count: int) -> float:
        return y0 - (y0 - y1) * count / top

    title = tr(lang, "累计采用地区数", "Cumulative adopting regions")
    parts = [f'<svg viewBox="0 0 {_W} {_H}" width="{_W}" height="{_H}" role="img" '
             f'aria-label="{escape(title)}">']
    parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}" stroke="#888"/>')
    parts.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="#888"/>')
    for i in range(6):
        v = top * i // 5
        y = sy(v)
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{v}</text>')
    for year in years:
        parts.append(f'<text x="{sx(year):.1f}" y="{y0 + 18}" text-anchor="middle" font-size="12">{year}</text>')
    axis = escape(tr(lang, "年份", "year"))
    parts.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{_H - 8}" text-anchor="middle" font-size="12">{axis}</text>')
    for i, (pid, pts) in enumerate(curves.items()):
        color = PALETTE[i] if i < len(PALETTE) else OTHER
        name = escape(_name(names, pid, lang))
        coords = " ".join(f"{sx(y):.1f},{sy(c):.1f}" for y, c in pts)
        parts.append(f'<g class="series" data-series="s{i}"><polyline fill="none" stroke="{color}" stroke-width="2" '
                     f'points="{coords}"><title>{name}</title></polyline>')
        for y, c in pts:
            tip = escape(f"{_name(names, pid, lang)} · {y}: {c}")
            parts.append(f'<circle cx="{sx(y):.1f}" cy="{sy(c):.1f}" r="4" fill="{color}">'
                         f'<title>{tip}</title></circle>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _table(curves: Mapping[str, list[tuple[int, int]]], names: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    years = sorted({y for pts in curves.values() for y, _ in pts})
    head = "".join(f"<th>{y}</th>" for y in years)
    rows = [f'<table class="data"><thead><tr><th>{escape(tr(lang, "项目", "program"))}</th>{head}</tr></thead><tbody>']
    for i, (pid, pts) in enumerate(curves.items()):
        by_year = dict(pts)
        cells = "".join(f"<td>{by_year.get(y, '')}</td>" for y in years)
        rows.append(f'<tr class="series" data-series="s{i}"><td>{escape(_name(names, pid, lang))}</td>{cells}</tr>')
    rows.append("</tbody></table>")
    return "\n".join(rows)


def timeline_html(
    curves: Mapping[str, list[tuple[int, int]]],
    names: Mapping[str, Mapping[str, Any]],
    *,
    lang: Literal["zh", "en"] = "zh",
    status: str = "implemented",
    title: str | None = None,
) -> str:
    """A page with adoption curves, a legend that toggles them, and the numbers.

    Parameters
    ----------
    curves : mapping
        Program id -> ``[(year, adopters), ...]`` on one year axis, as
        :func:`govkg.kg.analysis.adoption_curves` returns.
    names : mapping
        Program id -> node properties (``name``, ``name_en``).
    lang : {"zh", "en"}
        Interface language and program names.
    status : str
        The status the curves count, for the note.

    Returns
    -------
    str
        The HTML page; with no curves it says the corpus has no years.
    """
    items = [{"shape": "swatch", "color": PALETTE[i] if i < len(PALETTE) else OTHER, "toggle": f"s{i}",
              "text": _name(names, pid, lang) + f" ({pts[-1][1] if pts else 0})"}
             for i, (pid, pts) in enumerate(curves.items())]
    if curves:
        chart = Markup(timeline_svg(curves, names, lang) + "\n" + _table(curves, names, lang))
    else:
        none = tr(lang, "语料中没有带年份的项目记录。", "No program adoption in the corpus has a year.")
        chart = Markup(f'<p class="note">{escape(none)}</p>')
    years = sorted({y for pts in curves.values() for y, _ in pts})
    span = f"{years[0]}–{years[-1]}" if years else "—"
    notes = [tr(lang, f"计入：{STATUS_TEXT['zh'].get(status, status)}；每个地区按首次记录的年份计入。",
                f"Counted: {STATUS_TEXT['en'].get(status, status)}; "
                "each region counts from the first year a report records it."),
             tr(lang, "括号内为最后一年的累计地区数。", "In brackets: adopters in the last year.")]
    return render_page(
        title=title or tr(lang, "项目扩散：累计采用地区数", "Program diffusion: cumulative adopters"),
        subtitle=tr(lang, f"{len(curves)} 个项目 · {span}", f"{len(curves)} programs · {span}"),
        lang=lang, view="timeline", kind="chart",
        legend=[{"title": tr(lang, "项目", "Programs"), "items": items}] if items else [],
        notes=notes, data={"curves": {p: [list(x) for x in pts] for p, pts in curves.items()}}, chart=chart,
    )
