"""``govkg_places``: administrative divisions, townships, villages, slogans.

Sets ``doc.spans["places"]`` with labels

``DIVISION``
    a county-or-higher division by its full official name (博爱县, 焦作市);
    ``kb_id_`` is the name, resolved to codes later, when the whole report
    is known
``TOWNSHIP`` / ``VILLAGE``
    a name ending in 乡, 镇, 街道 / 村, 社区 that opens a clause (南道村通过…)
    or is followed by its government (李庄乡人民政府); any township the
    township table holds, wherever it stands (``kb_id_`` :data:`KNOWN_TOWNSHIP`);
    and a table subdistrict written short where it opens a clause (石牌街坚持…,
    as Guangzhou writes its 街道), with its table name as ``kb_id_``. The name
    a township or village span stands for is :func:`place_name`.
``SLOGAN``
    the short name inside a self-reference slogan (“法治李庄”, quoted, or
    unquoted when it is a short division name or, with the ending the report
    calls itself by, a township of the table: 我乡 … 法治李庄建设); ``kb_id_``
    is the short name
``SELF``
    a self-reference such as 我县, 全乡, 本区; ``kb_id_`` is the level word

>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("博爱县司法局印发方案。南道村、七方村通过考核，建设“法治博爱”，我县成效明显。")
>>> [(s.text, s.label_) for s in doc.spans["places"]]
[('博爱县', 'DIVISION'), ('南道村', 'VILLAGE'), ('七方村', 'VILLAGE'), ('博爱', 'SLOGAN'), ('我县', 'SELF')]
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from govkg.ingest.components import component
from govkg.ingest.components._spans import doc_text, set_group
from govkg.ingest.outline import CLAUSE_OPENERS
from govkg.schema.suffixes import place_suffixes
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["PlaceTagger", "DivisionMatcher", "find_divisions", "find_local_places", "find_known_townships", "township_index", "NameIndex",
           "find_slogans", "find_self_references", "SELF_LEVELS", "KNOWN_TOWNSHIP", "ShortNames",
           "find_short_townships", "place_name"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SUFFIXES = place_suffixes()
_TOWNSHIP_SUFFIXES = _SUFFIXES.used_by("local", "township")
_VILLAGE_SUFFIXES = _SUFFIXES.used_by("local", "village")
#: The ``kb_id_`` of a township found only because the township table holds its name.
KNOWN_TOWNSHIP = "known"
#: Short township endings (街) and the table ending each shortens (街道).
_SHORT_ENDINGS = {short: next(full for full in _TOWNSHIP_SUFFIXES if full != short and full.startswith(short))
                  for short in _SUFFIXES.used_by("short")}
#: What may not follow a short name: then it is a street's (石牌街道路, 中山街口) or a list of levels (街镇).
_NOT_AFTER_SHORT = set("道路巷号口头边坊街镇乡村社区居上")
#: Self-reference words and the level they stand for.
SELF_LEVELS = _SUFFIXES.levels("self")
_SELF = re.compile(r"(?:我|全|本)(" + _SUFFIXES.pattern("self") + r")(?![委长级直])")
# Clause openers: punctuation or a line break. The opener is consumed rather
# than looked behind at (names never contain one), which lets the regex engine
# skip ahead to the next opener: ~1.7x faster. The start of the text opens a
# clause too: the patterns run on the text after a line break (_opening), as an
# alternative ^ would make the engine try every position again.
_OPEN = "[" + re.escape(CLAUSE_OPENERS + ".．") + "]"
# What may follow such a name: a list or clause break, the verbs and words
# that take a place as subject, a year (李庄乡2023年法治政府建设情况报告), or the
# count that closes a list (白鹿村、毛坦村2个村被评为…, 劳岭村等3个村).
_FOLLOW = r"(?=[、，,通被获荣成先在和与及共的已人党保入创连经由等]|(?:19|20)\d\d年|[\d一二两三四五六七八九十]+个)"
_LOCAL = re.compile(_OPEN + r"(?P<name>[\u4e00-\u9fff]{2,4}?(?P<suffix>" + _SUFFIXES.pattern("local") + "))" + _FOLLOW)
# A village written with its township: 张家窝镇柳溪村被命名为…
_TOWNSHIP_VILLAGE = re.compile(_OPEN + r"(?P<name>[\u4e00-\u9fff]{2,5}?(?:" + _SUFFIXES.pattern("local", "township")
                               + r")[\u4e00-\u9fff]{2,4}?(?P<suffix>" + _SUFFIXES.pattern("local", "village") + "))" + _FOLLOW)
_GOV_AFTER = re.compile(r"(?:" + _SUFFIXES.pattern("local", "township") + r")(?=人民政府|政府|党委|党工委|工委|办事处)")
# A county or city written before its township (城口县岚天乡人民政府).
_BEFORE_TOWNSHIP = _SUFFIXES.used_by("before_township")
_NOT_PLACE_START = set("各每全本该此我农乡城行镇村县区市省几多深送到进下入走")
_NOT_IN_NAME = set("个各全与及在的我本该进推并")
# Words no place name holds (各部门…); single characters of them may (潭门镇, 部落村).
_NOT_IN_NAME_WORDS = ("部门",)
_NOT_PLACE_END = ("行政村", "自然村", "乡村", "农村", "山村", "渔村", "示范村", "贫困村", "社区村")
_SLOGAN_WORD = r"(?:{prefixes})(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?=[”’」』\"）)，,。、；;建为的新\s]|$)"
_SLOGAN_STOP = {"建设", "创建", "乡村", "社会", "中国", "文化", "政府", "单位", "家庭", "校园", "医院", "社区", "村居", "企业",
                "交通", "城市", "机关", "环境", "思维", "意识", "观念", "素养", "宣传", "教育", "阵地", "广场", "公园", "先行",
                "示范", "生活", "发展", "细胞", "乡镇", "村庄", "工地", "农村", "平安", "法治", "美丽", "和谐"}


class _EndingNames:
    """Names looked up by how they end: where one of their last characters stands, the
    lengths of the names that end with the two characters there, longest first."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in names if n)
        by_tail: dict[str, set[int]] = {}
        for n in self.names:
            by_tail.setdefault(n[-2:], set()).add(len(n))
        # A one-character name is also the tail of every longer name ending with it.
        self._lengths = {t: tuple(sorted(ls | by_tail.get(t[-1], set()), reverse=True)) for t, ls in by_tail.items()}
        ends = sorted({n[-1] for n in self.names})
        self.ends = re.compile("[" + re.escape("".join(ends)) + "]") if ends else None

    def lengths_ending(self, text: str, end: int) -> tuple[int, ...]:
        """The lengths, longest first, of the names that may end at ``end`` (a last character stands before it)."""
        return self._lengths.get(text[end - 2:end] if end >= 2 else text[:end], ()) or self._lengths.get(text[end - 1], ())

    def __len__(self) -> int:
        return len(self.names)


