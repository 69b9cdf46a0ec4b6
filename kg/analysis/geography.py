"""Programs on the map: adoption by county, and whether neighbours follow neighbours.

:func:`county_adoption` folds a program's adoption edges onto county-level
divisions (townships and villages count toward the county they are
``PART_OF``), one plain row per county, which the map view draws.
:func:`neighbour_statistic` asks whether adopters tend to follow an adjacent
county that adopted earlier, against a seeded permutation of the adoption
years; :func:`spatial_cascades` gives the cascade rows with that count per
adoption, for spatial diffusion models. Adjacency (which counties share a
border) comes from ``schema/boundaries.json``, where ``make boundaries``
computed it once.

All functions are pure: the graph is never changed.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("c", label="Region", level="county", adcode="410421", name="宝丰县")
>>> G.add_node("t", label="Region", level="township", name="李庄乡")
>>> _ = G.add_edge("t", "c", type="PART_OF")
>>> G.add_node("p", label="Program", name="法律明白人")
>>> G.add_node("rep", label="Report", file="baofeng.txt", year=2024)
>>> _ = G.add_edge("t", "p", type="IMPLEMENTS", report="rep", year=2024, evidence="李庄乡培育法律明白人。")
>>> [(r["adcode"], r["status"], r["since"], r["townships"]) for r in county_adoption(G, "法律明白人") if r["placed"]]
[('410421', 'implemented', 2024, ['李庄乡'])]
"""
from __future__ import annotations

from typing import Any, Mapping

import networkx as nx
import numpy as np
from govkg.kg.analysis.bipartite import Status, region_program_graph
from govkg.kg.analysis.lookup import resolve_program
from govkg.schema.boundaries import load_boundaries

__all__ = ["county_of", "county_adoption", "neighbour_statistic", "earlier_neighbours", "spatial_cascades",
           "county_adjacency", "cascade_table", "CASCADE_COLUMNS"]

#: Columns of :func:`cascade_table` (and of ``kg export --format cascades``), in order.
CASCADE_COLUMNS: tuple[str, ...] = ("program", "program_name", "adcode", "county", "year", "earlier_neighbours",
                                    "neighbours", "adopters", "followers", "expected", "p_value", "permutations", "seed")

_BELOW_COUNTY = ("township", "village")


def county_of(G: nx.MultiDiGraph, region: str) -> str | None:
    """The county-level Region ``region`` lies in (itself for a county), by ``PART_OF``; None above county level.

    A county-level city without counties (东莞市, level ``city``) counts as a
    county when the boundaries draw it.
    """
    counties = load_boundaries()["counties"]
    seen = set()
    node = region
    while node is not None and node not in seen:
        seen.add(node)
        d = G.nodes[node]
        if d.get("level") == "county" or (d.get("adcode") and d.get("adcode") in counties):
            return node
        if d.get("level") not in _BELOW_COUNTY:
            return None
        parents = sorted(v for _, v, e in G.out_edges(node, data=True)
                         if e.get("type") == "PART_OF" and G.nodes[v].get("label") == "Region")
        node = parents[0] if len(parents) == 1 else None  # an ambiguous township has no single county
    return None


def _county_row(G: nx.MultiDiGraph, cid: str, placed: bool) -> dict[str, Any]:
    d = G.nodes[cid]
    adcode = str(d.get("adcode") or "")
    return {"region": cid, "adcode": adcode, "name": d.get("name") or cid, "province": d.get("province") or "",
            "placed": placed, "level": d.get("level") or "",
            "status": None, "since": None, "planned_since": None, "programs": [], "townships": [], "evidence": []}


