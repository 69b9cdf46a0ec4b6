"""Find a region or a program in the graph from what a person types.

A person names a region by its id (``region:410822``) or its Chinese name
(博爱县), and a program by its id, its Chinese name, one of its aliases or its
English name. Matching ignores quotes, spaces, case and the width of
punctuation (:func:`govkg.schema.normalize.normalize`), so “八五”普法 finds
八五普法.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("region:410822", label="Region", name="博爱县")
>>> G.add_node("p:pufa8", label="Program", name="八五普法", name_en="Eighth Five-Year Legal Education Plan",
...            aliases=["八五普法规划"])
>>> resolve_region(G, "博爱县")
'region:410822'
>>> resolve_program(G, "“八五”普法")
'p:pufa8'
>>> resolve_program(G, "eighth five-year legal education plan")
'p:pufa8'
>>> try:
...     resolve_program(G, "枫桥经验")
... except NotFoundError as err:
...     print(err)
no program named '枫桥经验'; known programs include: 八五普法
"""
from __future__ import annotations

import difflib
from typing import Any, Iterable

import networkx as nx
from govkg.schema.normalize import normalize

__all__ = [
    "NotFoundError",
    "AmbiguousError",
    "resolve_region",
    "resolve_program",
    "nodes_with_label",
    "display_name",
]


class NotFoundError(LookupError):
    """No node of the wanted label answers to the name given."""

    def __str__(self) -> str:  # LookupError would quote the message like a KeyError
        return str(self.args[0])


class AmbiguousError(ValueError):
    """Several nodes answer to the name given; the message lists their ids."""


def nodes_with_label(G: nx.Graph, label: str) -> list[str]:
    """Ids of the nodes carrying ``label``, sorted.

    >>> G = nx.Graph(); G.add_node("b", label="Region"); G.add_node("a", label="Region"); G.add_node("p", label="Program")
    >>> nodes_with_label(G, "Region")
    ['a', 'b']
    """
    return sorted(n for n, d in G.nodes(data=True) if d.get("label") == label)


def display_name(data: dict[str, Any], lang: str = "zh") -> str:
    """The name to show for a node: English when asked for and known, else Chinese.

    Regions have no English names in the graph and keep their Chinese name.
    The pages use the same rule (:func:`govkg.viz.style.display_name`).

    >>> display_name({"name": "法律明白人", "name_en": "Legal-literate villagers"}, "en")
    'Legal-literate villagers'
    >>> display_name({"name": "博爱县"}, "en")
    '博爱县'
    """
    if lang == "en" and data.get("name_en"):
        return str(data["name_en"])
    return str(data.get("name") or data.get("id") or "")


def _keys(data: dict[str, Any], with_aliases: bool) -> set[str]:
    names: list[Any] = [data.get("name")]
    if with_aliases:
        names.append(data.get("name_en"))
        names.extend(data.get("aliases") or [])
    return {normalize(str(n)) for n in names if n}


def _resolve(G: nx.Graph, ref: str, label: str, kind: str, with_aliases: bool) -> str:
    if ref in G and G.nodes[ref].get("label") == label:
        return ref
    key = normalize(ref.strip())
    candidates = nodes_with_label(G, label)
    hits = [n for n in candidates if key and key in _keys(G.nodes[n], with_aliases)]
    if not hits and len(key) >= 2:
        # 李庄 for 李庄乡, "legal-literate villagers" for its longer English name: a prefix is
        # enough when it points at one node only.
        hits = [n for n in candidates if any(k.startswith(key) for k in _keys(G.nodes[n], with_aliases))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = ", ".join(f"{h} ({_context(G, h)})" for h in hits[:10])
        raise AmbiguousError(f"{len(hits)} {kind}s are named {ref!r}: {listed}; pass an id instead")
    names = sorted({str(G.nodes[n].get("name")) for n in candidates if G.nodes[n].get("name")})
    close = difflib.get_close_matches(ref, names, n=5, cutoff=0.3) or names[:5]
    hint = f"; known {kind}s include: {', '.join(close)}" if close else f"; the graph has no {kind}s"
    raise NotFoundError(f"no {kind} named {ref!r}{hint}")


def _context(G: nx.Graph, node: str) -> str:
    data = G.nodes[node]
    parts: Iterable[Any] = (data.get("name"), data.get("province"), data.get("level"))
    return " ".join(str(p) for p in parts if p)


def resolve_region(G: nx.Graph, ref: str) -> str:
    """The id of the region ``ref`` names: an id, a name, or a unique prefix of a name.

    Parameters
    ----------
    G : networkx graph
        A graph whose region nodes carry ``label="Region"`` and ``name``.
    ref : str
        What the person typed.

    Returns
    -------
    str
        The region's node id.

    Raises
    ------
    NotFoundError
        If no region answers to ``ref`` (the message suggests close names).
    AmbiguousError
        If several do (城关镇 exists in many counties); the message lists ids.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("region:a/城关镇", label="Region", name="城关镇", province="河南省")
    >>> G.add_node("region:b/城关镇", label="Region", name="城关镇", province="山西省")
    >>> resolve_region(G, "region:b/城关镇")
    'region:b/城关镇'
    >>> try:
    ...     resolve_region(G, "城关镇")
    ... except AmbiguousError as err:
    ...     print(err)
    2 regions are named '城关镇': region:a/城关镇 (城关镇 河南省), region:b/城关镇 (城关镇 山西省); pass an id instead
    """
    return _resolve(G, ref, "Region", "region", with_aliases=False)


def resolve_program(G: nx.Graph, ref: str) -> str:
    """The id of the program ``ref`` names: id, Chinese name, alias or English name.

    Raises
    ------
    NotFoundError
        If no program answers to ``ref``.
    AmbiguousError
        If several do.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("p:mbr", label="Program", name="法律明白人", name_en="Legal-literate villagers", aliases=["法治明白人"])
    >>> resolve_program(G, "法治明白人"), resolve_program(G, "LEGAL-LITERATE VILLAGERS"), resolve_program(G, "legal-lit")
    ('p:mbr', 'p:mbr', 'p:mbr')
    """
    return _resolve(G, ref, "Program", "program", with_aliases=True)
