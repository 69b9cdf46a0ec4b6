"""Resolve agency mentions to named agencies of a division.

A report writes 县司法局, 我县市场监管局, 博爱县司法局, 省司法厅, 司法部; each
is the agency kind's core (from ``schema/agencies.yaml``) with a prefix that
says whose it is: a division's name, a level word (县, 市, 省 …, optionally
with 委 for party bodies), 中央/国家 for central ones, or nothing (then a
local agency belongs to the report's own region).

Examples
--------
>>> from govkg.ingest.nlp import make_nlp
>>> from govkg.ingest.regions import decide_region
>>> doc = make_nlp()("博爱县司法局报告\\n我县推进。县公安局、省司法厅、司法部参加。全县稳定。")
>>> region = decide_region(doc)
>>> [(a.name, a.kind, a.region.name if a.region else None) for a in resolve_agencies(doc, region)]
[('博爱县司法局', 'justice_bureau', '博爱县'), ('博爱县公安局', 'public_security_bureau', '博爱县'), ('河南省司法厅', 'justice_department', '河南省'), ('司法部', 'ministry_of_justice', None)]
"""
from __future__ import annotations

import re
from bisect import bisect_right

from govkg.ingest.components._spans import doc_text, original_text, spans_of
from govkg.ingest.components.places import place_name
from govkg.ingest.divisions import Gazetteer, default_gazetteer
from govkg.ingest.outline import CLAUSE_OPENERS
from govkg.ingest.records import AgencyFact, Evidence, RegionRef
from govkg.ingest.regions import division_in
from govkg.schema.lexicon import Lexicon, load_lexicon
from govkg.schema.suffixes import place_suffixes
from spacy.tokens import Doc, Span

__all__ = ["resolve_agencies", "resolve_agency", "region_at", "sentence_of", "place_under"]

# Level words before an agency (县司法局, 我县公安局, 市委政法委) and the level they stand for.
_LEVEL_WORDS = place_suffixes().levels("agency")
_PREFIX = re.compile(r"(?:(?P<national>中央|国家|中国)|(?P<me>我)?(?P<level>" + place_suffixes().pattern("agency")
                     + r"))(?P<party>委)?$")


def region_at(region: RegionRef | None, level: str) -> RegionRef | None:
    """The division at ``level`` that contains ``region`` (``region`` itself at its own level)."""
    if region is None:
        return None
    if region.level == level:
        return region
    for i, (name, lvl, code) in enumerate(region.parents):
        if lvl == level:
            return RegionRef(name, lvl, code, region.parents[:i])
    return None


