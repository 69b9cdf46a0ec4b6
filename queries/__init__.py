"""Named, parameterised Cypher queries: the one place Cypher lives.

Each ``NAME.cypher`` file starts with ``//`` comment lines: a description,
then ``params: a, b (...)`` naming its parameters. The same file runs on the
embedded store and on Neo4j.

Examples
--------
>>> "regions_sharing_program" in names()
True
>>> q = load("programs_shared_by_regions")
>>> q.params
('a', 'b')
>>> q.text.startswith("MATCH")
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["NamedQuery", "names", "load", "UnknownQuery", "QUERY_DIR"]

QUERY_DIR = Path(__file__).resolve().parent
_PARAMS = re.compile(r"^//\s*params:\s*(.*)$", re.M)


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
    description = " ".join(c for c in comments if not c.startswith("params:"))
    text = "\n".join(ln for ln in raw.splitlines() if not ln.startswith("//")).strip()
    return NamedQuery(name, description, params, text)
