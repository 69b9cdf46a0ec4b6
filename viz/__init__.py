"""Pictures of the shared-initiative networks: self-contained, offline HTML pages.

``viz`` is a renderer, in the spirit of ``networkx.draw``: it takes networks
that are already computed (NetworkX graphs with their attributes, plain
rows) and returns a page; it computes no analysis and imports nothing from
``govkg.kg`` or ``govkg.ingest`` (only :mod:`govkg.schema`, for names).
:mod:`govkg.kg.analysis` computes; the renderers in :mod:`govkg.viz.network`
and :mod:`govkg.viz.timeline` draw; :func:`display` shows a page inside a
notebook::

    from govkg.kg.store import open_graph
    from govkg.kg.analysis import communities, project_regions
    from govkg.viz import display, regions_html
    H = project_regions(open_graph("out/seeds"), weight="idf", top_k=5)
    display(regions_html(H, communities=communities(H)))

``govkg.kg.cli.views.view_html`` does both steps for each view of ``kg viz``.

The renderers load pyvis (and with it IPython) only when first used, so
``import govkg.viz`` for :data:`VIEWS` stays cheap for the command line.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "VIEWS",
    "regions_html",
    "bipartite_html",
    "program_html",
    "region_html",
    "timeline_html",
    "map_html",
    "display",
    "notebook_html",
    "write_html",
]

#: The views ``kg viz --view`` offers.
VIEWS: tuple[str, ...] = ("regions", "bipartite", "program", "region", "timeline", "map")

_LAZY = {
    "regions_html": "govkg.viz.network",
    "bipartite_html": "govkg.viz.network",
    "program_html": "govkg.viz.network",
    "region_html": "govkg.viz.network",
    "timeline_html": "govkg.viz.timeline",
    "map_html": "govkg.viz.map",
    "display": "govkg.viz.page",
    "notebook_html": "govkg.viz.page",
    "write_html": "govkg.viz.page",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'govkg.viz' has no attribute {name!r}")