def county_adoption(G: nx.MultiDiGraph, program: str | None = None, status: Status = "any") -> list[dict[str, Any]]:
    """One row per county-level division with adoption, sorted by adcode.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    program : str, optional
        Id, name, alias or English name. Without it, rows count the programs
        each county implements.
    status : {"implemented", "planned", "any"}
        Which adoption edges are read (``"any"``: plans are kept as such).

    Returns
    -------
    list of dict
        ``{region, adcode, name, province, placed, level, status, since,
        planned_since, programs, townships, evidence}``: ``placed`` is false
        for a region that lies in no single county (a city, a province, a
        development zone, an ambiguous township), which keeps its own row so
        that a map can list what it cannot draw; ``status`` is ``"implemented"`` when
        any report says so, else ``"planned"``; ``since`` the first year it
        was implemented; ``programs`` the implemented program ids (the one
        program, or all); ``townships`` the names of the townships and
        villages whose reports count toward the county; ``evidence`` the
        ``{report, file, year, status, text, region}`` quotes, sorted.

    Raises
    ------
    govkg.kg.analysis.lookup.NotFoundError
        If ``program`` names no program.
    """
    pid = resolve_program(G, program) if program is not None else None
    B = region_program_graph(G, status)
    rows: dict[str, dict[str, Any]] = {}
    for r, p in sorted((r, p) if B.nodes[r].get("bipartite") == 0 else (p, r) for r, p in B.edges()):
        if pid is not None and p != pid:
            continue
        cid = county_of(G, r)
        placed = cid is not None
        if cid is None:  # a city, zone or ambiguous township: kept as its own row, so a map can list it
            cid = r
        row = rows.setdefault(cid, _county_row(G, cid, placed))
        e = B.edges[r, p]
        if r != cid:
            name = str(G.nodes[r].get("name") or r)
            if name not in row["townships"]:
                row["townships"].append(name)
        for item in e["evidence"]:
            row["evidence"].append({**item, "region": str(G.nodes[r].get("name") or r)})
            year = item["year"]
            if item["status"] == "implemented":
                row["status"] = "implemented"
                if p not in row["programs"]:
                    row["programs"].append(p)
                if year is not None and (row["since"] is None or year < row["since"]):
                    row["since"] = year
            else:
                row["status"] = row["status"] or "planned"
                if year is not None and (row["planned_since"] is None or year < row["planned_since"]):
                    row["planned_since"] = year
    out = []
    for cid in sorted(rows, key=lambda c: (not rows[c]["placed"], rows[c]["adcode"], c)):
        row = rows[cid]
        row["programs"].sort()
        row["townships"].sort()
        row["evidence"].sort(key=lambda x: (x["status"] != "implemented", x["year"] or 0, str(x["file"] or ""),
                                            str(x["text"] or "")))
        out.append(row)
    return out


def county_adjacency() -> dict[str, list[str]]:
    """Adcode -> adcodes of the counties sharing a border, from ``schema/boundaries.json``."""
    return {code: list(near) for code, near in load_boundaries()["adjacency"].items()}


def earlier_neighbours(first_year: Mapping[str, int], adjacency: Mapping[str, list[str]]) -> dict[str, int]:
    """For each adopter, how many adjacent adopters adopted strictly earlier.

    >>> earlier_neighbours({"a": 2020, "b": 2021, "c": 2021}, {"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    {'a': 0, 'b': 1, 'c': 0}
    """
    return {c: sum(1 for n in adjacency.get(c, ()) if n in first_year and first_year[n] < y)
            for c, y in sorted(first_year.items())}


def neighbour_statistic(
    first_year: Mapping[str, int],
    adjacency: Mapping[str, list[str]],
    *,
    permutations: int = 999,
    seed: int = 0,
) -> dict[str, Any]:
    """Do adopters follow an adjacent county that adopted earlier more often than chance?

    The statistic is the number of adopters with at least one adjacent
    adopter whose year is earlier. Chance is a permutation test: the same
    adopters keep their places and the years are shuffled among them
    (``permutations`` times, with a seeded generator, so the answer repeats).

    Parameters
    ----------
    first_year : mapping
        Adopter (an adcode) -> first year.
    adjacency : mapping
        Adcode -> adjacent adcodes (:func:`county_adjacency`).
    permutations : int
        Shuffles of the years.
    seed : int
        Seed of the shuffles.

    Returns
    -------
    dict
        ``{adopters, followers, expected, p_value, permutations, seed}``:
        ``expected`` is the mean under shuffling and ``p_value`` the one-sided
        ``(1 + shuffles at least as high) / (1 + permutations)``.

    Examples
    --------
    A row of eight counties adopting one after another, west to east:

    >>> adj = {str(i): [str(j) for j in (i - 1, i + 1) if 0 <= j < 8] for i in range(8)}
    >>> result = neighbour_statistic({str(i): 2016 + i for i in range(8)}, adj, permutations=199)
    >>> result["followers"], result["expected"] < 7, result["p_value"] < 0.05
    (7, True, True)
    """
    if permutations < 1:
        raise ValueError("permutations must be at least 1")
    adopters = sorted(first_year)
    index = {c: i for i, c in enumerate(adopters)}
    # Ordered pairs (adopter, adjacent adopter): all permutations are counted at once over these.
    pairs = [(index[c], index[n]) for c in adopters for n in adjacency.get(c, ()) if n in index and n != c]
    years = np.array([first_year[c] for c in adopters], dtype=np.int64)
    rng = np.random.default_rng(seed)
    shuffled = rng.permuted(np.tile(years, (permutations, 1)), axis=1)
    counts = np.vstack([years[None, :], shuffled])
    if pairs:
        i, j = np.array(pairs).T
        earlier = np.zeros((len(adopters), permutations + 1), dtype=np.int64)
        np.add.at(earlier, i, (counts[:, j] < counts[:, i]).T)
        followers = (earlier > 0).sum(axis=0)
    else:
        followers = np.zeros(permutations + 1, dtype=np.int64)
    observed, null = int(followers[0]), followers[1:]
    return {"adopters": len(adopters), "followers": observed, "expected": round(float(null.mean()), 3),
            "p_value": round(float((1 + (null >= observed).sum()) / (1 + permutations)), 4),
            "permutations": permutations, "seed": seed}


