"""The HTML shell every govkg page is rendered into: offline, escaped, repeatable.

- **Offline.** vis-network's script and stylesheet are read from the pyvis
  package (the same files ``cdn_resources="in_line"`` inlines) and written into
  the page with govkg's own script and style; the page links nothing, and its
  Content-Security-Policy (``default-src 'none'``) forbids the browser to
  fetch anything even if something tried.
- **Escaped.** Names, evidence and tooltips come from documents and are
  untrusted. The template escapes all text (Jinja autoescape); graph data is
  embedded as JSON inside ``<script type="application/json">`` with ``<``,
  ``>`` and ``&`` written as ``\\u003c`` etc., so no name can close the
  element; the page's scripts set text only through ``textContent`` and vis
  tooltips given as strings (which vis sets with ``innerText``). pyvis's own
  template switches to an ``innerHTML`` popup when a title contains
  ``"href"``; govkg never uses that template. Finally the CSP allows only the
  page's own scripts, by hash, so an inline handler such as ``onerror=``
  could not run even if markup got in.
- **Repeatable.** No timestamps or random ids: the same inputs give the same
  bytes.

Examples
--------
>>> html = render_page(title="<b>x</b>", subtitle="", lang="en", view="demo", kind="chart",
...                    chart=Markup("<svg></svg>"), legend=[], notes=["a < b"], data={"k": "</script>"})
>>> "<b>x</b>" in html, "&lt;b&gt;x&lt;/b&gt;" in html, "a &lt; b" in html
(False, True, True)
>>> "</script>" in html.split('id="govkg-data">')[1].split("</script>")[0]
False
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from markupsafe import Markup

__all__ = ["UI", "render_page", "script_json", "vis_assets", "notebook_html", "display", "write_html", "Markup"]

ASSETS = Path(__file__).resolve().parent / "assets"
_VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"

#: Interface strings in both languages; ``lang`` picks one.
UI: dict[str, dict[str, str]] = {
    "zh": {
        "search": "搜索", "search_placeholder": "地区或项目名称…", "filters": "筛选", "kind": "类型",
        "year": "年份（累计）", "all_years": "全部年份", "up_to": "截至", "lang_toggle": "中文 / English",
        "reset": "重置", "about": "说明",
        "matches": "{n} 个匹配", "showing": "显示 {nodes} 个节点、{edges} 条连线",
    },
    "en": {
        "search": "Search", "search_placeholder": "Region or program name…", "filters": "Filters", "kind": "Kind",
        "year": "Year (cumulative)", "all_years": "All years", "up_to": "Up to", "lang_toggle": "中文 / English",
        "reset": "Reset", "about": "About this view",
        "matches": "{n} matches", "showing": "Showing {nodes} nodes and {edges} links",
    },
}

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(ASSETS)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_COLOR = re.compile(r"^(#[0-9a-fA-F]{6}|rgba?\([0-9., ]+\))$")


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside a ``<script>`` element.

    >>> str(script_json({"name": "</script><img src=x onerror=alert(1)>"}))
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def _inline(text: str, tag: str) -> Markup:
    if f"</{tag}" in text.lower():
        raise ValueError(f"inline {tag} contains '</{tag}'")
    return Markup(text)


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's ``(script, stylesheet)`` as shipped in the pyvis package."""
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _check_legend(legend: list[dict[str, Any]]) -> None:
    for block in legend:
        for item in block["items"]:
            item.setdefault("members", "")
            item.setdefault("toggle", None)
            item.setdefault("color", None)
            if item["color"] is not None and not _COLOR.match(item["color"]):
                raise ValueError(f"not a colour: {item['color']!r}")


def render_page(
    *,
    title: str,
    subtitle: str,
    lang: str,
    view: str,
    kind: str,
    legend: list[dict[str, Any]],
    notes: list[str],
    data: dict[str, Any],
    kinds: list[dict[str, Any]] | None = None,
    years: list[int] | None = None,
    chart: Markup | None = None,
) -> str:
    """Render one page.

    Parameters
    ----------
    title, subtitle : str
        Shown at the top (escaped).
    lang : {"zh", "en"}
        Language of the interface and the ``<html lang>``.
    view : str
        Name of the view, on ``<body data-view>``.
    kind : {"network", "chart", "map"}
        A vis-network page (``data`` holds ``nodes``, ``edges``, ``options``),
        a static chart (``chart``: trusted markup built with escaping), or a
        map (``chart`` holds its controls; ``map.js`` draws ``data``).
    legend : list of dict
        Blocks ``{"title", "items": [{"shape", "color", "text", "members", "toggle"}]}``;
        ``shape`` is a CSS class (``swatch``, ``swatch diamond``, ``line``,
        ``line dashed``, ``line thick``), ``color`` a ``#rrggbb`` colour.
    notes : list of str
        Sentences under "About this view" (the pruning choice, the weight).
    data : dict
        Embedded as JSON for the page's script.
    kinds, years
        Filter choices: ``[{"value", "text", "count"}]`` and a list of years.

    Returns
    -------
    str
        A complete HTML document.
    """
    if lang not in UI:
        raise ValueError(f"lang must be one of {sorted(UI)}, not {lang!r}")
    _check_legend(legend)
    vis_js, vis_css = vis_assets()
    scripts = ([vis_js, _asset("network.js")] if kind == "network" else [_asset("map.js")] if kind == "map"
               else [_asset("timeline.js")])
    styles = [vis_css, _asset("page.css")] if kind == "network" else [_asset("page.css")]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_sha256(s) for s in scripts),
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
    ])
    ui = dict(UI[lang])
    template = _ENV.get_template("page.html.j2")
    return template.render(
        title=title, subtitle=subtitle, html_lang="zh-Hans" if lang == "zh" else "en", view=view, kind=kind,
        legend=legend, notes=notes, kinds=kinds or [], years=years or [], chart=chart, ui=ui,
        data_json=script_json({**data, "ui": ui, "lang": lang}),
        scripts=[_inline(s, "script") for s in scripts], styles=[_inline(s, "style") for s in styles],
        csp=csp,
    )


def notebook_html(page: str, height: int = 720) -> str:
    """An ``<iframe srcdoc>`` holding ``page``, for a notebook's output cell.

    The iframe is sandboxed (scripts only, no access to the notebook), so the
    page behaves as it does when opened from a file.

    >>> notebook_html("<p>a & b</p>", height=300)
    '<div><iframe srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;" sandbox="allow-scripts" style="width:100%;height:300px;border:0"></iframe></div>'
    """
    # Wrapped in a <div>: IPython warns about HTML that starts with <iframe>.
    return (f'<div><iframe srcdoc="{html_lib.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:0"></iframe></div>')


def display(page: str, height: int = 720) -> Any:
    """An ``IPython.display.HTML`` object showing ``page`` inline in a notebook."""
    from IPython.display import HTML

    return HTML(notebook_html(page, height))


def write_html(page: str, path: str | os.PathLike[str]) -> Path:
    """Write ``page`` to ``path`` (UTF-8, folders created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
