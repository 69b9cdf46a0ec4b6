"""Node positions computed before a page is drawn, so the browser runs no physics.

:func:`grouped_layout` lays out each group (a community, a province, a
connected component) with NetworkX's spring layout and packs the groups in
rows, largest first; a page of 3,000 regions then opens at once instead of
simulating for a minute, and a community reads as one cluster.
:func:`ring_layout` puts a focus node in the middle and others on rings.
Both are deterministic: same graph and seed, same coordinates.

Examples
--------
>>> import networkx as nx
>>> H = nx.Graph([("a", "b"), ("c", "d")])
>>> pos = grouped_layout(H, {"a": 0, "b": 0, "c": 1, "d": 1})
>>> sorted(pos) == ["a", "b", "c", "d"] and pos == grouped_layout(H, {"a": 0, "b": 0, "c": 1, "d": 1})
True
>>> ring_layout("x", [["a", "b"]], step=100)
{'x': (0.0, 0.0), 'a': (0.0, -100.0), 'b': (0.0, 100.0)}
"""
from __future__ import annotations

import math
from typing import Any, Hashable, Mapping, Sequence

import networkx as nx

__all__ = ["grouped_layout", "ring_layout"]

Pos = dict[Any, tuple[float, float]]


def _key(x: Any) -> str:
    return str(x)


def _group_positions(H: nx.Graph, members: list[Any], seed: int, weight: str | None) -> Pos:
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(members)
    sub.add_edges_from(sorted(
        ((min(u, v, key=_key), max(u, v, key=_key), {"weight": float(d.get(weight, 1.0)) if weight else 1.0})
         for u, v, d in H.subgraph(members).edges(data=True)),
        key=lambda e: (_key(e[0]), _key(e[1])),
    ))
    n = len(members)
    k = 1.5 / math.sqrt(n) if sub.number_of_edges() else None
    # Groups of 500 and more go through NetworkX's sparse solver (SciPy), which is slow per
    # iteration: fewer iterations keep a rare giant group to a few seconds.
    iterations = 60 if n < 300 else 40 if n < 500 else max(10, 12000 // n)
    raw = nx.spring_layout(sub, seed=seed, weight="weight", k=k, iterations=iterations)
    return {n: (float(x), float(y)) for n, (x, y) in raw.items()}


def grouped_layout(
    H: nx.Graph,
    groups: Mapping[Hashable, Hashable] | None = None,
    seed: int = 0,
    weight: str | None = "weight",
    spacing: float = 70.0,
) -> Pos:
    """Positions in pixels: each group laid out on its own, groups packed in rows.

    Parameters
    ----------
    H : networkx.Graph
        The graph to draw.
    groups : mapping, optional
        Node -> group; nodes missing from it, or all nodes when omitted, are
        grouped by connected component.
    seed : int
        Seed of the spring layout.
    weight : str or None
        Edge attribute pulling nodes together.
    spacing : float
        Roughly the distance between neighbouring nodes, in pixels.

    Returns
    -------
    dict
        Node -> ``(x, y)``, rounded to 0.1 px.
    """
    by_group: dict[tuple[int, str], list[Any]] = {}
    grouped = set()
    if groups:
        for n in H:
            if n in groups:
                by_group.setdefault((0, _key(groups[n])), []).append(n)
                grouped.add(n)
    rest = H.subgraph([n for n in H if n not in grouped])
    for comp in nx.connected_components(rest):
        members = sorted(comp, key=_key)
        by_group[(1, _key(members[0]))] = members
    blocks = []
    for members in by_group.values():
        members.sort(key=_key)
        pos = _group_positions(H, members, seed, weight)
        radius = spacing * math.sqrt(len(members)) * 0.6 if len(members) > 1 else spacing * 0.3
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        extent = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
        scaled = {n: ((x - cx) / extent * radius, (y - cy) / extent * radius) for n, (x, y) in pos.items()}
        blocks.append((radius, members, scaled))
    blocks.sort(key=lambda b: (-len(b[1]), _key(b[1][0])))
    total_area = sum((2 * r + spacing) ** 2 for r, _, _ in blocks)
    row_width = max(math.sqrt(total_area) * 1.1, max((2 * r + spacing for r, _, _ in blocks), default=0.0))
    out: Pos = {}
    x = y = row_height = 0.0
    for radius, _, scaled in blocks:
        size = 2 * radius + spacing
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        ox, oy = x + size / 2, y + size / 2
        for n, (px, py) in scaled.items():
            out[n] = (round(ox + px, 1), round(oy + py, 1))
        x += size
        row_height = max(row_height, size)
    return {n: out[n] for n in sorted(out, key=_key)}


def ring_layout(center: Any, rings: Sequence[Sequence[Any]], step: float = 220.0, gap: float = 90.0) -> Pos:
    """``center`` at the origin and ``rings[i]`` evenly spaced on circles around it.

    Ring ``i`` lies at least ``step`` beyond ring ``i - 1`` and is wide enough
    to leave ``gap`` pixels between neighbours.
    """
    out: Pos = {center: (0.0, 0.0)}
    radius = 0.0
    for i, ring in enumerate(rings):
        count = max(len(ring), 1)
        radius = max(radius + step, count * gap / (2 * math.pi))
        for j, n in enumerate(ring):
            angle = -math.pi / 2 + 2 * math.pi * j / count + (math.pi / count if i % 2 else 0.0)
            out[n] = (round(radius * math.cos(angle), 1) + 0.0, round(radius * math.sin(angle), 1) + 0.0)
    return out
