"""The body a report speaks as, when no heading names it.

A report that names no author still says who wrote it by how it speaks:

- as a body (我局, 我委, 我办, 我厅: ``self_agency_words`` in
  ``schema/cues.yaml``, outside quotation marks), then that body wrote it,
  never the region's government: the body of its region it names (its
  justice bureau first), else the bureau of the field the report clearly
  shows (``fields`` in ``schema/agencies.yaml``, read in the frames
  ``field_frames``/``superior_frames``: 全市司法行政系统, 生态环境领域, 履行市场监管职能,
  省生态环境厅), else no one (:func:`speaking_body`);
- as its division (我县, 我街道), then its government wrote it, or the office
  that governs a division of that kind (a 街道's 办事处: ``governs`` in
  ``schema/agencies.yaml``; :func:`government_of`).

Examples
--------
>>> from govkg.ingest.records import Evidence, RegionRef
>>> from govkg.schema.lexicon import load_lexicon
>>> ev = Evidence("report:1", "", 0, 0)
>>> government_of(RegionRef("大中街道", "township"), load_lexicon(), ev).name
'大中街道办事处'
>>> government_of(RegionRef("博爱县", "county"), load_lexicon(), ev).name
'博爱县人民政府'
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from govkg.ingest.agencies import sentence_bounds_of
from govkg.ingest.components._spans import doc_text, original_text, within_any
from govkg.ingest.records import AgencyFact, Evidence, RegionRef
from govkg.schema.lexicon import AgencyKind, Lexicon, load_lexicon
from spacy.tokens import Doc

__all__ = ["government_of", "name_in", "self_references", "field_of", "FieldGuess", "speaking_body", "under_guidance"]

#: A quotation on one line: what it says (县司法局表示：“我局将…”) is not the report speaking.
_QUOTED = re.compile(r'“[^“”\n]*”|「[^「」\n]*」|『[^『』\n]*』|"[^"\n]*"')


def name_in(region: RegionRef, core: str) -> str:
    """The name of the body ``core`` of ``region``, the words they share written once.

    >>> name_in(RegionRef("大中街道", "township"), "街道办事处"), name_in(RegionRef("遂宁市", "city"), "司法局")
    ('大中街道办事处', '遂宁市司法局')
    """
    shared = next((n for n in range(min(len(region.name), len(core)), 0, -1) if region.name.endswith(core[:n])), 0)
    return region.name + core[shared:]


def _governors(lexicon: Lexicon) -> list[tuple[AgencyKind, tuple[str, ...]]]:
    """The kinds of body that govern a region, in order of id, with the endings of its name that say so (``governs``)."""
    return [(kind, tuple(kind.governs)) for kind in sorted(lexicon.agencies.values(), key=lambda k: k.id) if kind.governs]


def _governing_kind(region: RegionRef, lexicon: Lexicon) -> AgencyKind:
    """The kind of body that governs ``region``: the one whose ``governs`` ends its name, else its people's government."""
    for kind, endings in lexicon.derived(_governors):
        if region.name.endswith(endings):
            return kind
    return lexicon.agencies["people_government"]


def government_of(region: RegionRef, lexicon: Lexicon, evidence: Evidence) -> AgencyFact:
    """The body that governs ``region``, as the issuer of a report that speaks as the region."""
    kind = _governing_kind(region, lexicon)
    return AgencyFact(name_in(region, kind.name), kind.id, region, evidence)


def _self_mentions(text: str, lexicon: Lexicon) -> list[tuple[str, int]]:
    """Each 我局/我委 … of ``text`` outside quotations, and where it starts."""
    cues = lexicon.cues
    words = cues.get("self_agency_words", {})
    if not words or not any(w in text for w in words):
        return []
    masked = [m.span() for m in _QUOTED.finditer(text)]
    for w in cues.get("self_agency_not", []):
        masked += [m.span() for m in re.finditer(re.escape(w), text)]
    found = re.finditer("|".join(map(re.escape, sorted(words, key=len, reverse=True))), text)
    quoted = within_any(masked)
    return [(m.group(), m.start()) for m in found if not quoted(m.start(), m.end())]


