"""The bipartite graph of regions and the programs they run.

Everything else in the analysis starts here: :func:`region_program_graph`
collapses the property graph's IMPLEMENTS / PLANS edges (one per report) into
one edge per region–program pair that keeps the years, the reports and the
evidence sentences. Implemented and planned programs are kept apart:
``status`` picks ``"implemented"``, ``"planned"`` or ``"any"``.

Functions here are pure: they never change the graph they are given.

Examples
--------
>>> G = nx.MultiDiGraph()
>>> G.add_node("r", label="Region", name="博爱县"); G.add_node("p", label="Program", name="府院联动")
>>> _ = G.add_edge("r", "p", type="PLANS", year=2023)
>>> region_program_graph(G).number_of_edges(), region_program_graph(G, "planned").number_of_edges()
(0, 1)
"""
from __future__ import annotations

import copy
from typing import Any, Iterator, Literal

import networkx as nx
from govkg.kg.analysis.lookup import resolve_program

__all__ = [
    "STATUS_TYPES",
    "WEIGHTS",
    "Status",
    "Weight",
    "adoption_edges",
    "region_program_graph",
    "program_adopters",
]

Status = Literal["implemented", "planned", "any"]
Weight = Literal["shared", "jaccard", "overlap", "idf"]

#: Which relationship types each ``status`` reads.
STATUS_TYPES: dict[str, tuple[str, ...]] = {
    "implemented": ("IMPLEMENTS",),
    "planned": ("PLANS",),
    "any": ("IMPLEMENTS", "PLANS"),
}
_STATUS_OF_TYPE = {"IMPLEMENTS": "implemented", "PLANS": "planned"}

#: Edge weights of the projections. ``shared``: programs in common;
#: ``jaccard``: shared / programs of either; ``overlap``: shared / programs of
#: the smaller; ``idf``: the sum, over shared programs, of
#: ``log((1 + n) / (1 + adopters)) + 1`` (n = regions in the network), so a
#: rare program counts for more than one every region runs.
WEIGHTS: tuple[str, ...] = ("shared", "jaccard", "overlap", "idf")


def _check(status: str, weight: str | None = None) -> None:
    if status not in STATUS_TYPES:
        raise ValueError(f"status must be one of {sorted(STATUS_TYPES)}, not {status!r}")
    if weight is not None and weight not in WEIGHTS:
        raise ValueError(f"weight must be one of {list(WEIGHTS)}, not {weight!r}")


def _edge_year(G: nx.Graph, data: dict[str, Any]) -> int | None:
    year = data.get("year")
    if year is None and data.get("report") in G:
        year = G.nodes[data["report"]].get("year")
    return None if year is None else int(year)