class DivisionMatcher(_EndingNames):
    """Finds full division names by their last characters.

    Every division name ends in one of a few characters (省 市 县 区 旗 州 盟 …),
    so the scan looks only where one of those stands and checks the names
    ending there, longest first: several times faster than an automaton over
    thousands of names.

    >>> m = DivisionMatcher(["焦作市", "博爱县", "郏县"])
    >>> m.find("焦作市博爱县和郏县")
    [(0, 3, '焦作市'), (3, 6, '博爱县'), (7, 9, '郏县')]
    """

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest names ``(start, end, name)``, left to right, not overlapping."""
        out: list[tuple[int, int, str]] = []
        if self.ends is None:
            return out
        names, lengths_ending = self.names, self.lengths_ending
        for m in self.ends.finditer(text):
            e = m.end()
            for n in lengths_ending(text, e):
                if n <= e and text[e - n:e] in names:
                    s = e - n
                    while out and out[-1][1] > s:  # overlaps an earlier, shorter match
                        if out[-1][1] - out[-1][0] >= n:
                            break
                        out.pop()
                    else:
                        out.append((s, e, text[s:e]))
                    break
        return out


def find_divisions(text: str, matcher: DivisionMatcher) -> list[tuple[int, int, str]]:
    """Full division names ``(start, end, name)``; two-character names need a boundary before them."""
    out = []
    for s, e, name in matcher.find(text):
        if len(name) <= 2 and s > 0 and _HAN.match(text[s - 1]) and text[s - 1] not in "省市州盟在于对为由和与及":
            continue
        out.append((s, e, name))
    return out


class NameIndex(_EndingNames):
    """Every occurrence of a set of names, found by their last characters.

    An Aho-Corasick automaton over tens of thousands of names steps slowly
    through Chinese text (each character that leaves a match searches the
    root's thousands of children); here the scan stops only where a name's
    last character stands and looks the few possible lengths up in a set.

    >>> NameIndex(["龙头镇", "头镇", "大龙头镇"]).find("大龙头镇和龙头镇")
    [(0, 4), (1, 4), (2, 4), (5, 8), (6, 8)]
    """

    def find(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every occurrence, overlapping ones too, by start, longest first."""
        if self.ends is None:
            return []
        names = self.names
        found = [(e - n, e) for e in (m.end() for m in self.ends.finditer(text))
                 for n in self.lengths_ending(text, e) if n <= e and text[e - n:e] in names]
        found.sort(key=lambda x: (x[0], -x[1]))
        return found


def township_index(names: Iterable[str]) -> NameIndex:
    """The township names of three characters or more, for :func:`find_known_townships`."""
    # Not the table's farms and parks: only names with a township's ending.
    return NameIndex(n for n in names if len(n) >= 3 and n.endswith(_TOWNSHIP_SUFFIXES))


def find_known_townships(text: str, index: NameIndex, generic: frozenset[str] = frozenset()
                         ) -> list[tuple[int, int]]:
    """Table townships named anywhere in ``text``: ``(start, end)``, longest first, not overlapping.

    A name the table holds is a place wherever it stands (多宝街道始终坚持…,
    柳城县龙头镇2025年…); ``generic`` names that are also everyday words are left
    to :func:`find_local_places`.

    >>> index = township_index(["龙头镇", "多宝街道", "中心镇"])
    >>> find_known_townships("柳城县龙头镇报告，多宝街道始终坚持，重点中心镇", index, frozenset({"中心镇"}))
    [(3, 6), (9, 13)]
    """
    out: list[tuple[int, int]] = []
    for a, b in index.find(text):
        if out and a < out[-1][1]:
            continue
        # 苏木乡镇, 城关镇乡: part of a compound of level words, not a name.
        if text[a:b] not in generic and text[b:b + 1] not in ("乡", "镇"):
            out.append((a, b))
    return out


class ShortNames:
    """Table townships written short (石牌街 for 石牌街道), looked up by their last characters.

    >>> short = ShortNames(["石牌街道", "永平街道", "龙头镇"])
    >>> short.full["石牌街"], len(short)
    ('石牌街道', 2)
    """

    def __init__(self, names: Iterable[str]) -> None:
        #: Each short form and the table name it stands for; a short form the table holds as a name is left out.
        self.full: dict[str, str] = {}
        names = frozenset(names)
        for name in sorted(names):
            for short, full in _SHORT_ENDINGS.items():
                if name.endswith(full) and len(name) - len(full) >= 2:
                    form = name[: -len(full)] + short
                    if form not in names:
                        self.full[form] = name
        self.index = NameIndex(self.full)

    def __len__(self) -> int:
        return len(self.full)


def find_short_townships(text: str, short: ShortNames) -> list[tuple[int, int, str]]:
    """Table subdistricts written short where they open a clause: ``(start, end, table name)``.

    Guangzhou and other cities write their subdistricts 石牌街 for 石牌街道. A
    street bears such names too, so the short form counts only where it opens
    a clause or follows its district (天河区石牌街) or 中共, and is not followed by
    what a street's name is (石牌街道路, 石牌街口) or by a level word (街镇, 北城街街道).

    >>> short = ShortNames(["石牌街道", "人民街道"])
    >>> find_short_townships("2024年，石牌街坚持依法行政。石牌街党工委…在人民街开展宣传，人民街口", short)
    [(6, 9, '石牌街道'), (16, 19, '石牌街道')]
    """
    out = []
    for a, b in short.index.find(text):
        if out and a < out[-1][1]:
            continue
        before = text[a - 1] if a else ""
        opens = not before or not _HAN.match(before) or before in _BEFORE_TOWNSHIP or text.endswith("中共", 0, a)
        if opens and text[b:b + 1] not in _NOT_AFTER_SHORT:
            out.append((a, b, short.full[text[a:b]]))
    return out


def place_name(span) -> str:
    """The name a township or village span stands for: its text, or the table name of a short form (石牌街 → 石牌街道)."""
    return span.text if span.kb_id_ == KNOWN_TOWNSHIP else span.kb_id_


def _opening(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    """``(start, end, suffix)`` of each name ``pattern`` finds after a clause opener in ``text``,
    the start of the text counting as one."""
    return [(m.start("name") - 1, m.end("name") - 1, m.group("suffix")) for m in pattern.finditer("\n" + text)]


def find_local_places(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Townships and villages ``(start, end, label)`` that open a clause or head their government.

    Names in ``known`` (the township table) are taken as they are; others must
    not start or hold words that no place name has (全镇, 城乡, 下乡).

    >>> find_local_places("城关镇人民政府报告"), find_local_places("城关镇人民政府报告", frozenset({"城关镇"}))
    ([], [(0, 3, 'TOWNSHIP')])
    >>> find_local_places("。现将黄湾镇2024年工作报告如下", frozenset({"黄湾镇"}))
    [(3, 6, 'TOWNSHIP')]
    """
    found = _opening(_LOCAL, text) + _opening(_TOWNSHIP_VILLAGE, text)
    # A township heading its government (李庄乡人民政府): anchored on the suffix,
    # the name is the longest run of two to four Han characters before it.
    # the name is the Han run before it that starts a line or clause (洪家关白族乡人民政府),
    # else the longest of two to four characters.
    for m in _GOV_AFTER.finditer(text):
        runs = [n for n in range(2, 10) if m.start() - n >= 0
                and all("\u4e00" <= c <= "\u9fff" for c in text[m.start() - n:m.start()])]
        opened = [n for n in runs if m.start() - n == 0 or not ("\u4e00" <= text[m.start() - n - 1] <= "\u9fff")]
        n = opened[-1] if opened else max((r for r in runs if r <= 4), default=0)
        # A county written before its township (城口县岚天乡人民政府): the township
        # starts after the county's suffix.
        run = text[m.start() - n:m.start()]
        cut = max((j for j, c in enumerate(run) if c in _BEFORE_TOWNSHIP and j >= 2 and len(run) - j - 1 >= 2), default=-1)
        n -= cut + 1
        if n:
            found.append((m.start() - n, m.end(), m.group()))
    out = {}
    for a, b, suffix in found:
        if known and text[a:b] not in known:
            # The run before the suffix may hold more than the name (现将黄湾镇,
            # 人民政府新华街道): the longest known name ending there wins.
            a = next((k for k in range(a + 1, b - len(suffix) - 1) if text[k:b] in known), a)
        name = text[a:b]
        stem = name[: -len(suffix)]
        if name not in known and (name[0] in _NOT_PLACE_START or name.endswith(_NOT_PLACE_END) or stem.endswith("乡")
                or any(c in _NOT_IN_NAME for c in stem) or any(w in stem for w in _NOT_IN_NAME_WORDS)):
            continue
        out[(a, b)] = "VILLAGE" if suffix in _VILLAGE_SUFFIXES else "TOWNSHIP"
    return sorted((a, b, lab) for (a, b), lab in out.items())


@lru_cache(maxsize=8)
def _slogan_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_SLOGAN_WORD.format(prefixes="|".join(map(re.escape, prefixes))))


def find_slogans(text: str, prefixes: list[str], short_names: frozenset[str] = frozenset(),
                 townships: frozenset[str] = frozenset(), endings: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """Short names inside self-reference slogans (法治李庄): ``(start, end, name)``.

    The name must be a known short division name (法治博爱), or the slogan
    must stand alone in quotes (“法治李庄”), which is how reports write
    their own brand, or the name with one of ``endings`` must be one of
    ``townships``: ``endings`` are those the report calls itself by (我乡 → 乡),
    and a township report writes its brand unquoted too (推进法治李庄建设).

    >>> find_slogans("推进法治李庄建设，建设“平安南道”。", ["法治", "平安"])
    [(14, 16, '南道')]
    >>> find_slogans("推进法治李庄建设，建设“平安南道”。", ["法治", "平安"], townships=frozenset({"李庄乡"}), endings=("乡",))
    [(4, 6, '李庄'), (14, 16, '南道')]
    """
    pat = _slogan_pattern(tuple(prefixes))
    out = []
    for m in pat.finditer(text):
        name = m.group("name")
        if name in _SLOGAN_STOP:
            continue
        quoted = m.start() > 0 and text[m.start() - 1] in "“\"「『" and text[m.end("name"):m.end("name") + 1] in ("”", "\"", "」", "』")
        if name in short_names or quoted or any(name + e in townships for e in endings):
            out.append((m.start("name"), m.end("name"), name))
    return out


def find_self_references(text: str) -> list[tuple[int, int, str]]:
    """Self-references such as 我县, 全乡: ``(start, end, level word)``."""
    return [(m.start(), m.end(), m.group(1)) for m in _SELF.finditer(text)]


class PlaceTagger:
    def __init__(self, division_names: list[str], slogan_prefixes: list[str], short_names: list[str] = (),
                 township_names: frozenset[str] = frozenset(), generic_townships: frozenset[str] = frozenset()) -> None:
        self.short_names = frozenset(short_names)
        self.township_names = township_names
        self.generic_townships = generic_townships
        #: The townships an unquoted slogan may name: not those whose names are everyday words (中心镇).
        self.slogan_townships = township_names - generic_townships
        self.townships = township_index(township_names)
        self.short_townships = ShortNames(township_names)
        self.matcher = DivisionMatcher(list(division_names))
        self.slogan_prefixes = slogan_prefixes

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = [(a, b, "DIVISION", name) for a, b, name in find_divisions(text, self.matcher)]
        local = find_local_places(text, self.township_names)
        spans += [(a, b, label, text[a:b]) for a, b, label in local]
        taken = {(a, b) for a, b, _ in local}
        spans += [(a, b, "TOWNSHIP", KNOWN_TOWNSHIP) for a, b in find_known_townships(text, self.townships, self.generic_townships)
                  if (a, b) not in taken]
        # A short form inside a township already found is part of its name (北城街 in 北城街街道).
        townships = [(a, b) for a, b, label, _ in spans if label == "TOWNSHIP"]
        spans += [(a, b, "TOWNSHIP", name) for a, b, name in find_short_townships(text, self.short_townships)
                  if not any(x < b and a < y for x, y in townships)]
        selves = find_self_references(text)
        # The township endings the report calls itself by (我乡 → 乡): its unquoted brand (法治李庄) names a
        # township of the table with that ending.
        endings = tuple(sorted({word for _, _, word in selves if SELF_LEVELS[word] == "township"}))
        spans += [(a, b, "SLOGAN", name) for a, b, name
                  in find_slogans(text, self.slogan_prefixes, self.short_names, self.slogan_townships, endings)]
        spans += [(a, b, "SELF", word) for a, b, word in selves]
        set_group(doc, "places", spans)
        return doc


@component("govkg_places", writes=("spans:places",))
def make_place_tagger(nlp: Language, name: str) -> PlaceTagger:
    from govkg.ingest.divisions import default_gazetteer
    from govkg.ingest.localities import default_townships
    from govkg.schema.lexicon import load_lexicon

    gaz = default_gazetteer()
    cues = load_lexicon().cues
    return PlaceTagger(gaz.full_names(), cues["self_reference_prefixes"], gaz.short_names(),
                       frozenset(default_townships()), frozenset(cues["generic_township_names"]))
