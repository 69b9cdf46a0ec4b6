"""The name a node is shown by, from the properties the schema gives it.

Programs and honors carry ``name`` (Chinese) and, for programs,
``name_en``; regions have Chinese names only. The pages (:mod:`govkg.viz`)
and notebooks over the analysis (:mod:`govkg.kg.analysis` re-exports it)
both show names, so the rule lives here, below both.

Examples
--------
>>> display_name({"name": "法律明白人", "name_en": "Legal-literate villagers"}, "en")
'Legal-literate villagers'
"""
from __future__ import annotations

from typing import Any, Mapping

__all__ = ["display_name"]


def display_name(data: Mapping[str, Any], lang: str = "zh") -> str:
    """The name to show for a node: English when asked for and known, else Chinese.

    Parameters
    ----------
    data : mapping
        The node's properties (``name``, ``name_en``, ``id``).
    lang : {"zh", "en"}
        The language wanted.

    Returns
    -------
    str
        ``name_en`` for ``"en"`` when it is set, else ``name``, else ``id``,
        else the empty string.

    Examples
    --------
    Regions have no English names in the graph and keep their Chinese name:

    >>> display_name({"name": "法律明白人", "name_en": "Legal-literate villagers"}, "en")
    'Legal-literate villagers'
    >>> display_name({"name": "博爱县"}, "en")
    '博爱县'
    >>> display_name({"id": "region:410822"}), display_name({})
    ('region:410822', '')
    """
    if lang == "en" and data.get("name_en"):
        return str(data["name_en"])
    return str(data.get("name") or data.get("id") or "")
