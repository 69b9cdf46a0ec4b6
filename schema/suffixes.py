"""The endings of place names (``schema/place_suffixes.yaml``), typed and validated once.

Every rule that reads a place's ending (县, 街道, 嘎查, 经济开发区 …) asks
this table for the endings of its use, instead of writing its own list.

Examples
--------
>>> s = place_suffixes()
>>> s.used_by("agency")
('街道', '省', '市', '州', '盟', '县', '区', '旗', '乡', '镇')
>>> s.used_by("local", "village")
('居民区', '社区', '嘎查', '村')
>>> s.levels("self")["苏木"]
'township'
>>> s.pattern("title")
'自治区|自治州|省|市|州|盟|县|区|旗'
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from govkg.schema import load_yaml

__all__ = ["PlaceSuffix", "PlaceSuffixes", "place_suffixes", "LEVELS", "USES"]

#: The levels a suffix may name.
LEVELS = ("province", "city", "county", "township", "village", "zone")
#: The rules that read suffixes (see the header of ``place_suffixes.yaml``).
USES = ("self", "agency", "title", "local", "region", "before_township", "slogan", "agency_name", "zone", "short")


@dataclass(frozen=True)
class PlaceSuffix:
    """One ending, the level of division it names, and the rules that read it."""

    suffix: str
    level: str
    uses: frozenset[str]


class PlaceSuffixes:
    """The table of endings; lists come longest first (so that a pattern tries 自治区 before 区), then in table order."""

    def __init__(self, entries: list[PlaceSuffix]) -> None:
        self.entries = tuple(entries)

    @classmethod
    def from_data(cls, data: Any) -> "PlaceSuffixes":
        """Validate the data of ``place_suffixes.yaml``.

        Raises
        ------
        ValueError
            If an entry lacks its suffix or level, names an unknown level or use, or repeats a suffix.
        """
        rows = data.get("suffixes") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise ValueError("place suffixes: expected a mapping with a list 'suffixes'")
        entries, seen = [], set()
        for row in rows:
            if not (isinstance(row, dict) and isinstance(row.get("suffix"), str) and row["suffix"]):
                raise ValueError(f"place suffixes: {row!r} has no suffix")
            suffix, level, uses = row["suffix"], row.get("level"), row.get("uses") or []
            if level not in LEVELS:
                raise ValueError(f"place suffixes: {suffix}: level {level!r} is not one of {', '.join(LEVELS)}")
            unknown = sorted(set(uses) - set(USES))
            if unknown:
                raise ValueError(f"place suffixes: {suffix}: unknown uses {unknown}; expected some of {', '.join(USES)}")
            if suffix in seen:
                raise ValueError(f"place suffixes: {suffix} is listed twice")
            seen.add(suffix)
            entries.append(PlaceSuffix(suffix, level, frozenset(uses)))
        return cls(entries)

    def _of(self, use: str, level: str | None) -> list[PlaceSuffix]:
        if use not in USES:
            raise ValueError(f"unknown use {use!r}; expected one of {', '.join(USES)}")
        rows = [e for e in self.entries if use in e.uses and (level is None or e.level == level)]
        return sorted(rows, key=lambda e: -len(e.suffix))  # stable: table order among equals

    def used_by(self, use: str, level: str | None = None) -> tuple[str, ...]:
        """The endings ``use`` reads (of ``level`` only, if given)."""
        return tuple(e.suffix for e in self._of(use, level))

    def levels(self, use: str) -> dict[str, str]:
        """Each ending ``use`` reads, with the level it names."""
        return {e.suffix: e.level for e in self._of(use, None)}

    def pattern(self, use: str, level: str | None = None) -> str:
        """The endings of :meth:`used_by` as a regular-expression alternation."""
        import re

        return "|".join(map(re.escape, self.used_by(use, level)))


@lru_cache(maxsize=1)
def place_suffixes() -> PlaceSuffixes:
    """The table in ``schema/place_suffixes.yaml`` (read once)."""
    return PlaceSuffixes.from_data(load_yaml("place_suffixes.yaml"))
