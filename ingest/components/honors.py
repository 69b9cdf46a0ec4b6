"""``govkg_honors``: honors received, and who received them.

An honor is a title after an award verb (荣获, 被评为, 保留 …) that starts
with a level word (全国, 省级, 全市 …), a division's name or a region's
slogan (法治济南…), or stands in quotes, and ends like an honor (示范村,
先进集体, 优秀调解员 …); ``创建`` and ``新增`` count only with a number of
them after (创建省级示范村3个). A quoted title needs no such ending when a
level or a place heads it (全县“平安乡镇”) or 称号 closes its list
(荣获“…”、“…”称号). A year or batch before it (2024年度, 首批, 第二批) is
not part of its name. Honors promised in plan sections are not received and
are skipped.

Recipients are, in order: the agencies, people and places in the clause
before the verb (not those after 被/由/经, who give the honor); else those
opening the sentence; else the report itself (``SELF``, resolved to the
report's region or issuer later). 我局/本所 is the issuer (``SELF_AGENCY``);
她/该同志 is the person named last before it in the paragraph, or nobody;
units only counted (3个村被评为…) are nobody the report names, not its region.

Sets ``doc.spans["honors"]`` (label: level or ``""``; ``kb_id_``: title as
written, quotes removed) and ``doc.spans["honor_recipients"]``: for the
honor at index ``i``, spans labelled ``i`` (``AGENCY``/``PERSON``/place
label, or ``ZONE`` for a development zone, in ``kb_id_``); a ``SELF``
recipient is the verb's first character.

>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("一、成效\\n南道村保留“全国民主法治示范村”称号。调解员张中央获全国优秀调解员称号。")
>>> [(h.kb_id_, h.label_) for h in doc.spans["honors"]]
[('全国民主法治示范村', 'national'), ('全国优秀调解员', 'national')]
>>> [(r.text, r.label_, r.kb_id_) for r in doc.spans["honor_recipients"]]
[('南道村', '0', 'VILLAGE'), ('张中央', '1', 'PERSON')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from govkg.ingest.components import component
from govkg.ingest.components._spans import SpanView, doc_text, set_group, spans_of, within_any
from govkg.ingest.components.places import KNOWN_TOWNSHIP
from govkg.schema.normalize import QUOTES
from govkg.schema.suffixes import place_suffixes
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["HonorTagger", "HonorCues", "find_honors", "FoundHonor", "ZONE_SUFFIXES"]

# The issuing agency speaking of itself: 我局被评为…, 本所荣获…
_SELF_AGENCY = re.compile(r"(?:我|本)(?:局|所|办)(?![在属有以能])")
# A year or a batch between an award verb and its title, or heading the title (荣获2025年度…,
# 入选首批…, 全国第三批“…”, “第九批全国…”): when, not which honor.
_LEAD = re.compile(r"(?:(?:19|20)\d\d\s*年度?|首批|第[一二三四五六七八九十百\d]+批次?)+")
_COUNT = re.compile(r"[\d一二两三四五六七八九十百]+[个家名处]")
# A development zone or new area opening a clause (花桥经济开发区获批…), which no division
# table holds: a place that receives honors like a township.
ZONE_SUFFIXES = place_suffixes().used_by("zone")
_ZONE = re.compile(r"(?:^|(?<=[、，,：:。；;\n\u3000 ]))(?P<name>[\u4e00-\u9fff]{2,8}?(?:" + "|".join(ZONE_SUFFIXES) + r"))"
                   r"(?=[、，,被获荣成入和与及]|\d{4}年)")
# Someone named before, referred to again (她被评为…, 该同志被授予…); not 其他, 他们, 他人.
# (Written to start with its first characters, so the regex engine skips to them.)
_PRONOUN = re.compile(r"[该她他](?:(?<=该)名?同志|(?<=[她他])(?<![其吉利][她他])(?![们人乡]))")
# Units counted in front of the verb, not named (有2个嘎查被评为, 3个村（社区）获评, 1人被评为):
# they, not the region they are in, received the honor.
_COUNTED = re.compile(r"[\d一二两三四五六七八九十百]+\s*(?:[个家名位所处][\u4e00-\u9fff]{0,4}?|人)"
                      r"(?:[（(][\u4e00-\u9fff]{1,4}[）)])?(?:分别|先后|均|都|还|也|同时)?$")
# Quoted titles listed before 称号 (荣获“…”、“…”称号): each one is a title, whatever it ends with.
_TITLED_LIST = re.compile(r"(?:[“‘\"「『][^“”‘’\"「」『』。；;]{2,40}[”’\"」』][、和及与]?)+(?:荣誉)?称号")
# A grade, not a title (考评获得“优秀”等次).
_GRADE_AFTER = ("等次", "等级", "档次")
# The shortest quoted title taken without an honor ending (“平安乡镇”).
_MIN_BARE_TITLE = 4
_STOP = "。，,；;：:！!？?\n（("
_OPENQ = "“‘\"「『"
_TRAIL = ("荣誉称号", "称号", "荣誉")
# What separates two phrases of a list (、 may also join two titles of one person).
_PHRASE_BREAKS = "、，,；;：:和与及"
_PLACE_LABELS = ("DIVISION", "TOWNSHIP", "VILLAGE", "SELF")
_PAIRS = {"“": "”", "‘": "’", '"': '"', "「": "」", "『": "』"}
# Titles headed by a division's name (广东省…, 甘南州…, 西城区“枫桥式”司法所), matched
# at the title's start; the four municipalities are provinces.
_PLACE_LEVEL = re.compile(r"(?:(?P<muni>北京市|天津市|上海市|重庆市)|[\u4e00-\u9fff]{2,7}?(?P<suffix>"
                          + place_suffixes().pattern("title") + "))")
# The honor level a division's level gives (honor levels are those of cues.yaml's honor_levels).
_SUFFIX_LEVEL = {s: {"province": "provincial"}.get(level, level) for s, level in place_suffixes().levels("title").items()}


@dataclass(frozen=True)
class HonorCues:
    """The cue words the honor rules read (``schema/cues.yaml``)."""

    verbs: tuple[str, ...]
    suffixes: tuple[str, ...]
    levels: tuple[tuple[str, str], ...]  # (word, level), longest word first
    #: Words that head a region's slogan (法治济南, 平安珠海), which may head a title.
    slogan_prefixes: tuple[str, ...] = ()

    @property
    def verb_re(self) -> re.Pattern[str]:
        """The award verbs as one pattern, longest first (荣获 before 获)."""
        return _verb_pattern(self.verbs)

    @classmethod
    def from_cues(cls, cues: dict) -> "HonorCues":
        levels = [(w, lvl) for lvl, words in cues["honor_levels"].items() for w in words]
        return cls(
            tuple(sorted(cues["award_verbs"], key=len, reverse=True)),
            tuple(sorted(cues["honor_suffixes"], key=len, reverse=True)),
            tuple(sorted(levels, key=lambda x: len(x[0]), reverse=True)),
            tuple(sorted(cues.get("self_reference_prefixes", ()), key=len, reverse=True)),
        )


@dataclass(frozen=True)
class FoundHonor:
    start: int
    end: int
    name: str
    level: str
    verb_start: int


@lru_cache(maxsize=8)
def _verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, verbs)))


@lru_cache(maxsize=8)
def _level_pattern(levels: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The level words as one pattern in their order (the first that matches wins, as in a
    loop over them), and each word's level (its first)."""
    by_word: dict[str, str] = {}
    for w, lvl in levels:
        by_word.setdefault(w, lvl)
    return (re.compile("|".join(re.escape(w) for w, _ in levels)) if levels else None), by_word


