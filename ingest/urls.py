"""A report's web address as evidence of where it is from.

Government portals put their county's name in the host, in pinyin:
``xuwen.gov.cn`` is 徐闻县, ``yixing.gov.cn`` 宜兴市; or its initials after
the province's or city's (``ynlf.gov.cn``: 云南 禄丰, ``ptxy.gov.cn``: 莆田
秀屿, ``bjchy.gov.cn``: 北京 朝阳); or a path segment (``/nyx/``: 宁远县).
:func:`counties_in_url` tells which of several candidate counties a URL names,
which settles a township whose name several counties share.

The readings are ``schema/pinyin.tsv``: each current division's name in
pinyin, made by ``make divisions`` (:func:`remake_pinyin`) with pypinyin,
every reading of a character with several kept (长 chang/zhang).

Examples
--------
>>> counties_in_url("http://www.xuwen.gov.cn/xxgk/post_1854461.html", ["350525", "350803", "440825"])
['440825']
>>> counties_in_url("https://ynlf.gov.cn/info/4078/201534.htm", ["330824", "350404", "532302"])
['532302']
>>> counties_in_url("http://www.example.com/a.html", ["350525", "440825"])
[]
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from govkg.ingest.divisions import Gazetteer, default_gazetteer, short_name
from govkg.schema import SCHEMA_DIR

__all__ = ["PINYIN", "url_tokens", "counties_in_url", "any_county_in_url", "read_pinyin", "remake_pinyin"]

#: Division code -> the pinyin of its name, one syllable per character.
PINYIN = SCHEMA_DIR / "pinyin.tsv"
#: The pinned pypinyin release the table is made from (only ``make divisions`` needs it).
PYPINYIN = "pypinyin==0.55.0"
_GENERIC = frozenset({"www", "gov", "cn", "com", "net", "org", "http", "https", "html", "htm", "shtml", "jsp", "php",
                      "index", "info", "art", "doc", "content", "post", "xxgk", "zwgk", "zfxxgk", "admin", "city"})
_DIGRAPHS = ("zh", "ch", "sh")


def read_pinyin(path: str | Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``code -> readings per character`` from ``code<TAB>name<TAB>syllables`` lines
    (alternatives of a syllable joined by ``/``).

    Raises
    ------
    ValueError
        If a line does not have three cells or its syllables do not match its name.
    """
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#") or line == "code\tname\tpinyin":
            continue
        cells = line.split("\t")
        if len(cells) != 3 or len(cells[2].split()) != len(cells[1]):
            raise ValueError(f"{path}:{n}: expected a code, a name and one pinyin syllable per character")
        table[cells[0]] = tuple(tuple(s.split("/")) for s in cells[2].split())
    return table


@lru_cache(maxsize=1)
def _pinyin() -> dict[str, tuple[tuple[str, ...], ...]]:
    return read_pinyin(PINYIN)


def url_tokens(url: str) -> list[str]:
    """The host labels and path segments of ``url`` that could name a place, lower-cased.

    >>> url_tokens("http://admin.yzcity.gov.cn:8888/nyx/fzzfjs/202503/797be64e.shtml")
    ['yzcity', 'nyx', 'fzzfjs']
    """
    out = []
    for token in re.split(r"[/.:?#=&_\-]+", url.lower()):
        if token.isalpha() and token.isascii() and len(token) >= 2 and token not in _GENERIC and token not in out:
            out.append(token)
    return out


def _forms(readings: tuple[tuple[str, ...], ...], stem: int) -> set[str]:
    """Ways a URL writes a name: the stem's syllables in full, their initials (with
    and without zh/ch/sh), each with the suffix's syllable or its initial."""
    forms = set()
    for combo in itertools.islice(itertools.product(*readings), 16):
        head, tail = combo[:stem], combo[stem:]
        full = "".join(head)
        initials = {"".join(s[0] for s in head), "".join(s[:2] if s.startswith(_DIGRAPHS) else s[0] for s in head)}
        forms.add(full)
        forms.update(initials)
        if tail:
            forms.add(full + "".join(tail))
            forms.update(i + "".join(s[0] for s in tail) for i in initials)
    return forms


