"""Pictures of the shared-initiative networks: self-contained, offline HTML pages.

``viz`` renders graphs that :mod:`govkg.kg.analysis` computed; it computes no
analysis itself. :func:`view_html` goes from the property graph to a page in
one call (what ``kg viz`` runs); the renderers in :mod:`govkg.viz.network` and
:mod:`govkg.viz.timeline` take analysed graphs directly; :func:`display` shows
a page inside a notebook::

    from govkg.kg.store import open_graph
    from govkg.viz import view_html, display
    display(view_html(open_graph("out/seeds"), "program", program="法律明白人"))

The renderers load pyvis (and with it IPython) only when first used, so
``import govkg.viz`` for :data:`VIEWS` stays cheap for the command line.
"""
from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "VIEWS",
    "view_html",
    "regions_html",
    "bipartite_html",
    "program_html",
    "region_html",
    "timeline_html",
    "display",
    "notebook_html",
    "write_html",
]

#: The views ``kg viz --view`` offers.
VIEWS: tuple[str, ...] = ("regions", "bipartite", "program", "region", "timeline")

_LAZY = {
    "view_html": "govkg.viz.views",
    "regions_html": "govkg.viz.network",
    "bipartite_html": "govkg.viz.network",
    "program_html": "govkg.viz.network",
    "region_html": "govkg.viz.network",
    "timeline_html": "govkg.viz.timeline",
    "display": "govkg.viz.page",
    "notebook_html": "govkg.viz.page",
    "write_html": "govkg.viz.page",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'govkg.viz' has no attribute {name!r}")