def _level_at(text: str, i: int, cues: HonorCues) -> tuple[str, str]:
    """The first of the level words (longest first) that ``text`` has at ``i``, and its level."""
    pattern, by_word = _level_pattern(cues.levels)
    m = pattern.match(text, i) if pattern is not None else None
    return (m.group(), by_word[m.group()]) if m else ("", "")


def _last_suffix_end(name: str, suffixes: tuple[str, ...]) -> int:
    """Where the last honor ending in ``name`` ends (-1 if none): the furthest end of any of ``suffixes``."""
    return next((e for e in range(len(name), -1, -1) if name.endswith(suffixes, 0, e)), -1)


def _bare_title_ok(text: str, name: str, stop: int, cues: HonorCues, *, outer: bool, titled: bool,
                   headed: bool) -> bool:
    """Whether a quoted title with no honor ending is still a title: a level or a place
    heads it, in or before the quotes (全县“平安乡镇”, “内蒙古自治区民主法治示范苏木”), or
    称号 follows its list; and it is no grade (“优秀”等次)."""
    inner, _ = _level_at(name, 0, cues)
    strong = outer or titled or headed or len(inner) >= 2
    return strong and len(name) >= _MIN_BARE_TITLE and not text.startswith(_GRADE_AFTER, stop)


def _parse_one(text: str, i: int, limit: int, cues: HonorCues, needs_count: bool, titled: bool = False,
               heads: frozenset[int] = frozenset()) -> tuple[FoundHonor | None, int]:
    """Parse one honor title at ``i``; return it (or None) and where parsing stopped.

    ``titled``: the title stands in a quoted list that 称号 closes. ``heads``: offsets where a
    division's name or a region's slogan starts (宣城市, 法治济南), which may head a title.
    """
    outer_word, outer_level = _level_at(text, i, cues)
    if not outer_word:
        # A place heading a quoted title (西城区“枫桥式”司法所) stands where a level word would.
        pm = _PLACE_LEVEL.match(text, i, limit)
        if pm:
            lead = _LEAD.match(text, pm.end(), limit)
            if text[(lead.end() if lead else pm.end()):][:1] in _OPENQ:
                outer_word = pm.group()
    o = i + len(outer_word)
    lead = _LEAD.match(text, o, limit) if outer_word else None  # 全国第三批“枫桥式公安派出所”
    o = lead.end() if lead else o
    j = o if text[o:o + 1] in _OPENQ else i
    quoted = j < limit and text[j] in _OPENQ
    if quoted:
        close = text.find(_PAIRS[text[j]], j + 1, limit)
        if close < 0:
            return None, i
        start, end = j + 1, close
        stop = close + 1
    else:
        k = i
        while k < limit and text[k] not in _STOP and text[k] not in "、" and not text[k].isdigit() and k - i < 32:
            if text[k] in _OPENQ:
                # A quoted word inside the title (长沙市优秀“法律明白人”). A quote after a
                # verb (全省评为“…”) or opening the next title of a list ends this one.
                close = text.find(_PAIRS[text[k]], k + 1, min(limit, k + 14))
                if k == i or close < 0 or k - i > 8 or cues.verb_re.search(text, i, k):
                    break
                k = close
            k += 1
        start, end = i, k
        stop = k
    headed = i in heads or start in heads
    raw = text[start:end]
    name = raw
    for t in _TRAIL:
        if name.endswith(t) and len(name) > len(t):
            name = name[: -len(t)]
    # The title must end like an honor: cut after the last suffix found.
    best = _last_suffix_end(name, cues.suffixes)
    if best < 0 and quoted:
        # The quotes hold only part of the title: 自治区级“枫桥式”司法所.
        k = stop
        while k < limit and k - stop < 16 and text[k] not in _STOP and text[k] not in "、" + _OPENQ:
            k += 1
        tail = text[stop:k]
        best_tail = max((tail.find(suf) + len(suf) for suf in cues.suffixes if suf in tail), default=-1)
        if best_tail > 0:
            name = text[i:stop + best_tail]
            start, end, stop = i, stop + best_tail, stop + best_tail
            quoted, best = False, len(name)
            outer_word = ""
        elif _bare_title_ok(text, name, stop, cues, outer=bool(outer_word), titled=titled, headed=headed):
            best = len(name)
    if best < 0:
        return None, stop
    name = name[:best]
    if not quoted and end - start != len(name):
        end = start + best
        stop = end
    lead = _LEAD.match(name)
    if lead and lead.end() < len(name):  # “第九批全国民主法治示范村（社区）”: the batch is not the title
        name = name[lead.end():]
    inner_word, inner_level = _level_at(name, 0, cues)
    clean = "".join(c for c in name if c not in QUOTES)
    if outer_word and not outer_level and quoted:
        clean = outer_word + clean  # 宣城市“民主法治示范村”: the city's own title
    place_head = _PLACE_LEVEL.match(clean)
    level = inner_level or outer_level
    if not level and place_head:
        level = "provincial" if place_head.group("muni") else _SUFFIX_LEVEL[place_head.group("suffix")]
    if not (quoted or inner_word or place_head or headed):
        return None, stop
    tail = text[stop:stop + 6]
    for t in _TRAIL:
        if tail.startswith(t):
            stop += len(t)
            tail = text[stop:stop + 6]
            break
    m = _COUNT.match(text, stop)
    if needs_count and not m:
        return None, stop
    if m:
        stop = m.end()
    if outer_word and not inner_word and outer_level:
        clean = outer_word + clean if not quoted else clean
    return FoundHonor(start, end, clean, level, i), stop


