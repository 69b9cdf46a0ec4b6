"""Colours, words and tooltip text shared by the pages.

Tooltips are plain text (lines joined with ``\\n``): vis-network shows a
string title with ``innerText``, so a name such as ``<img src=x
onerror=alert(1)>`` is shown, never parsed.

Examples
--------
>>> tr("zh", "地区", "regions"), tr("en", "地区", "regions")
('地区', 'regions')
>>> fmt_weight(0.6666666667), fmt_weight(3)
('0.667', '3')
>>> clip("法" * 200, 5)
'法法法法…'
>>> assign_colors(["河南省", "河南省", "山西省"])
{'河南省': '#4e79a7', '山西省': '#f28e2b'}
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Hashable, Iterable, Mapping

__all__ = [
    "PALETTE",
    "OTHER",
    "REGION_COLOR",
    "PROGRAM_COLOR",
    "PLANNED_COLOR",
    "FOCUS_COLOR",
    "FAINT_COLOR",
    "KIND_TEXT",
    "STATUS_TEXT",
    "WEIGHT_TEXT",
    "tr",
    "display_name",
    "fmt_weight",
    "clip",
    "assign_colors",
    "evidence_lines",
]

#: Categorical colours (Tableau 20 order); groups past the last share :data:`OTHER`.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#17becf", "#1f77b4", "#bcbd22", "#8c564b", "#e377c2", "#2ca02c", "#d62728", "#9467bd", "#ff7f0e",
    "#aec7e8",
)
OTHER = "#c7c7c7"
REGION_COLOR = "#4e79a7"
PROGRAM_COLOR = "#f28e2b"
PLANNED_COLOR = "#bab0ac"
FOCUS_COLOR = "#e15759"
FAINT_COLOR = "#d5d5d5"

KIND_TEXT: dict[str, dict[str, str]] = {
    "zh": {"province": "省级", "city": "市级", "county": "县级", "zone": "开发区（新区）", "township": "乡镇（街道）",
           "village": "村（社区）", "region": "地区", "program": "项目"},
    "en": {"province": "province", "city": "city", "county": "county", "zone": "development zone", "township": "township",
           "village": "village", "region": "region", "program": "program"},
}
STATUS_TEXT: dict[str, dict[str, str]] = {
    "zh": {"implemented": "已实施", "planned": "计划中", "any": "实施或计划"},
    "en": {"implemented": "implemented", "planned": "planned", "any": "implemented or planned"},
}
WEIGHT_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "shared": "共同项目数",
        "jaccard": "Jaccard 相似度（共同项目 ÷ 两地项目并集）",
        "overlap": "重叠系数（共同项目 ÷ 较少一方的项目数）",
        "idf": "逆频率加权（越少见的共同项目权重越高）",
    },
    "en": {
        "shared": "programs in common",
        "jaccard": "Jaccard similarity (shared ÷ programs of either)",
        "overlap": "overlap (shared ÷ programs of the smaller)",
        "idf": "inverse-frequency weight (rarer shared programs count more)",
    },
}


def tr(lang: str, zh: str, en: str) -> str:
    """``zh`` or ``en`` by ``lang``."""
    return en if lang == "en" else zh


def display_name(data: Mapping[str, Any], lang: str = "zh") -> str:
    """The name to show for a node: English when asked for and known, else Chinese.

    Regions have no English names in the graph and keep their Chinese name.
    The same rule as :func:`govkg.kg.analysis.display_name`, which viz
    cannot import; a test holds the two together.

    >>> display_name({"name": "法律明白人", "name_en": "Legal-literate villagers"}, "en")
    'Legal-literate villagers'
    >>> display_name({"name": "博爱县"}, "en"), display_name({"id": "region:410822"}), display_name({})
    ('博爱县', 'region:410822', '')
    """
    if lang == "en" and data.get("name_en"):
        return str(data["name_en"])
    return str(data.get("name") or data.get("id") or "")


def fmt_weight(w: float) -> str:
    """A weight with at most three decimals and no trailing zeros."""
    if float(w).is_integer():
        return str(int(w))
    return f"{w:.3f}".rstrip("0").rstrip(".")


def clip(text: Any, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    s = "" if text is None else str(text)
    return s if len(s) <= limit else s[: limit - 1] + "…"


def assign_colors(values: Iterable[Hashable], palette: tuple[str, ...] = PALETTE) -> dict[Hashable, str]:
    """A colour per distinct value, most frequent first (ties by value); the rest get :data:`OTHER`."""
    counts = Counter(values)
    order = sorted(counts, key=lambda v: (-counts[v], str(v)))
    return {v: (palette[i] if i < len(palette) else OTHER) for i, v in enumerate(order)}


def evidence_lines(evidence: list[dict[str, Any]], lang: str, limit: int = 3) -> list[str]:
    """Tooltip lines quoting up to ``limit`` evidence sentences with their report file and year."""
    lines = []
    for item in evidence[:limit]:
        status = STATUS_TEXT[lang].get(item.get("status") or "", "")
        source = " · ".join(str(x) for x in (item.get("file") or item.get("report"), item.get("year"), status) if x)
        lines.append(f"“{clip(item.get('text'), 160)}”")
        lines.append(f"  — {source}")
    if len(evidence) > limit:
        lines.append(tr(lang, f"……另有 {len(evidence) - limit} 条证据", f"… and {len(evidence) - limit} more"))
    return lines
