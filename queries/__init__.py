"""Named, parameterised Cypher queries: the one place Cypher lives.

Each ``NAME.cypher`` file starts with ``//`` comment lines: a description,
then ``params: a, b (...)`` naming its parameters, and, for a query whose
rows come from a ``UNION``, ``order: a, b`` naming the columns its rows are
sorted by (:meth:`NamedQuery.arrange`): Cypher has no ``ORDER BY`` over a
whole ``UNION``, and the embedded store runs the parts of one in parallel,
so their rows would come in a different order from run to run. The same
file runs on the embedded store and on Neo4j.

Examples
--------
>>> "regions_sharing_program" in names()
True
>>> q = load("programs_shared_by_regions")
>>> q.params
('a', 'b')
>>> q.text.startswith("MATCH")
True
>>> p = load("region_profile")
>>> p.order
('relation', 'name', 'year', 'report')
>>> p.arrange([{"relation": "plans", "name": "述法", "year": 2023, "report": "r1"},
...            {"relation": "honor", "name": "x", "year": None, "report": "r2"}])[0]["relation"]
'honor'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["NamedQuery", "names", "load", "UnknownQuery", "QUERY_DIR"]

QUERY_DIR = Path(__file__).resolve().parent
_PARAMS = re.compile(r"^//\s*params:\s*(.*)$", re.M)
_ORDER = re.compile(r"^//\s*order:\s*(.*)$", re.M)


class UnknownQuery(KeyError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"no named query {self.name!r}; known: {', '.join(names())}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]
    text: str
    #: The columns the rows are sorted by after the query (its ``// order:`` line), for a query
    #: Cypher cannot order itself; empty when the query's own ``ORDER BY`` does.
    order: tuple[str, ...] = ()

    def arrange(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` sorted by :attr:`order` (nulls last in each column), or as they are without one."""
        if not self.order:
            return rows
        return sorted(rows, key=lambda r: tuple((r.get(c) is None, r.get(c)) for c in self.order))


def names() -> list[str]:
    """The named queries, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))


@lru_cache(maxsize=None)
def load(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    UnknownQuery
        If there is no ``queries/NAME.cypher``.
    """
    if name not in names():
        raise UnknownQuery(name)
    raw = (QUERY_DIR / f"{name}.cypher").read_text(encoding="utf-8")
    comments = [ln[2:].strip() for ln in raw.splitlines() if ln.startswith("//")]
    m = _PARAMS.search(raw)
    params: tuple[str, ...] = ()
    if m and not m.group(1).strip().startswith("none"):
        params = tuple(re.findall(r"\b([a-z_]+)\b(?![^()]*\))", m.group(1)))
    o = _ORDER.search(raw)
    order = tuple(c.strip() for c in o.group(1).split(",") if c.strip()) if o else ()
    description = " ".join(c for c in comments if not c.startswith(("params:", "order:")))
    text = "\n".join(ln for ln in raw.splitlines() if not ln.startswith("//")).strip()
    return NamedQuery(name, description, params, text, order)