def find_honors(text: str, start: int, end: int, cues: HonorCues,
                heads: frozenset[int] = frozenset()) -> list[FoundHonor]:
    """Honors in the sentence ``text[start:end]``; ``heads`` as for :func:`_parse_one`."""
    out: list[FoundHonor] = []
    seen: set[tuple[int, int]] = set()
    pos = start
    verb_re = cues.verb_re
    while pos < end:
        m = verb_re.search(text, pos, end)
        if m is None:
            break
        k, v = m.start(), m.group()
        needs_count = v in ("创建", "新增")
        i = k + len(v)
        lead = _LEAD.match(text, i, end)  # 入选第九批“全国民主法治示范村（社区）”, 荣获2025年度…
        if lead:
            i = lead.end()
        titled = _TITLED_LIST.match(text, i, end) is not None
        while True:
            found, stop = _parse_one(text, i, end, cues, needs_count, titled, heads)
            if found and (found.start, found.end) not in seen:
                seen.add((found.start, found.end))
                out.append(FoundHonor(found.start, found.end, found.name, found.level, k))
            # The next title of a list; a quoted item that is no title does not end the list.
            if stop < end and text[stop] in "、和及" and (found or text[stop + 1:stop + 2] in _OPENQ):
                i = stop + 1
                continue
            break
        pos = max(k + len(v), stop if found else k + len(v))
    return out


