"""One call from the property graph to a page: the function behind ``kg viz``.

:func:`view_html` runs the analysis a view needs (:mod:`govkg.kg.analysis`)
and hands the computed network to its renderer (:mod:`govkg.viz.network`,
:mod:`govkg.viz.timeline`), which computes nothing. It lives with the CLI
because it is the one place that joins the two layers: kg does not import
viz, and viz does not import kg. A notebook gets the same page with the
same call, and shows it inline with :func:`govkg.viz.display`.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("r", label="Region", name="博爱县", level="county")
>>> G.add_node("p", label="Program", name="府院联动", name_en="Court-government linkage")
>>> _ = G.add_edge("r", "p", type="PLANS", year=2023)
>>> page = view_html(G, "program", program="府院联动", lang="en")
>>> "Regions running Court-government linkage" in page
True
>>> view_html(G, "program")
Traceback (most recent call last):
...
ValueError: the program view needs a program (an id, name, alias or English name)
"""
from __future__ import annotations

from typing import Literal

import networkx as nx
from govkg.kg import analysis
from govkg.viz import VIEWS
from govkg.viz.map import find_province, map_html
from govkg.viz.network import bipartite_html, program_html, region_html, regions_html
from govkg.viz.timeline import timeline_html

__all__ = ["VIEWS", "DEFAULT_STATUS", "view_html"]

#: Status each view reads when none is given: one program's or one region's
#: page shows plans too (dashed); the networks and curves count what was done.
DEFAULT_STATUS: dict[str, str] = {
    "regions": "implemented", "bipartite": "implemented", "program": "any", "region": "any", "timeline": "implemented",
    "map": "any",
}


def view_html(
    G: nx.MultiDiGraph,
    view: str = "regions",
    *,
    program: str | None = None,
    region: str | None = None,
    weight: analysis.Weight = "idf",
    status: analysis.Status | None = None,
    top_k: int | None = 5,
    min_weight: float | None = None,
    k: int = 10,
    color_by: Literal["community", "province"] = "community",
    lang: Literal["zh", "en"] = "zh",
    seed: int = 0,
    title: str | None = None,
    province: str | None = None,
) -> str:
    """The HTML page of one view of ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph (``govkg.kg.store.open_graph``).
    view : {"regions", "bipartite", "program", "region", "timeline", "map"}
        Which picture.
    program : str, optional
        For ``view="program"``: id, name, alias or English name; for
        ``view="map"``, the program whose adoption years colour the counties
        (without it, counties are coloured by how many programs they run).
    region : str, optional
        For ``view="region"``: id or name.
    weight : {"shared", "jaccard", "overlap", "idf"}
        Link weight of the region network and of similarity.
    status : {"implemented", "planned", "any"}, optional
        Which adoptions count; :data:`DEFAULT_STATUS` per view when omitted.
    top_k, min_weight
        Pruning of the region network (see :func:`govkg.kg.analysis.project_regions`);
        ``top_k`` also limits the timeline to that many programs.
    k : int
        Similar regions on the region page.
    color_by : {"community", "province"}
        Node colour of the region network.
    lang : {"zh", "en"}
        Interface language; programs named in English with ``"en"``.
    seed : int
        Seed of Louvain and of the layout.
    title : str, optional
        Page title.
    province : str, optional
        For ``view="map"``: the province to zoom to (name, short name or adcode).

    Returns
    -------
    str
        The HTML page.

    Raises
    ------
    ValueError
        For an unknown view, weight or status, or a missing ``program`` / ``region``.
    govkg.kg.analysis.NotFoundError, govkg.kg.analysis.AmbiguousError
        If ``program``, ``region`` or ``province`` names nothing, or several things.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {list(VIEWS)}, not {view!r}")
    st = status or DEFAULT_STATUS[view]
    if view == "regions":
        H = analysis.project_regions(G, weight=weight, status=st, top_k=top_k, min_weight=min_weight)
        comms = analysis.communities(H, seed=seed)
        return regions_html(H, communities=comms, color_by=color_by, lang=lang, seed=seed, title=title)
    if view == "bipartite":
        B = analysis.region_program_graph(G, st)
        return bipartite_html(B, communities=analysis.communities(B, seed=seed), lang=lang, seed=seed, title=title)
    if view == "program":
        if not program:
            raise ValueError("the program view needs a program (an id, name, alias or English name)")
        return program_html(analysis.program_adopters(G, program, st), lang=lang, title=title)
    if view == "region":
        if not region:
            raise ValueError("the region view needs a region (an id or a name)")
        N = analysis.region_neighbourhood(G, region, k=k, weight=weight, status=st)
        return region_html(N, lang=lang, title=title)
    if view == "map":
        rows = analysis.county_adoption(G, program, st)
        focus = dict(G.nodes[analysis.resolve_program(G, program)]) if program else None
        names = {n: analysis.display_name(d, lang) for n, d in G.nodes(data=True) if d.get("label") == "Program"}
        if province and find_province(province) is None:
            raise analysis.NotFoundError(f"no province named {province!r} on the map; "
                                         "give its name (河南省), short name (河南) or code (410000)")
        stat = None
        if program:
            first = {r["adcode"]: r["since"] for r in rows if r["since"] is not None and r["placed"] and r["adcode"]}
            stat = analysis.neighbour_statistic(first, analysis.county_adjacency(), seed=seed)
        return map_html(rows, focus, province=province, program_names=names, statistic=stat, lang=lang, title=title)
    curves = analysis.adoption_curves(G, [program] if program else None, status=st, top=top_k)
    names = {p: G.nodes[p] for p in curves}
    return timeline_html(curves, names, lang=lang, status=st, title=title)
