"""Diffusion over time: who adopted a program first, and how it spread.

A region adopts a program in the first year a report of it says the program
was implemented (``status="implemented"``, the default) or mentioned at all
(``"any"``). Years come from the adoption edge, or from its Report when the
edge has none; edges with no year at all are left out of these tables.

:func:`cascades` gives the rows diffusion-inference tools (NetInf and its
successors) read: one ``(region, program, year)`` per adoption, grouped by
program (one cascade each) and ordered by time.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for r in ("a", "b", "c"):
...     G.add_node(r, label="Region", name=r)
>>> G.add_node("p", label="Program", name="法律明白人")
>>> for r, year in [("a", 2021), ("b", 2023), ("a", 2023), ("c", 2023)]:
...     _ = G.add_edge(r, "p", type="IMPLEMENTS", year=year)
>>> first_adoption(G)
{('a', 'p'): 2021, ('b', 'p'): 2023, ('c', 'p'): 2023}
>>> adoption_curve(G, "法律明白人")
[(2021, 1), (2022, 1), (2023, 3)]
>>> cascades(G)[0]
{'region': 'a', 'program': 'p', 'year': 2021}
"""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx
from govkg.kg.analysis.bipartite import Status, adoption_edges
from govkg.kg.analysis.lookup import resolve_program

__all__ = ["first_adoption", "adoption_curve", "adoption_curves", "cascades"]


def first_adoption(G: nx.MultiDiGraph, status: Status = "implemented") -> dict[tuple[str, str], int]:
    """The first year each region adopted each program.

    Returns
    -------
    dict
        ``(region id, program id) -> year``, sorted by key.

    Raises
    ------
    ValueError
        If ``status`` is unknown.
    """
    first: dict[tuple[str, str], int] = {}
    for r, p, _, d in adoption_edges(G, status):
        if d["year"] is not None and ((r, p) not in first or d["year"] < first[(r, p)]):
            first[(r, p)] = d["year"]
    return dict(sorted(first.items()))


def _last_year(G: nx.MultiDiGraph, first: dict[tuple[str, str], int]) -> int | None:
    years = [int(d["year"]) for _, d in G.nodes(data=True) if d.get("label") == "Report" and d.get("year") is not None]
    years.extend(first.values())
    return max(years) if years else None


def _curve(first_years: list[int], start: int, end: int) -> list[tuple[int, int]]:
    return [(y, sum(1 for f in first_years if f <= y)) for y in range(start, end + 1)]


def adoption_curve(G: nx.MultiDiGraph, program: str, status: Status = "implemented") -> list[tuple[int, int]]:
    """Cumulative adopters of one program per year.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    program : str
        Program id, name, alias or English name.
    status : {"implemented", "planned", "any"}
        Which adoption edges count.

    Returns
    -------
    list of (year, adopters)
        Every year from the program's first adoption to the last year the
        corpus covers; empty if no adoption has a year.

    Raises
    ------
    govkg.kg.analysis.lookup.NotFoundError
        If ``program`` names no program.
    """
    pid = resolve_program(G, program)
    first = first_adoption(G, status)
    years = [y for (_, p), y in first.items() if p == pid]
    if not years:
        return []
    return _curve(years, min(years), _last_year(G, first) or max(years))


def adoption_curves(
    G: nx.MultiDiGraph,
    programs: Iterable[str] | None = None,
    status: Status = "implemented",
    top: int | None = None,
) -> dict[str, list[tuple[int, int]]]:
    """Cumulative adopters per year for several programs, on one year axis.

    Parameters
    ----------
    programs : iterable of str, optional
        Program ids, names, aliases or English names; all programs adopted
        in some year when omitted.
    top : int, optional
        Keep only the ``top`` most adopted programs.

    Returns
    -------
    dict
        Program id -> ``[(year, adopters), ...]`` over the same years (the
        first adoption of any of them to the corpus's last year), most
        adopted first, then earliest, then by id.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Region"); G.add_node("s", label="Region")
    >>> G.add_node("p", label="Program"); G.add_node("q", label="Program")
    >>> for r, p, y in [("r", "p", 2022), ("s", "p", 2023), ("s", "q", 2023)]:
    ...     _ = G.add_edge(r, p, type="IMPLEMENTS", year=y)
    >>> adoption_curves(G)
    {'p': [(2022, 1), (2023, 2)], 'q': [(2022, 0), (2023, 1)]}
    """
    first = first_adoption(G, status)
    wanted = None if programs is None else {resolve_program(G, p) for p in programs}
    by_program: dict[str, list[int]] = {}
    for (_, p), y in first.items():
        if wanted is None or p in wanted:
            by_program.setdefault(p, []).append(y)
    if not by_program:
        return {}
    start = min(min(ys) for ys in by_program.values())
    end = _last_year(G, first) or start
    order = sorted(by_program, key=lambda p: (-len(by_program[p]), min(by_program[p]), p))
    if top is not None:
        order = order[:top]
    return {p: _curve(by_program[p], start, end) for p in order}


def cascades(G: nx.MultiDiGraph, status: Status = "implemented") -> list[dict[str, Any]]:
    """One row per first adoption: ``{"region", "program", "year"}``.

    Rows are sorted by program, then year, then region, so each program's
    rows form one cascade in time order.
    """
    rows = [{"region": r, "program": p, "year": y} for (r, p), y in first_adoption(G, status).items()]
    rows.sort(key=lambda row: (row["program"], row["year"], row["region"]))
    return rows
