"""Shared-initiative networks: who runs the same programs as whom.

Pure functions over the property graph (the ``networkx.MultiDiGraph`` that
:mod:`govkg.kg.store` opens): none of them changes the graph it is given, and
the same graph always gives the same answer (nodes and edges are added in
sorted order; Louvain runs on a sorted copy with a fixed seed).

The starting point is the bipartite graph of regions and the programs they
run (:func:`region_program_graph`). Its two one-mode projections are the
region network (:func:`project_regions`: regions linked by the programs they
share) and the program co-adoption network (:func:`program_coadoption`).
Implemented and planned programs are kept apart: ``status`` picks
``"implemented"`` (IMPLEMENTS edges), ``"planned"`` (PLANS) or ``"any"``.

The package's modules: :mod:`~govkg.kg.analysis.bipartite` (the region–program
graph), :mod:`~govkg.kg.analysis.projection` (projections, similarity,
communities), :mod:`~govkg.kg.analysis.diffusion` (first adoptions, adoption
curves, cascades), :mod:`~govkg.kg.analysis.geography` (adoption by county, the
neighbour statistic), :mod:`~govkg.kg.analysis.lookup` (names to ids) and
:mod:`~govkg.kg.analysis.networks` (the networks ``kg export`` writes). Their
public functions are gathered here, so a notebook needs one import.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for rid, name in [("r:a", "甲县"), ("r:b", "乙县"), ("r:c", "丙县")]:
...     G.add_node(rid, label="Region", name=name)
>>> for pid, name in [("p:pufa", "八五普法"), ("p:mbr", "法律明白人")]:
...     G.add_node(pid, label="Program", name=name)
>>> for r, p, year in [("r:a", "p:pufa", 2022), ("r:b", "p:pufa", 2023), ("r:c", "p:pufa", 2023),
...                    ("r:a", "p:mbr", 2023), ("r:b", "p:mbr", 2023)]:
...     _ = G.add_edge(r, p, type="IMPLEMENTS", year=year, report=f"rep:{r}", evidence="……")
>>> H = project_regions(G, weight="shared")
>>> sorted(H.edges(data="weight"))
[('r:a', 'r:b', 2), ('r:a', 'r:c', 1), ('r:b', 'r:c', 1)]
>>> H.edges["r:a", "r:b"]["shared"]
['p:mbr', 'p:pufa']
>>> [row["region"] for row in similar_regions(G, "甲县", k=2)]
['r:b', 'r:c']
"""
from __future__ import annotations

from govkg.kg.analysis.bipartite import (
    STATUS_TYPES,
    WEIGHTS,
    Status,
    Weight,
    adoption_edges,
    program_adopters,
    region_program_graph,
)
from govkg.kg.analysis.diffusion import adoption_curve, adoption_curves, cascades, first_adoption
from govkg.kg.analysis.geography import (
    CASCADE_COLUMNS,
    cascade_table,
    county_adjacency,
    county_adoption,
    county_of,
    earlier_neighbours,
    neighbour_statistic,
    spatial_cascades,
)
from govkg.kg.analysis.lookup import AmbiguousError, NotFoundError, display_name, resolve_program, resolve_region
from govkg.kg.analysis.networks import NETWORKS, network_for_export
from govkg.kg.analysis.projection import (
    communities,
    program_coadoption,
    project_regions,
    region_neighbourhood,
    similar_regions,
)

__all__ = [
    "CASCADE_COLUMNS",
    "NETWORKS",
    "STATUS_TYPES",
    "WEIGHTS",
    "Status",
    "Weight",
    "AmbiguousError",
    "NotFoundError",
    "adoption_curve",
    "adoption_curves",
    "adoption_edges",
    "cascade_table",
    "cascades",
    "communities",
    "county_adjacency",
    "county_adoption",
    "county_of",
    "display_name",
    "earlier_neighbours",
    "first_adoption",
    "neighbour_statistic",
    "network_for_export",
    "program_adopters",
    "program_coadoption",
    "project_regions",
    "region_neighbourhood",
    "region_program_graph",
    "resolve_program",
    "resolve_region",
    "similar_regions",
    "spatial_cascades",
]