def spatial_cascades(G: nx.MultiDiGraph, status: Status = "implemented") -> list[dict[str, Any]]:
    """Cascade rows on counties: ``{program, adcode, name, year, earlier_neighbours}``.

    One row per county's first adoption of each program (townships counted
    toward their county), sorted by program, year, adcode, with the number
    of adjacent counties that adopted the program earlier: the table spatial
    diffusion models read.
    """
    adjacency = county_adjacency()
    rows = []
    for pid in sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Program"):
        counties = county_adoption(G, pid, status)
        first = {r["adcode"]: r["since"] for r in counties if r["since"] is not None and r["placed"] and r["adcode"]}
        names = {r["adcode"]: r["name"] for r in counties}
        for code, k in earlier_neighbours(first, adjacency).items():
            rows.append({"program": pid, "adcode": code, "name": names[code], "year": first[code], "earlier_neighbours": k})
    rows.sort(key=lambda r: (r["program"], r["year"], r["adcode"]))
    return rows


def cascade_table(G: nx.MultiDiGraph, status: Status = "implemented", *, permutations: int = 999,
                  seed: int = 0) -> list[dict[str, Any]]:
    """:func:`spatial_cascades` with each program's :func:`neighbour_statistic` on every row of it.

    Rows have the keys of :data:`CASCADE_COLUMNS`: the county's adjacent
    counties (``neighbours``, adcodes joined by ``;``) and how many adopted
    earlier, then the program's ``adopters``, ``followers``, ``expected`` and
    ``p_value``, so a spatial diffusion model reads one table.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", label="Program", name="法律明白人")
    >>> for code, year in [("410421", 2022), ("410425", 2023)]:  # 宝丰县, then 郏县 beside it
    ...     G.add_node(code, label="Region", level="county", adcode=code, name=code)
    ...     _ = G.add_edge(code, "p", type="IMPLEMENTS", year=year)
    >>> [(r["adcode"], r["year"], r["earlier_neighbours"], r["followers"]) for r in cascade_table(G, permutations=9)]
    [('410421', 2022, 0, 1), ('410425', 2023, 1, 1)]
    """
    adjacency = county_adjacency()
    names = {n: str(d.get("name") or n) for n, d in G.nodes(data=True) if d.get("label") == "Program"}
    rows = spatial_cascades(G, status)
    stats = {}
    for pid in sorted({r["program"] for r in rows}):
        first = {r["adcode"]: r["year"] for r in rows if r["program"] == pid}
        stats[pid] = neighbour_statistic(first, adjacency, permutations=permutations, seed=seed)
    return [{"program": r["program"], "program_name": names.get(r["program"], r["program"]), "adcode": r["adcode"],
             "county": r["name"], "year": r["year"], "earlier_neighbours": r["earlier_neighbours"],
             "neighbours": ";".join(adjacency.get(r["adcode"], [])),
             **{k: stats[r["program"]][k] for k in ("adopters", "followers", "expected", "p_value", "permutations", "seed")}}
            for r in rows]
