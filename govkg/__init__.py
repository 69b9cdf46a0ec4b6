"""govkg: a knowledge graph of governance initiatives in Chinese rule-of-law government reports.

Build a graph folder with ``kg build REPORTS... --graph g``, then open it::

    import govkg
    g = govkg.open("g")
    g.shared("法律明白人")      # the rows of: kg shared 法律明白人 --graph g

:func:`open` returns a :class:`Graph` (see :mod:`govkg.kg.library`, whose
examples, like the README's, run as tests); its answers are :class:`Rows`.
The steps live in subpackages: ``govkg.schema``, ``govkg.ingest``,
``govkg.kg``, ``govkg.queries``, ``govkg.viz``.

Importing ``govkg`` is cheap: the library loads on first use, so the ``kg``
command line (which imports ``govkg.kg.cli`` through this package) does not
pay for what it does not run.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govkg.kg.library import Graph
    from govkg.kg.results import Rows

__all__ = ["open", "Graph", "Rows"]


def open(graph_dir: str | Path) -> Graph:  # shadows the builtin here only, like gzip.open
    """The graph ``kg build`` wrote to ``graph_dir``: a :class:`Graph` to query and analyse.

    Raises
    ------
    govkg.kg.store.GraphNotFound
        If nothing was built there.

    Examples
    --------
    >>> import tempfile
    >>> try:
    ...     open(tempfile.mkdtemp() + "/nothing")
    ... except FileNotFoundError as e:
    ...     print(str(e).split(";")[0].startswith("no graph at "))
    True
    """
    from govkg.kg.library import open_graph_folder

    return open_graph_folder(graph_dir)


def __getattr__(name: str) -> Any:
    if name == "Graph":
        from govkg.kg.library import Graph

        return Graph
    if name == "Rows":
        from govkg.kg.results import Rows

        return Rows
    raise AttributeError(f"module 'govkg' has no attribute {name!r}")