def adoption_edges(
    G: nx.MultiDiGraph, status: Status = "implemented"
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(region, program, status, edge data)`` for each adoption edge, sorted.

    Edges are IMPLEMENTS / PLANS edges from a Region to a Program; ``status``
    says which. Edge data gains ``year`` from its Report when it has none.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Region"); G.add_node("p", label="Program"); G.add_node("rep", label="Report", year=2021)
    >>> _ = G.add_edge("r", "p", type="PLANS", report="rep")
    >>> [(r, p, s, d["year"]) for r, p, s, d in adoption_edges(G, "any")]
    [('r', 'p', 'planned', 2021)]
    """
    _check(status)
    wanted = set(STATUS_TYPES[status])
    found = []
    for u, v, data in G.edges(data=True):
        if data.get("type") not in wanted:
            continue
        if G.nodes[u].get("label") != "Region" or G.nodes[v].get("label") != "Program":
            continue
        d = dict(data)
        d["year"] = _edge_year(G, data)
        found.append((str(u), str(v), _STATUS_OF_TYPE[data["type"]], d))
    found.sort(key=lambda t: (t[0], t[1], t[2], t[3]["year"] or 0, str(t[3].get("report")),
                              t[3].get("char_start") or 0))
    yield from found


def _copy_attrs(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of node or edge properties that shares no list or dict with the original."""
    return {k: copy.deepcopy(v) if isinstance(v, (list, dict, set)) else v for k, v in data.items()}


def region_program_graph(G: nx.MultiDiGraph, status: Status = "implemented") -> nx.Graph:
    """The bipartite graph of regions and the programs they run.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    status : {"implemented", "planned", "any"}
        Which adoption edges to read.

    Returns
    -------
    networkx.Graph
        Regions (``bipartite=0``) and programs (``bipartite=1``) joined by at
        least one adoption edge, with their properties copied from ``G``, plus
        ``since`` (first year, or None) and ``degree``. One edge per
        region–program pair with ``years`` and ``reports`` (sorted lists),
        ``statuses``, ``since`` and ``evidence``: a list of
        ``{report, file, year, status, text, surface}`` dicts, one per
        supporting edge of ``G``, sorted. ``graph["status"]`` records the
        choice.

    Raises
    ------
    ValueError
        If ``status`` is unknown.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Region", name="甲县"); G.add_node("p", label="Program", name="述法")
    >>> G.add_node("rep1", label="Report", file="a.txt", year=2022)
    >>> _ = G.add_edge("r", "p", type="IMPLEMENTS", report="rep1", year=2022, evidence="开展述法。")
    >>> _ = G.add_edge("r", "p", type="PLANS", report="rep1", year=2022, evidence="深化述法。")
    >>> B = region_program_graph(G)
    >>> B.edges["r", "p"]["years"], [e["text"] for e in B.edges["r", "p"]["evidence"]]
    ([2022], ['开展述法。'])
    >>> region_program_graph(G, "any").edges["r", "p"]["statuses"]
    ['implemented', 'planned']
    """
    _check(status)
    wanted = {t: _STATUS_OF_TYPE[t] for t in STATUS_TYPES[status]}
    nodes = G.nodes
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in G.edges(data=True):
        st = wanted.get(d.get("type"))
        if st is None or nodes[u].get("label") != "Region" or nodes[v].get("label") != "Program":
            continue
        e = pairs.get((u, v))
        if e is None:
            e = pairs[(u, v)] = {"years": set(), "reports": set(), "statuses": set(), "evidence": {}}
        year = _edge_year(G, d)
        report = d.get("report")
        if year is not None:
            e["years"].add(year)
        if report is not None:
            e["reports"].add(str(report))
        e["statuses"].add(st)
        text, surface = d.get("evidence"), d.get("surface")
        # Keyed for order and to drop duplicates: the same sentence read twice is one piece of evidence.
        key = (year or 0, "" if report is None else str(report), st, "" if text is None else str(text),
               "" if surface is None else str(surface))
        if key not in e["evidence"]:
            e["evidence"][key] = {"report": report, "file": nodes[report].get("file") if report in nodes else None,
                                  "year": year, "status": st, "text": text, "surface": surface}
    B = nx.Graph(status=status)
    regions = sorted({r for r, _ in pairs})
    programs = sorted({p for _, p in pairs})
    for side, nodes in ((0, regions), (1, programs)):
        for n in nodes:
            B.add_node(n, **_copy_attrs(G.nodes[n]), bipartite=side)
    for (r, p), e in sorted(pairs.items()):
        years = sorted(e["years"])
        evidence = [item for _, item in sorted(e["evidence"].items())]
        B.add_edge(r, p, years=years, reports=sorted(e["reports"]), statuses=sorted(e["statuses"]),
                   since=years[0] if years else None, evidence=evidence)
    for n in B:
        years = [B.edges[n, m]["since"] for m in B[n] if B.edges[n, m]["since"] is not None]
        B.nodes[n]["since"] = min(years) if years else None
        B.nodes[n]["degree"] = B.degree(n)
    return B

def program_adopters(G: nx.MultiDiGraph, program: str, status: Status = "any") -> nx.Graph:
    """One program and the regions that run or plan it (a star of the bipartite graph).

    ``program`` is an id, name, alias or English name. Edges keep ``statuses``
    and ``evidence`` so a page can tell implemented from planned; ``graph``
    has ``focus`` (the program id).

    Raises
    ------
    govkg.kg.analysis.lookup.NotFoundError
        If ``program`` names no program.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r", label="Region"); G.add_node("p", label="Program", name="府院联动")
    >>> _ = G.add_edge("r", "p", type="PLANS")
    >>> S = program_adopters(G, "府院联动")
    >>> S.graph["focus"], S.edges["r", "p"]["statuses"]
    ('p', ['planned'])
    """
    pid = resolve_program(G, program)
    B = region_program_graph(G, status)
    S = nx.Graph()
    S.graph.update(B.graph, focus=pid)
    S.add_node(pid, **_copy_attrs(G.nodes[pid]), bipartite=1, since=None, degree=0)
    if pid in B:
        S.add_node(pid, **_copy_attrs(B.nodes[pid]))
        for r in sorted(B[pid]):
            S.add_node(r, **_copy_attrs(B.nodes[r]))
            S.add_edge(r, pid, **_copy_attrs(B.edges[r, pid]))
    return S
