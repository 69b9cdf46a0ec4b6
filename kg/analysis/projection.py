"""One-mode projections: regions linked by shared programs, and the reverse.

:func:`project_regions` links two regions by the programs both run,
:func:`program_coadoption` links two programs by the regions running both.
Weights (:data:`govkg.kg.analysis.bipartite.WEIGHTS`) are computed a block of rows at
a time as matrix products, and ``top_k`` / ``min_weight`` prune while
computing, so a program that all 3,000 regions run does not become 4.5
million Python edges. :func:`communities` finds Louvain communities with a
fixed seed; :func:`similar_regions` ranks one region's peers.

Examples
--------
>>> G = nx.MultiDiGraph()
>>> for r in ("a", "b", "c"):
...     G.add_node(r, label="Region", name=r)
>>> G.add_node("p", label="Program", name="述法")
>>> for r in ("a", "b", "c"):
...     _ = G.add_edge(r, "p", type="IMPLEMENTS")
>>> H = project_regions(G, top_k=1)
>>> sorted(H.edges()), H.graph["pairs_total"], H.graph["edges_kept"]
([('a', 'b'), ('a', 'c')], 3, 2)
"""
from __future__ import annotations

import copy
from typing import Any

import networkx as nx
import numpy as np
from govkg.kg.analysis.bipartite import Status, Weight, _check, region_program_graph
from govkg.kg.analysis.lookup import resolve_region

__all__ = [
    "project_regions",
    "program_coadoption",
    "similar_regions",
    "communities",
    "region_neighbourhood",
]


def _copy_attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) if isinstance(v, (list, dict, set)) else v for k, v in data.items()}


def _idf(n_rows: int, df: np.ndarray) -> np.ndarray:
    return np.log((1 + n_rows) / (1 + df)) + 1.0


def _weigh(weight: str, shared: list[str], size_u: int, size_v: int, col_w: dict[str, float]) -> float:
    if weight == "shared":
        return len(shared)
    if weight == "jaccard":
        return round(len(shared) / (size_u + size_v - len(shared)), 10)
    if weight == "overlap":
        return round(len(shared) / min(size_u, size_v), 10)
    return round(sum(col_w[c] for c in shared), 10)


def _since(first: dict[tuple[str, str], int | None], u: str, v: str, shared: list[str]) -> int | None:
    """The first year both ``u`` and ``v`` ran one of ``shared``."""
    years = [max(a, b) for a, b in ((first[u, c], first[v, c]) for c in shared) if a is not None and b is not None]
    return min(years) if years else None