def _awarder(text: str, start: int, floor: int) -> bool:
    """True when the entity at ``start`` follows 被/由/经 in its clause (被县委政法委评为,
    被省委宣传部、省司法厅评为): it gives the honor. A list before 被 (南道村、七方村被…)
    receives it."""
    lead = text[floor:start]
    cut = max(lead.rfind(p) for p in "，,；;")
    return any(w in lead[cut + 1:] for w in "被由经")


def _sentence_subject(text: str, candidates: list, start: int) -> list:
    """The entities that open a sentence: the first one near its start, and
    those listed right after it (南道村、七方村). A person named right after
    them heads the phrase they qualify (靖和街道人民调解员金英姬): the person."""
    out = []
    for c in candidates:
        if not out:
            lead = text[start:c.start_char]
            if len(lead) > 12 or any(ch in lead for ch in "。；;"):
                break
            out.append(c)
        elif c.start_char - out[-1].end_char <= 1 and text[out[-1].end_char:c.start_char] in ("", "、", "和", "及", "与"):
            out.append(c)
        else:
            if (c.label_ == "PERSON" and len(out) == 1 and c.start_char - out[-1].end_char <= 8
                    and not any(ch in text[out[-1].end_char:c.start_char] for ch in "，,、；;：:和与及")):
                return [c]
            break
    return out


def _phrase_heads(text: str, found: list) -> list:
    """The heads of the phrases in ``found``, which receive the honor: a person and
    the places or agencies written right before them form one phrase
    (枫林坡社区党委书记刘建华同志 -> the person), as do an office and the office
    written right after it, which belongs to it (县人民法院永兴人民法庭 -> the tribunal).
    One step per call; the caller repeats until nothing changes."""
    for i, c in enumerate(found):
        if c.label_ == "AGENCY" and i > 0 and found[i - 1].label_ == "AGENCY":
            gap = text[found[i - 1].end_char:c.start_char]
            if len(gap) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in gap):
                return found[:i - 1] + found[i:]
        # A place written right before an office names the office's place (莱芜区法律援助中心,
        # 唐家湾镇人民调解委员会): the office receives the honor.
        if c.label_ == "AGENCY" and i > 0 and found[i - 1].label_ in _PLACE_LABELS:
            gap = text[found[i - 1].end_char:c.start_char]
            if len(gap) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in gap):
                return found[:i - 1] + found[i:]
        if c.label_ == "PERSON" and i > 0 and found[i - 1].label_ != "PERSON":
            # The phrase starts at the first of the places and offices written one after the
            # other before the person (人民法院行政审判庭庭长顾晓燕、市司法局…科长钱伟: two phrases).
            j = i - 1
            while j > 0 and found[j - 1].label_ != "PERSON" and not any(
                    ch in text[found[j - 1].end_char:found[j].start_char] for ch in _PHRASE_BREAKS):
                j -= 1
            between = text[found[j].end_char:c.start_char]
            # 、 may join two titles of the one person (司法局党组书记、局长祁永胜).
            titles = "、" not in between or len(between.rsplit("、", 1)[1]) <= 4
            if titles and not any(ch in between for ch in _PHRASE_BREAKS[1:]) and c.start_char - found[i - 1].end_char <= 8:
                return found[:j] + [c] + found[i + 1:]
    return found