def _stem_length(name: str) -> int:
    return len(short_name(name) or name[:-1] or name)


def _spellings(code: str, gaz: Gazetteer) -> set[str]:
    """Every way a URL may spell the division ``code`` (see :func:`counties_in_url`)."""
    table = _pinyin()
    d = gaz.get(code)
    if d is None or code not in table:
        return set()
    own = _forms(table[code], _stem_length(d.name))
    spelled = {f for f in own if len(f) >= 3}
    for above in gaz.ancestors(code):
        if above.code in table:
            stem = _stem_length(above.name)
            prefixes = {f for f in _forms(table[above.code][:stem], stem)}
            spelled.update(p + f for p in prefixes for f in own)
    return spelled


def counties_in_url(url: str, candidates: Iterable[str], gaz: Gazetteer | None = None) -> list[str]:
    """The codes among ``candidates`` (county codes) whose names the URL spells, sorted.

    A county matches when a host label or path segment is its name in pinyin
    (``xuwen``, ``ningyuanxian``), or its initials (``nyx``) alone when they
    are three letters or more, or after its city's or province's initials or
    name (``ptxy``, ``ynlf``).
    """
    gaz = gaz if gaz is not None else default_gazetteer()
    tokens = set(url_tokens(url))
    if not tokens:
        return []
    return sorted(code for code in candidates if tokens & _spellings(code, gaz))


@lru_cache(maxsize=2)
def _county_spellings(gaz: Gazetteer) -> dict[str, frozenset[str]]:
    """Each spelling of a current county (:func:`_spellings`), with the codes of the counties spelled so."""
    index: dict[str, set[str]] = {}
    for d in gaz:
        if d.level == "county" and not d.former:
            for form in _spellings(d.code, gaz):
                index.setdefault(form, set()).add(d.code)
    return {form: frozenset(codes) for form, codes in index.items()}


def any_county_in_url(url: str, gaz: Gazetteer | None = None) -> list[str]:
    """The codes of all current counties whose names the URL spells, sorted (:func:`counties_in_url`
    of every county, through an index made once).

    >>> any_county_in_url("http://www.xuwen.gov.cn/a/1.html"), any_county_in_url("https://www.gov.cn/zhengce/1.htm")
    (['440825'], [])
    """
    gaz = gaz if gaz is not None else default_gazetteer()
    index = _county_spellings(gaz)
    return sorted({code for token in url_tokens(url) for code in index.get(token, ())})


def remake_pinyin(path: str | Path = PINYIN, gaz: Gazetteer | None = None) -> int:
    """Rewrite the table from pypinyin (``pip install pypinyin``); return its size."""
    from pypinyin import Style, lazy_pinyin, pinyin

    gaz = gaz if gaz is not None else default_gazetteer()
    rows = []
    for d in gaz:
        if d.former:
            continue
        phrase = lazy_pinyin(d.name)
        every = pinyin(d.name, style=Style.NORMAL, heteronym=True)
        if len(phrase) != len(d.name) or len(every) != len(d.name):
            continue  # a character pypinyin cannot read
        syllables = ["/".join(dict.fromkeys([p, *alts])) for p, alts in zip(phrase, every)]
        rows.append(f"{d.code}\t{d.name}\t{' '.join(syllables)}")
    Path(path).write_text(
        f"# source: {PYPINYIN}, the phrase reading of each current division's name first, other readings after /\n"
        "# license: MIT (pypinyin, https://github.com/mozillazg/python-pinyin)\n"
        "# made by: make divisions (govkg.ingest.urls.remake_pinyin); edit by review, like the lexicon\n"
        "code\tname\tpinyin\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)