def _project(B: nx.Graph, side: int, weight: str, top_k: int | None, min_weight: float | None) -> nx.Graph:
    """Project ``B`` onto its ``side`` with a weighted, optionally pruned, edge set.

    Scores are computed a block of rows at a time as matrix products, so a
    program every region runs does not turn into millions of Python pairs.
    """
    _check("any", weight)
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}")
    rows = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == side)
    cols = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] != side)
    col_index = {c: j for j, c in enumerate(cols)}
    M = np.zeros((len(rows), len(cols)))
    for i, r in enumerate(rows):
        for c in B[r]:
            M[i, col_index[c]] = 1.0
    size = M.sum(axis=1)
    n = len(rows)
    col_w = _idf(n, M.sum(axis=0)) if weight == "idf" else np.ones(len(cols))
    Mw = M * col_w
    keep: set[tuple[int, int]] = set()
    pairs_total = 0
    block = max(1, min(n, 2_000_000 // max(n, 1)))
    for a in range(0, n, block):
        b = min(n, a + block)
        inter = M[a:b] @ M.T
        idx = np.arange(a, b)
        inter[idx - a, idx] = 0.0  # no self-loops
        if weight == "shared":
            score = inter
        elif weight == "jaccard":
            score = inter / np.maximum(size[a:b, None] + size[None, :] - inter, 1.0)
        elif weight == "overlap":
            score = inter / np.maximum(np.minimum(size[a:b, None], size[None, :]), 1.0)
        else:
            score = Mw[a:b] @ M.T
        score = np.round(score, 10)  # BLAS summation order must not decide ties
        cand = inter > 0
        pairs_total += int(np.count_nonzero(np.triu(cand, k=a + 1)))
        if min_weight is not None:
            cand &= score >= min_weight
        for i in range(b - a):
            js = np.nonzero(cand[i])[0]
            if top_k is not None and len(js) > top_k:
                js = js[np.lexsort((js, -score[i, js]))][:top_k]
            keep.update((min(a + i, int(j)), max(a + i, int(j))) for j in js)
    P = nx.Graph()
    P.graph.update(weight=weight, status=B.graph.get("status"), top_k=top_k, min_weight=min_weight,
                   pairs_total=pairs_total)
    for r in rows:
        attrs = _copy_attrs(B.nodes[r])
        attrs.pop("bipartite", None)
        attrs["members"] = sorted(B[r])
        P.add_node(r, **attrs)
    sets = {r: set(B[r]) for r in rows}
    weights = {c: float(col_w[j]) for c, j in col_index.items()}
    first = {(r, c): d["since"] for r in rows for c, d in B[r].items()}
    for i, j in sorted(keep):
        u, v = rows[i], rows[j]
        shared = sorted(sets[u] & sets[v])
        P.add_edge(u, v, weight=_weigh(weight, shared, len(sets[u]), len(sets[v]), weights), shared=shared,
                   n_shared=len(shared), since=_since(first, u, v, shared))
    P.graph["edges_kept"] = P.number_of_edges()
    P.graph["via"] = {c: {k: B.nodes[c].get(k) for k in ("label", "name", "name_en")} for c in cols}
    return P


def project_regions(
    G: nx.MultiDiGraph,
    weight: Weight = "shared",
    status: Status = "implemented",
    top_k: int | None = None,
    min_weight: float | None = None,
) -> nx.Graph:
    """Regions linked by the programs they share.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    weight : {"shared", "jaccard", "overlap", "idf"}
        How to weigh a link; see :data:`WEIGHTS`.
    status : {"implemented", "planned", "any"}
        Which adoption edges count.
    top_k : int, optional
        Keep, for each region, only its ``top_k`` strongest links (ties broken
        by id); a link survives if either end keeps it.
    min_weight : float, optional
        Drop links lighter than this.

    Returns
    -------
    networkx.Graph
        Every region that runs a program, with its properties, ``members``
        (its program ids) and ``since``; edges carry ``weight``, ``shared``
        (sorted program ids), ``n_shared`` and ``since`` (the first year both
        ran a shared program). ``graph`` records ``weight``, ``status``,
        ``top_k``, ``min_weight``, ``pairs_total`` (linked pairs before
        pruning), ``edges_kept`` and ``via`` (names of the programs).

    Raises
    ------
    ValueError
        If ``weight`` or ``status`` is unknown or ``top_k`` < 1.

    Examples
    --------
    A program every region runs counts for less under ``idf``:

    >>> G = nx.MultiDiGraph()
    >>> for r in "abc":
    ...     G.add_node(r, label="Region", name=r)
    >>> G.add_node("common", label="Program", name="八五普法"); G.add_node("rare", label="Program", name="微宣讲")
    >>> for r, p in [("a", "common"), ("b", "common"), ("c", "common"), ("a", "rare"), ("b", "rare")]:
    ...     _ = G.add_edge(r, p, type="IMPLEMENTS")
    >>> H = project_regions(G, weight="idf")
    >>> H.edges["a", "b"]["weight"], H.edges["a", "c"]["weight"]
    (2.2876820725, 1.0)
    >>> project_regions(G, top_k=1).number_of_edges()
    2
    """
    _check(status, weight)
    return _project(region_program_graph(G, status), 0, weight, top_k, min_weight)


def program_coadoption(
    G: nx.MultiDiGraph,
    weight: Weight = "shared",
    status: Status = "implemented",
    top_k: int | None = None,
    min_weight: float | None = None,
) -> nx.Graph:
    """Programs linked by the regions that run both.

    The mirror of :func:`project_regions`: nodes are programs (with
    ``members``: their adopting regions), edges carry ``weight``, ``shared``
    (the region ids running both), ``n_shared`` and ``since``; ``idf`` gives a
    region that runs few programs more say.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("r1", label="Region"); G.add_node("r2", label="Region")
    >>> for p in ("p1", "p2", "p3"):
    ...     G.add_node(p, label="Program")
    >>> for r, p in [("r1", "p1"), ("r1", "p2"), ("r2", "p2"), ("r2", "p3")]:
    ...     _ = G.add_edge(r, p, type="IMPLEMENTS")
    >>> H = program_coadoption(G)
    >>> sorted(H.edges(data="shared"))
    [('p1', 'p2', ['r1']), ('p2', 'p3', ['r2'])]
    """
    _check(status, weight)
    return _project(region_program_graph(G, status), 1, weight, top_k, min_weight)


def similar_regions(
    G: nx.MultiDiGraph,
    region: str,
    k: int = 10,
    weight: Weight = "jaccard",
    status: Status = "implemented",
) -> list[dict[str, Any]]:
    """The ``k`` regions most like ``region``, with the programs behind each score.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    region : str
        Region id or name (see :func:`govkg.kg.analysis.lookup.resolve_region`).
    k : int
        How many regions to return.
    weight, status
        As in :func:`project_regions`.

    Returns
    -------
    list of dict
        Best first (ties by id): ``region`` (id), ``name``, ``province``,
        ``level``, ``score``, ``n_shared``, ``shared`` (program ids) and
        ``shared_names`` (their Chinese names).

    Raises
    ------
    govkg.kg.analysis.lookup.NotFoundError, govkg.kg.analysis.lookup.AmbiguousError
        If ``region`` names no region, or several.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for r in ("a", "b", "c"):
    ...     G.add_node(r, label="Region", name=r + "县")
    >>> G.add_node("p", label="Program", name="述法"); G.add_node("q", label="Program", name="法律明白人")
    >>> for r, p in [("a", "p"), ("a", "q"), ("b", "p"), ("b", "q"), ("c", "p")]:
    ...     _ = G.add_edge(r, p, type="IMPLEMENTS")
    >>> [(row["region"], row["score"], row["shared_names"]) for row in similar_regions(G, "a县")]
    [('b', 1.0, ['述法', '法律明白人']), ('c', 0.5, ['述法'])]
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    rid = resolve_region(G, region)
    B = region_program_graph(G, status)
    if rid not in B:
        return []
    regions = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    idf = {p: float(_idf(len(regions), np.array(B.degree(p)))) for p in B[rid]}
    mine = set(B[rid])
    rows = []
    for other in sorted({r for p in mine for r in B[p]} - {rid}):
        shared = sorted(mine & set(B[other]))
        d = G.nodes[other]
        rows.append({
            "region": other, "name": d.get("name"), "province": d.get("province"), "level": d.get("level"),
            "score": _weigh(weight, shared, len(mine), B.degree(other), idf), "n_shared": len(shared),
            "shared": shared, "shared_names": [G.nodes[p].get("name") or p for p in shared],
        })
    rows.sort(key=lambda row: (-row["score"], row["region"]))
    return rows[:k]


def communities(H: nx.Graph, seed: int = 0, weight: str = "weight", resolution: float = 1.0) -> dict[str, int]:
    """Louvain communities of ``H``, numbered by size.

    Parameters
    ----------
    H : networkx.Graph
        A projection (or any graph); edge attribute ``weight`` is used when present.
    seed : int
        Louvain's random seed: the same graph and seed give the same answer,
        whatever order the graph was built in.
    weight : str
        Edge attribute holding the weight.
    resolution : float
        Above 1 favours smaller communities.

    Returns
    -------
    dict
        Node id -> community number; 0 is the largest community, ties broken
        by the smallest member id. Isolated nodes get communities of their own.

    Examples
    --------
    >>> H = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("c", "x")])
    >>> communities(H)
    {'a': 0, 'b': 0, 'c': 0, 'x': 1, 'y': 1}
    """
    K = nx.Graph()
    K.add_nodes_from(sorted(H, key=str))
    K.add_weighted_edges_from(sorted(
        (min(u, v, key=str), max(u, v, key=str), float(d.get(weight, 1.0))) for u, v, d in H.edges(data=True)
    ))
    parts = nx.community.louvain_communities(K, weight="weight", resolution=resolution, seed=seed)
    ordered = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    return {n: i for i, part in enumerate(ordered) for n in part}

def region_neighbourhood(
    G: nx.MultiDiGraph,
    region: str,
    k: int = 10,
    weight: Weight = "jaccard",
    status: Status = "any",
) -> nx.Graph:
    """A region, its programs, and its ``k`` most similar regions with what they share.

    Nodes are the focus region, its programs and the similar regions;
    region–program edges are those of :func:`region_program_graph` among
    them (only the focus region's programs), and each similar region has an
    edge to the focus with ``kind="similar"``, ``weight`` and ``shared``.
    ``graph`` has ``focus``, ``weight`` and ``status``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for r in ("a", "b"):
    ...     G.add_node(r, label="Region", name=r)
    >>> G.add_node("p", label="Program", name="述法")
    >>> for r in ("a", "b"):
    ...     _ = G.add_edge(r, "p", type="IMPLEMENTS")
    >>> N = region_neighbourhood(G, "a")
    >>> sorted(N.edges(data="kind"))
    [('a', 'b', 'similar'), ('a', 'p', 'adopts'), ('b', 'p', 'adopts')]
    """
    rid = resolve_region(G, region)
    B = region_program_graph(G, status)
    N = nx.Graph()
    N.graph.update(B.graph, focus=rid, weight=weight)
    if rid not in B:
        N.add_node(rid, **_copy_attrs(G.nodes[rid]), bipartite=0, since=None, degree=0)
        return N
    N.add_node(rid, **_copy_attrs(B.nodes[rid]))
    programs = sorted(B[rid])
    similar = similar_regions(G, rid, k=k, weight=weight, status=status)
    for row in similar:
        N.add_node(row["region"], **_copy_attrs(B.nodes[row["region"]]))
    for p in programs:
        N.add_node(p, **_copy_attrs(B.nodes[p]))
    for r in [rid] + [row["region"] for row in similar]:
        for p in programs:
            if B.has_edge(r, p):
                N.add_edge(r, p, kind="adopts", **_copy_attrs(B.edges[r, p]))
    for row in similar:
        N.add_edge(rid, row["region"], kind="similar", weight=row["score"], shared=row["shared"],
                   n_shared=row["n_shared"])
    return N