def _antecedent(text: str, people: list, at: int) -> list:
    """The person a pronoun at ``at`` refers to: the last one named before it in its
    paragraph (罗晓梅同志扎根…。当年6月，她被评为…), or nobody."""
    before = [p for p in people if p.end_char <= at and "\n" not in text[p.end_char:at]]
    return before[-1:]


def _counted_only(text: str, clause_start: int, verb_start: int) -> bool:
    """Whether the clause before the verb counts units without naming them (全镇新增2个村被评为):
    the honor went to those units, so neither the report's region nor anyone else named
    receives it here."""
    lead = text[clause_start:verb_start]
    cut = lead.find("被")
    lead = (lead[:cut] if cut >= 0 else lead).strip()
    return bool(_COUNTED.search(lead)) and not lead.endswith(("中", "里", "内"))


def _previous_clause_subject(text: str, candidates: list, floor: int, clause_start: int) -> list:
    """A passive clause with no subject of its own takes the one of the clause before it
    (桂溪村经省司法厅审核，被命名为…; 调解员金英姬扎根基层15年，被评为…): a person named
    there, else the entity opening it."""
    if not text[clause_start:clause_start + 4].lstrip().startswith(("被", "年内被", "当年被", "同年被")):
        return []
    prev_start = max([floor] + [text.rfind(c, floor, clause_start - 1) + 1 for c in "，,；;"])
    inside = [c for c in candidates if prev_start <= c.start_char and c.end_char < clause_start
              and not _awarder(text, c.start_char, prev_start)]
    people = [c for c in inside if c.label_ == "PERSON"]
    if people:
        return people[:1]
    return _sentence_subject(text, inside, prev_start)


def _zones(text: str, places: list) -> list[SpanView]:
    """Development zones and new areas opening a clause (label ``ZONE``), unless a
    division table holds the name (浦东新区 is a district)."""
    if not any(z in text for z in ZONE_SUFFIXES):
        return []  # the pattern tries every clause opening; most reports name no zone at all
    divisions = {(s.start_char, s.end_char) for s in places if s.label_ == "DIVISION"}
    return [SpanView(m.start("name"), m.end("name"), "ZONE", "", m.group("name")) for m in _ZONE.finditer(text)
            if (m.start("name"), m.end("name")) not in divisions]


def _title_heads(text: str, places: list, slogan_prefixes: tuple[str, ...]) -> list[int]:
    """Offsets where a division's name (宣城市) or a region's slogan (法治济南) starts: a
    title may start there (宣城市“民主法治示范村”, 法治济南建设示范单位)."""
    out = []
    for s in places:
        if s.label_ == "DIVISION":
            out.append(s.start_char)
        elif s.label_ == "SLOGAN":
            out += [s.start_char - len(p) for p in slogan_prefixes if text.endswith(p, 0, s.start_char)][:1]
    return sorted(out)