def self_references(text: str, lexicon: Lexicon) -> Counter[str]:
    """How often ``text`` speaks of itself as each body (我局, 我委 …), outside quotations.

    >>> from govkg.schema.lexicon import load_lexicon
    >>> sorted(self_references("我局推进普法，基本局面稳定。局长说：“我委配合。”本办法施行。", load_lexicon()).items())
    [('我局', 1)]
    """
    return Counter(w for w, _ in _self_mentions(text, lexicon))


@dataclass(frozen=True)
class FieldGuess:
    """The kind of body whose field a report shows, and how."""

    kind: AgencyKind
    #: Mentions of the field in its own frames (``field_frames`` of ``schema/cues.yaml``).
    mentions: int
    #: Whether the report names the province's department of the field as another body (省生态环境厅):
    #: the report's body is below the province.
    under_province: bool


def _frame_hits(text: str, frames: list[str], words: tuple[str, ...],
                outside: Callable[[int, int], bool] = lambda start, end: True) -> set[int]:
    """Where each of ``words`` stands in one of ``frames`` in ``text`` (and where ``outside`` says so),
    once for a word that two frames hold (市场监管 in 法治市场监管职能).

    >>> sorted(_frame_hits("推进法治市场监管职能转变，全区市场监管工作稳定。", ["法治{}", "全区{}工作", "{}职能"], ("市场监管",)))
    [4, 15]
    """
    hits = set()
    for f in frames:
        at = f.index("{}")
        for w in words:
            hits.update(m.start() + at for m in re.finditer(re.escape(f.format(w)), text)
                        if outside(m.start() + at, m.start() + at + len(w)))
    return hits


def field_of(text: str, endings: tuple[str, ...], lexicon: Lexicon) -> FieldGuess | None:
    """The kind of body, among those whose names end in ``endings``, whose field ``text`` clearly shows.

    Clearly: the field is mentioned in its frames (``field_frames``: X系统, X领域, X职能, 法治X, 全区X工作)
    at least twice as often as any other.

    >>> from govkg.schema.lexicon import load_lexicon
    >>> g = field_of("推进生态环境领域依法行政，向省生态环境厅报告。", ("局",), load_lexicon())
    >>> g.kind.id, g.mentions, g.under_province
    ('ecology_environment', 1, True)
    >>> field_of("推进依法行政。", ("局",), load_lexicon()) is None
    True
    """
    cues = lexicon.cues
    own, superior = cues.get("field_frames", []), cues.get("superior_frames", [])
    masked = within_any([m.span() for w in cues.get("field_frames_not", []) for m in re.finditer(re.escape(w), text)])
    guesses = []
    for kind in sorted(lexicon.agencies.values(), key=lambda k: k.id):
        if not kind.fields or kind.scope not in ("local", "province") or not any(a.endswith(endings) for a in kind.aliases):
            continue
        mentions = len(_frame_hits(text, own, kind.fields, lambda start, end: not masked(start, end)))
        if mentions:
            # The superior places the body, it does not tell its field: 省司法厅 also rewards other
            # bureaus' legal education. A province's own department is named 省X厅 too: only a local
            # body has it above.
            above = kind.scope == "local" and bool(_frame_hits(text, superior, kind.fields))
            guesses.append(FieldGuess(kind, mentions, above))
    guesses.sort(key=lambda g: -g.mentions)
    if not guesses or (len(guesses) > 1 and 2 * guesses[1].mentions > guesses[0].mentions):
        return None
    return guesses[0]


def _most_named(agencies: list[AgencyFact]) -> AgencyFact | None:
    counts = Counter(a.name for a in agencies)
    if not counts:
        return None
    name = min(counts, key=lambda n: (-counts[n], n))
    return next(a for a in agencies if a.name == name)