def sentence_bounds_of(doc: Doc, char: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence holding character ``char`` (from ``govkg_sections``)."""
    user_data = doc.user_data  # a property of the Doc: read it once
    bounds = user_data.get("govkg_sentences")
    if not bounds:
        return 0, len(doc_text(doc))
    # Bisect the sentences' starts (ints), not the (start, end) tuples: this runs for every
    # mention. The starts are kept beside the sentences they were taken from.
    cached = user_data.get("govkg_sentence_starts")
    if cached is None or cached[0] is not bounds:
        cached = user_data["govkg_sentence_starts"] = (bounds, [a for a, _ in bounds])
    i = bisect_right(cached[1], char) - 1
    if i < 0:
        return bounds[0]
    a, b = bounds[i]
    return (a, b) if char < b or i + 1 >= len(bounds) else bounds[i + 1]


def sentence_of(doc: Doc, span: Span, report: str) -> Evidence:
    """Evidence for ``span``: its sentence, and its offsets in the report."""
    start = span.start_char
    a, b = sentence_bounds_of(doc, start)
    return Evidence(report, original_text(doc)[a:b].strip(), start, span.end_char)


_NOT_PLACE = set("各基层全本该我乡镇县区市省级化式性新老旧一二三四五六七八九十个所")


# The county office a township office belongs to, written before it
# (区公安分局簇桥派出所, 县人民法院永兴人民法庭, 县司法局孝丰司法所).
_PARENT_OFFICE = ("局", "院", "分局")


def _join(place: str, surface: str) -> str:
    """``place`` and ``surface`` without the words they share (小寨路街道 + 街道办事处)."""
    for n in range(min(len(place), len(surface)) - 1, 1, -1):
        if place.endswith(surface[:n]):
            return place + surface[n:]
    return place + surface


def _township_prefix(text: str, start: int) -> str:
    """A township's short name written right before a township office (孝丰司法所): two or
    three Han characters that open a clause or follow the county office it belongs to
    (公安分局簇桥派出所); '' when there is none."""
    for n in (2, 3):
        a = start - n
        if a < 0 or not all("\u4e00" <= c <= "\u9fff" for c in text[a:start]):
            break
        opens = a == 0 or text[a - 1] in CLAUSE_OPENERS or text.endswith(_PARENT_OFFICE, 0, a)
        if opens and not any(c in _NOT_PLACE for c in text[a:start]):
            return text[a:start]
    return ""


def _places_ending(doc: Doc) -> dict[int, list[Span]]:
    cache = doc.user_data.get("govkg_places_by_end")
    if cache is None:
        cache = {}
        for place in spans_of(doc, "places"):
            cache.setdefault(place.end_char, []).append(place)
        doc.user_data["govkg_places_by_end"] = cache
    return cache


def place_under(region: RegionRef | None, name: str, level: str) -> RegionRef:
    """A place below ``region`` that the division tables do not hold (a village, a
    township named in passing), with ``region`` and its parents as parents."""
    parents = region.parents + ((region.name, region.level, region.adcode),) if region is not None else ()
    return RegionRef(name, level, None, parents)


def _city_branch(doc: Doc, start: int, text: str, gaz: Gazetteer) -> tuple[str, RegionRef] | None:
    """A city's office for one of its counties, written city, county's short name, office
    (泉州市晋江生态环境局, 毕节市威宁生态环境局): the prefix as written, and the county it serves."""
    ending = _places_ending(doc)
    for n in (2, 3):
        places = ending.get(start - n)
        if not places:
            continue  # most agencies: no place ends there
        short = text[start - n:start]
        for place in places:
            if place.label_ != "DIVISION":
                continue
            d = division_in(doc, place.text, gaz)
            inner = {x.current or x.code for x in gaz.lookup_short(short, within=d.code)} if d else set()
            if len(inner) == 1:  # one division, whatever it was called before (晋江县 -> 晋江市)
                return text[place.start_char:start], gaz.region_ref(gaz.successor(inner.pop()).code)
    return None


def resolve_agency(doc: Doc, span: Span, region: RegionRef | None, report: str,
                   lexicon: Lexicon | None = None, gaz: Gazetteer | None = None) -> AgencyFact | None:
    """The agency ``span`` names, or ``None`` when its prefix does not make it one (法治政府)."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    gaz = gaz if gaz is not None else default_gazetteer()
    kind = lexicon.agencies[span.kb_id_]
    text = doc_text(doc)
    start = span.start_char
    surface = span.text
    # An explicit division or township name right before the core (委 may sit between).
    ending = _places_ending(doc)
    for place in ending.get(start, []) + ending.get(start - 1, []):
        if place.label_ in ("DIVISION", "TOWNSHIP", "VILLAGE"):
            if place.end_char == start - 1 and text[start - 1] != "委":
                continue
            party = "委" if place.end_char == start - 1 else ""
            if place.label_ == "DIVISION":
                d = division_in(doc, place.text, gaz)
                owner = gaz.region_ref(d.code) if d else None
            elif place.label_ == "VILLAGE":  # 枫林社区人民调解委员会
                owner = place_under(region, place.text, "village")
            else:
                township = place_name(place)
                owner = RegionRef(township, "township", None, region.parents if region else ())
                if region is not None and region.name == township:
                    owner = region
            return AgencyFact(_join(place.text + party, surface), kind.id, owner, sentence_of(doc, span, report))
    written = _city_branch(doc, start, text, gaz)
    if written is not None:
        name, owner = written
        return AgencyFact(name + surface, kind.id, owner, sentence_of(doc, span, report))
    if kind.scope == "township":
        place = _township_prefix(text, start)
        if place:
            return AgencyFact(_join(place, surface), kind.id, region_at(region, "county") or region,
                              sentence_of(doc, span, report))
    m = _PREFIX.search(text[max(0, start - 4):start])
    if kind.scope == "national" or (m and m.group("national")):
        return AgencyFact(surface, kind.id, None, sentence_of(doc, span, report))
    if m:
        owner = region_at(region, _LEVEL_WORDS[m.group("level")])
        party = m.group("party") or ""
        if owner is None:
            return AgencyFact(m.group("level") + party + surface, kind.id, None, sentence_of(doc, span, report))
        return AgencyFact(_join(owner.name + party, surface), kind.id, owner, sentence_of(doc, span, report))
    if kind.needs_prefix:
        return None
    owner = region_at(region, "province") if kind.scope == "province" else region
    name = _join(owner.name, surface) if owner else surface
    return AgencyFact(name, kind.id, owner, sentence_of(doc, span, report))


def resolve_agencies(doc: Doc, region: RegionRef | None, report: str = "",
                     lexicon: Lexicon | None = None, gaz: Gazetteer | None = None) -> list[AgencyFact]:
    """Every agency mention in ``doc`` that resolves, in document order."""
    out = []
    for span in spans_of(doc, "agencies"):
        fact = resolve_agency(doc, span, region, report, lexicon, gaz)
        if fact is not None:
            out.append(fact)
    return out