class HonorTagger:
    def __init__(self, cues: HonorCues) -> None:
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        in_skipped = within_any([(s.start_char, s.end_char) for s in spans_of(doc, "sections") if s.label_ in ("plan", "problem")])
        places = spans_of(doc, "places")
        people = spans_of(doc, "people")
        zones = _zones(text, places)
        in_zone = within_any([(z.start_char, z.end_char) for z in zones])
        candidates = sorted(
            spans_of(doc, "agencies") + people + zones
            # A township named only because the table holds it (张家窝镇柳溪村) is a village's address, not a recipient.
            + [s for s in places if s.label_ in _PLACE_LABELS and s.kb_id_ != KNOWN_TOWNSHIP
               and not in_zone(s.start_char, s.end_char)]
            + [SpanView(m.start(), m.end(), "SELF_AGENCY", "", m.group()) for m in _SELF_AGENCY.finditer(text)]
            + [SpanView(m.start(), m.end(), "PRONOUN", "", m.group()) for m in _PRONOUN.finditer(text)],
            key=itemgetter(0),  # start_char
        )
        starts = [c.start_char for c in candidates]

        def starting(lo: int, hi: int) -> list:
            """The candidates that start in ``[lo, hi)``, in order (a long report has thousands)."""
            return candidates[bisect_left(starts, lo):bisect_left(starts, hi)]

        heads = frozenset(_title_heads(text, places, self.cues.slogan_prefixes))
        honors, recipients = [], []
        verb_re = self.cues.verb_re
        # Most sentences hold no award verb: one scan of the text finds the verbs, and only the
        # sentences they overlap are searched (an occurrence inside a sentence is found by the
        # scan, or overlaps a match the scan found). Sentences are in order and apart.
        sentences = doc.user_data.get("govkg_sentences", [(0, len(text))])
        sentence_starts, sentence_ends = [a for a, _ in sentences], [b for _, b in sentences]
        overlapped = sorted({k for start, end in (m.span() for m in verb_re.finditer(text))
                             for k in range(bisect_right(sentence_ends, start), bisect_right(sentence_starts, end))})
        for k in overlapped:
            a, b = sentences[k]
            if verb_re.search(text, a, b) is None or in_skipped(a, a + 1):
                continue
            for h in find_honors(text, a, b, self.cues, heads):
                if h.end <= h.start:
                    continue
                clause_start = max([a] + [text.rfind(c, a, h.verb_start) + 1 for c in "，,；;"])
                level = h.level
                if level == "county" and h.name.startswith(("全区", "区级")) and "自治区" in text[clause_start:h.verb_start]:
                    level = "provincial"  # 被自治区司法厅评为“全区…”: 区 is the autonomous region
                idx = str(len(honors))
                honors.append((h.start, h.end, level, h.name))
                # 被司法部评为 / 由省司法厅命名为: the one after 被 or 由 gives the honor, it does not receive it.
                found = [c for c in starting(clause_start, h.verb_start) if c.end_char <= h.verb_start
                         and not _awarder(text, c.start_char, clause_start)]
                if all(c.label_ == "SELF" for c in found) and _counted_only(text, clause_start, h.verb_start):
                    continue
                if not found and clause_start > a:
                    found = _previous_clause_subject(text, candidates, a, clause_start)
                if not found:
                    found = _sentence_subject(text, [c for c in starting(a, h.verb_start)
                                                     if not _awarder(text, c.start_char, a)], a)
                while True:  # one head per phrase: 区公安分局簇桥派出所 -> 簇桥派出所
                    headed = _phrase_heads(text, found)
                    if headed == found:
                        break
                    found = headed
                if any(c.label_ == "PRONOUN" for c in found):
                    # 她/该同志 names a person: the one named before, else nobody (not the region).
                    found = [r for c in found for r in (_antecedent(text, people, c.start_char)
                                                        if c.label_ == "PRONOUN" else [c])]
                    if not found:
                        continue
                if found and any(c.label_ != "SELF" for c in found):
                    found = [c for c in found if c.label_ != "SELF"]
                if not found:
                    recipients.append((h.verb_start, h.verb_start + 1, idx, "SELF"))
                for c in found:
                    kind = "SELF" if c.label_ == "SELF" else c.label_
                    recipients.append((c.start_char, c.end_char, idx, kind))
        set_group(doc, "honors", honors, sort=False)  # document order; recipients refer to these indices
        set_group(doc, "honor_recipients", recipients, sort=False)
        return doc


@component("govkg_honors", reads=("spans:sections", "spans:places", "spans:people", "spans:agencies",
                                   "user_data:govkg_sentences"),
           writes=("spans:honors", "spans:honor_recipients"))
def make_honor_tagger(nlp: Language, name: str) -> HonorTagger:
    from govkg.schema.lexicon import load_lexicon

    return HonorTagger(HonorCues.from_cues(load_lexicon().cues))