def _fits(guess: FieldGuess, region: RegionRef) -> bool:
    """Whether a body of the guessed kind can be ``region``'s: a bureau is a county's, a city's or a
    province's (not a township's, nor a province's when the report names the province's department
    above it); a provincial department only a province's."""
    if region.level in ("township", "village"):
        return False
    if region.level == "province":
        return not guess.under_province
    return guess.kind.scope == "local"


#: How far before a body the opener of its framing may stand (在, 得益于: ``guidance_frames`` in ``schema/cues.yaml``).
_OPENER_REACH = 30
#: What may stand between the body and the framing verb: 的坚强, 的有力 (not a clause's end).
_BEFORE_VERB = r"[^。；;，,\n]{0,8}?"


def _guidance_patterns(lexicon: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """Each opener of ``guidance_frames``, with what must follow a body it frames: a verb, then its closer."""
    frames = lexicon.cues.get("guidance_frames", {})
    return [(opener, re.compile(_BEFORE_VERB + "(?:" + "|".join(map(re.escape, f["verbs"])) + ")(?:"
                                + "|".join(map(re.escape, f["then"])) + ")"))
            for opener, f in sorted(frames.items())]


def under_guidance(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> bool:
    """Whether the agency at ``[start, end)`` stands in a framing of the sentence: 在…领导/指导下,
    得益于…领导/引领 (``guidance_frames`` in ``schema/cues.yaml``): it guided the work.

    >>> t = "2025年，在区委、区政府的坚强领导和区委依法治区办的有力指导下，我局推进依法行政。"
    >>> under_guidance(t, t.index("区委依法治区办"), t.index("的有力")), under_guidance(t, t.index("我局"), t.index("推进"))
    (True, False)
    >>> t = "2024年，得益于县委、县政府的坚强领导和县委依法治县委员会的坚实引领，我乡推进依法行政。"
    >>> under_guidance(t, t.index("县政府"), t.index("的坚强")), under_guidance(t, t.index("县委依法"), t.index("的坚实"))
    (True, True)
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    for opener, then in lexicon.derived(_guidance_patterns):
        at = text.rfind(opener, max(0, start - _OPENER_REACH), start)
        if at >= 0 and not any(c in text[at:start] for c in "。；;\n") and then.match(text, end):
            return True
    return False


def speaking_body(doc: Doc, region: RegionRef, agencies: list[AgencyFact], report: str,
                  lexicon: Lexicon) -> tuple[bool, AgencyFact | None]:
    """Whether the report speaks as a body (我局 …), and which body of ``region`` that is, if the text tells.

    The body is the one of its region it names, its justice bureau first; else the bureau of the
    field the report clearly shows, named after its region; else the body of its region it names
    most. A body named only where the report frames its work (在区司法局的指导下, :func:`under_guidance`)
    guided it and is not one of these. A report that speaks as a body was not written by the region's
    government: when none of these tells which body, the answer is ``(True, None)``.
    """
    text = doc_text(doc)
    mentions = _self_mentions(text, lexicon)
    if not mentions:
        return False, None
    said = Counter(w for w, _ in mentions)
    word = min(said, key=lambda w: (-said[w], w))
    endings = tuple(lexicon.cues["self_agency_words"][word])
    own = [a for a in agencies if a.region == region and a.name.endswith(endings)
           and not under_guidance(text, a.evidence.start, a.evidence.end, lexicon)]
    justice = _most_named([a for a in own if a.kind == "justice_bureau"])
    if justice is not None:
        return True, justice
    guess = field_of(text, endings, lexicon)
    if guess is not None and _fits(guess, region):
        named = _most_named([a for a in own if a.kind == guess.kind.id])
        if named is not None:
            return True, named
        core = next(a for a in guess.kind.aliases if a.endswith(endings))
        at = next(i for w, i in mentions if w == word)
        a, b = sentence_bounds_of(doc, at)
        return True, AgencyFact(name_in(region, core), guess.kind.id, region,
                                Evidence(report, original_text(doc)[a:b].strip(), at, at + len(word)))
    return True, _most_named(own)
