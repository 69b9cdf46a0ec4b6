"""The networks ``kg export --network`` writes: the property graph or one computed from it.

:func:`network_for_export` is the network step of an export, apart from
the writers (:mod:`govkg.kg.export` writes whatever graph it is given):
``regions`` and ``programs`` are the projections with a Louvain
``community`` number on every node, ``bipartite`` the region–program graph.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for r in ("a", "b"):
...     G.add_node(r, label="Region", name=r + "县")
>>> G.add_node("p", label="Program", name="述法")
>>> for r in ("a", "b"):
...     _ = G.add_edge(r, "p", type="IMPLEMENTS", year=2023)
>>> H = network_for_export(G, "regions")
>>> sorted(H.nodes(data="community")), H.edges["a", "b"]["shared"]
([('a', 0), ('b', 0)], ['p'])
>>> network_for_export(G) is G
True
"""
from __future__ import annotations

import networkx as nx
from govkg.kg.analysis.bipartite import Status, Weight, region_program_graph
from govkg.kg.analysis.projection import communities, program_coadoption, project_regions

__all__ = ["NETWORKS", "network_for_export"]

#: What ``kg export --network`` can write: the property graph or a network computed from it.
NETWORKS: tuple[str, ...] = ("property", "regions", "programs", "bipartite")


def network_for_export(
    G: nx.MultiDiGraph,
    network: str = "property",
    weight: Weight = "idf",
    status: Status = "implemented",
    top_k: int | None = None,
    min_weight: float | None = None,
    seed: int = 0,
) -> nx.Graph:
    """``G`` itself, or the network of :mod:`govkg.kg.analysis` a Gephi user wants.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph.
    network : {"property", "regions", "programs", "bipartite"}
        ``property`` is ``G`` itself (not a copy); ``regions`` and
        ``programs`` are the projections (edge ``weight``, ``shared``) with a
        ``community`` number on every node (Louvain, seeded); ``bipartite``
        is the region–program graph.
    weight, status, top_k, min_weight
        As in :func:`govkg.kg.analysis.project_regions` (``status`` also for
        ``bipartite``).
    seed : int
        Louvain's seed.

    Returns
    -------
    networkx.Graph
        The network to write.

    Raises
    ------
    ValueError
        For an unknown ``network``, ``weight`` or ``status``.

    Examples
    --------
    >>> network_for_export(nx.MultiDiGraph(), "agencies")
    Traceback (most recent call last):
    ...
    ValueError: network must be one of ['property', 'regions', 'programs', 'bipartite'], not 'agencies'
    """
    if network == "property":
        return G
    if network == "bipartite":
        return region_program_graph(G, status)
    if network in ("regions", "programs"):
        project = project_regions if network == "regions" else program_coadoption
        H = project(G, weight=weight, status=status, top_k=top_k, min_weight=min_weight)
        for n, c in communities(H, seed=seed).items():
            H.nodes[n]["community"] = c
        return H
    raise ValueError(f"network must be one of {list(NETWORKS)}, not {network!r}")
