"""Local initiatives the lexicon does not know yet: a second extraction, from the text.

Reports name their own brands in quotes (“小月说法”, “法律夜市”) or as
formulas (“1+16+N”, 六帮六助, 一村一警一员一顾问). :func:`find_candidates`
finds such names in one report's text and drops what a reviewer would drop:
names already in ``schema/programs.yaml`` or ``honors.yaml`` (by normalised
alias, or as part of a longer listed term such as “八五”普法), honor titles,
dates (“12·4”), sentences and slogan lists, single characters, and the
political formulas and figures of speech in ``schema/candidate_stoplist.yaml``.

At build time each mention becomes one :class:`CandidateRow`
(:func:`candidate_rows`), kept among the report's facts (the ``candidates``
table of :mod:`govkg.ingest.tables`).
Ranking them is :func:`govkg.kg.candidates.rank_candidates`; promoting one
into the lexicon is :func:`govkg.schema.promote.promote_program`.

Examples
--------
>>> from govkg.schema.lexicon import load_lexicon
>>> text = "创新“小月说法”普法短视频，推进“八五”普法，以“六帮六助”为抓手，坚持“四个意识”。"
>>> [(m.name, m.kind) for m in find_candidates(text, load_lexicon())]
[('小月说法', 'quoted'), ('六帮六助', 'patterned')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from govkg.ingest.components._spans import overlaps_any
from govkg.ingest.components.lexicon_ruler import build_automaton, leftmost_longest
from govkg.ingest.outline import sentences
from govkg.ingest.records import ReportFacts, region_id
from govkg.schema import load_yaml
from govkg.schema.lexicon import Lexicon, load_lexicon
from govkg.schema.normalize import NormalizedText, normalize, normalized_text
from govkg.schema.suffixes import place_suffixes

__all__ = ["CandidateMention", "CandidateRow", "Stoplist", "load_stoplist", "find_candidates", "candidate_rows"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = "一二三四五六七八九十两百千万"
# Quoted text, one pattern per kind of quote mark (nested ‘’ inside “” are found on their own pass).
_QUOTED = tuple(re.compile(p) for p in (
    r"“([^“”\n]{1,40})”", r"‘([^‘’\n]{1,40})’", r"「([^「」\n]{1,40})」", r"『([^『』\n]{1,40})』",
    r'"([^"\n]{1,40})"', r"＂([^＂\n]{1,40})＂",
))
# Unquoted formulas: 1+16+N, 3+N (either width) ...
_TERM = "[0-9０-９NnXxＮｎＸｘ]{1,3}"
_NUMBER_FORMULA = re.compile(rf"{_TERM}(?:[+＋]{_TERM})+")
_NOT_AROUND_FORMULA = set("0123456789０１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.+＋·%")
# ... and one numeral repeated before each unit: 六帮六助, 一村一警一员一顾问, 万人助万企.
_UNIT = rf"[\u4e00-\u9fff](?<![{_NUMERALS}])"
_NUMERAL_FORMULA = re.compile(rf"(?P<n>[{_NUMERALS}])(?:{_UNIT}){{1,2}}?(?P=n){_UNIT}(?:(?P=n){_UNIT})*")
_NOT_BEFORE_NUMERAL = set(_NUMERALS + "0123456789第")
# Units that make 一X一 a phrase, not a formula (一对一, 一次一).
_FUNCTION_UNITS = set("对个次些直样般再切")
# What a name's shape says: a formula (numbers, a repeated numeral, a plus) or a plain name.
_PATTERN_SHAPE = re.compile(rf"^(?:[{_NUMERALS}双\d]|.*\+)")
_DATE = re.compile(r"^\d{1,2}[·.]\d{1,2}")
_SENTENCE_PUNCT = re.compile(r"[，,。；;：:！!？?]")
_TRAILING_HONOR = ("荣誉称号", "称号", "荣誉")
_HONOR_WORDS = ("优秀", "先进", "模范", "示范", "标兵", "突出")
_DIVISION_SUFFIXES = place_suffixes().used_by("slogan")
#: The longest short name a place slogan holds after its prefix (法治 + 李庄).
_SLOGAN_REST = 4


@dataclass(frozen=True, slots=True)
class CandidateMention:
    """A name in a report's text: ``text[start:end] == name``."""

    start: int
    end: int
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """One candidate mention: its report and region, and its sentence."""

    report: str
    file: str
    region: str | None
    region_name: str | None
    year: int | None
    name: str
    kind: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Stoplist:
    """Normalised phrases that are never candidates, and the cue words of the rules."""

    phrases: frozenset[str]
    frame_words: tuple[str, ...]
    generic_tails: tuple[str, ...]
    slogan_prefixes: tuple[str, ...]

    @classmethod
    def from_data(cls, data: dict, cues: dict | None = None) -> "Stoplist":
        """Validate the data of ``candidate_stoplist.yaml``; ``cues`` adds the lexicon's slogan prefixes."""
        lists = ("slogans", "generic", "idioms", "frame_words", "generic_tails", "slogan_prefixes")
        data = {} if data is None else data
        if not isinstance(data, dict):
            raise ValueError(f"candidate stoplist: expected a mapping of the lists {list(lists)}")
        for k in lists:
            if not isinstance(data.get(k, []), list) or not all(isinstance(x, str) and x for x in data.get(k, [])):
                raise ValueError(f"candidate stoplist: {k!r} must be a list of non-empty strings")
        unknown = sorted(set(data) - set(lists))
        if unknown:
            raise ValueError(f"candidate stoplist: unknown keys {unknown}; expected {list(lists)}")
        phrases = frozenset(normalize(x) for k in ("slogans", "generic", "idioms") for x in data.get(k, []))
        prefixes = list((cues or {}).get("self_reference_prefixes", [])) + list(data.get("slogan_prefixes", []))
        by_len = lambda xs: tuple(sorted(dict.fromkeys(xs), key=lambda x: (-len(x), x)))  # noqa: E731
        return cls(phrases, by_len(data.get("frame_words", [])), by_len(data.get("generic_tails", [])), by_len(prefixes))


@lru_cache(maxsize=1)
def load_stoplist() -> Stoplist:
    """The stoplist in ``schema/candidate_stoplist.yaml`` (cached)."""
    return Stoplist.from_data(load_yaml("candidate_stoplist.yaml"), load_lexicon().cues)


class _Finder:
    """What the rules need from a lexicon and a stoplist, prepared once."""

    def __init__(self, lexicon: Lexicon, stoplist: Stoplist) -> None:
        self.lexicon = lexicon
        self.stop = stoplist
        pairs = [(p.id, a) for p in lexicon.programs.values() for a in p.aliases]
        pairs += [(h.id, a) for h in lexicon.honors.values() for a in h.aliases]
        self.automaton = build_automaton(pairs)
        self.longest = max((len(normalize(a)) for _, a in pairs), default=0)
        self.agency_names = frozenset(normalize(a) for k in lexicon.agencies.values() for a in k.aliases)
        self.honor_suffixes = tuple(sorted(lexicon.cues.get("honor_suffixes", []), key=len, reverse=True))
        self.level_words = tuple(w for words in lexicon.cues.get("honor_levels", {}).values() for w in words)
        self._by_name: dict[str, str | None] = {}  # what the text-free rules say of each normalised name

    def inside_listed_term(self, text: _ReportText, start: int, end: int) -> bool:
        """Whether ``text.text[start:end]`` is part of a listed program or honor as written there (“八五”普法)."""
        if not len(self.automaton):
            return False
        # Only the text around the name can hold such a term; twice the longest alias leaves room for quotes.
        # (Scanning the whole text once per report instead was measured 30% slower: it yields every
        # overlapping alias of the text, where a report quotes only a few dozen names.) The window is
        # cut from the report's normalised text, made once: normalising is one character at a time.
        nt = text.normalized
        a = nt.from_original(max(0, start - 2 * self.longest))
        b = nt.from_original(min(len(text.text), end + 2 * self.longest))
        for last, (_, key) in self.automaton.iter(nt.norm[a:b]):
            s, e = nt.span(a + last - len(key) + 1, a + last + 1)
            if s <= start and end <= e:
                return True
        return False

    def reject(self, name: str, text: _ReportText, places: tuple[str, ...] = (), start: int = 0, end: int = 0
               ) -> str | None:
        """Why ``name`` (at ``text.text[start:end]``) is not a candidate, or ``None`` if it is one."""
        key = normalize(name)
        if key not in self._by_name:
            if len(self._by_name) > 100_000:
                self._by_name.clear()
            self._by_name[key] = self._name_rule(key)
        why = self._by_name[key]
        if why is None and end > start and self.inside_listed_term(text, start, end):
            why = "part of a listed term"
        if why is None and self._is_place_slogan(key, text, places):
            why = "a place slogan"
        return why

    def _name_rule(self, key: str) -> str | None:
        """Why the normalised name ``key`` is never a candidate, whatever the text around it."""
        if len(key) < 2:
            return "single character"
        if not _HAN.search(key) and "+" not in key:
            return "no Chinese and not a formula"
        if len(key) > 20:
            return "too long for a name"
        if _SENTENCE_PUNCT.search(key):
            return "a sentence"
        if key.count("、") >= 2:
            return "a slogan list"
        if _DATE.match(key):
            return "a date"
        if key in self.stop.phrases:
            return "stoplist"
        lex = self.lexicon
        bare = key
        for tail in self.stop.generic_tails:
            if bare.endswith(tail) and len(bare) > len(tail) + 1:
                bare = bare[: -len(tail)]
                break
        if lex.find_program(key) or lex.find_program(bare):
            return "in the lexicon"
        if lex.find_honor(key) or key in self.agency_names:
            return "in the lexicon"
        if self._is_honor_title(key):
            return "an honor title"
        return None

    def _is_honor_title(self, key: str) -> bool:
        for t in _TRAILING_HONOR:
            if key.endswith(t) and len(key) > len(t):
                key = key[: -len(t)]
                break
        if key.endswith(self.honor_suffixes):
            return True
        return key.startswith(self.level_words) and any(w in key for w in _HONOR_WORDS)

    def _is_place_slogan(self, key: str, text: _ReportText, places: tuple[str, ...]) -> bool:
        """法治李庄 when the report is about 李庄乡, names it, or also writes 平安李庄:
        a region's slogan for itself, not an initiative."""
        if not key.startswith(self.stop.slogan_prefixes):
            return False
        for p in self.stop.slogan_prefixes:
            rest = key[len(p):]
            if not key.startswith(p) or not 1 <= len(rest) <= _SLOGAN_REST:
                continue
            if rest.endswith(_DIVISION_SUFFIXES) or text.before_division_suffix(rest):
                return True
            if any(place.startswith(rest) for place in places):
                return True
            if text.prefixes_before(rest) >= 2:
                return True
        return False


class _ReportText:
    """One report's text, its normalised form, and what the slogan rule asks of it
    answered from indexes: each made once, on first need.

    Asking the text itself (``rest + suffix in text`` for each candidate) scanned
    the whole report once per candidate: minutes for a report of 20 MiB.
    """

    def __init__(self, text: str, prefixes: tuple[str, ...]) -> None:
        self.text = text
        self._prefixes = prefixes
        self._before_suffix: frozenset[str] | None = None
        self._after_prefix: dict[str, set[str]] | None = None
        self._normalized: NormalizedText | None = None

    @property
    def normalized(self) -> NormalizedText:
        """The text normalised (made on first use)."""
        if self._normalized is None:
            self._normalized = normalized_text(self.text)
        return self._normalized

    def before_division_suffix(self, rest: str) -> bool:
        """Whether ``rest`` (at most :data:`_SLOGAN_REST` characters) is written right before a
        division's suffix somewhere in the text (李庄 in 李庄乡): ``any(rest + s in text ...)``."""
        if self._before_suffix is None:
            text = self.text
            self._before_suffix = frozenset(text[j - n:j] for j in _occurrences(text, _DIVISION_SUFFIXES)
                                            for n in range(1, min(j, _SLOGAN_REST) + 1))
        return rest in self._before_suffix

    def prefixes_before(self, rest: str) -> int:
        """How many slogan prefixes are written right before ``rest`` somewhere in the text
        (法治李庄, 平安李庄): ``sum(q + rest in text ...)``."""
        if self._after_prefix is None:
            text = self.text
            self._after_prefix = {}
            for q in self._prefixes:
                for j in _occurrences(text, (q,)):
                    a = j + len(q)
                    for n in range(1, min(len(text) - a, _SLOGAN_REST) + 1):
                        self._after_prefix.setdefault(text[a:a + n], set()).add(q)
        return len(self._after_prefix.get(rest, ()))


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` starts in ``text``, overlapping occurrences included."""
    out = []
    for w in words:
        j = text.find(w)
        while j >= 0:
            out.append(j)
            j = text.find(w, j + 1)
    return out


_FINDERS: dict[tuple[int, int], tuple[Lexicon, Stoplist, _Finder]] = {}


def _finder(lexicon: Lexicon, stoplist: Stoplist) -> _Finder:
    # Keyed by identity; the entry keeps both objects alive so an id is never reused while cached.
    key = (id(lexicon), id(stoplist))
    hit = _FINDERS.get(key)
    if hit is None:
        if len(_FINDERS) >= 4:
            _FINDERS.clear()
        hit = _FINDERS[key] = (lexicon, stoplist, _Finder(lexicon, stoplist))
    return hit[2]


def _shape(name: str) -> str:
    return "patterned" if _PATTERN_SHAPE.match(normalize(name)) else "quoted"


def _unquoted_formulas(text: str, stop: Stoplist) -> list[tuple[int, int]]:
    """Offsets of formulas written without quotes."""
    out = []
    if "+" in text or "＋" in text:
        for m in _NUMBER_FORMULA.finditer(text):
            a, b = m.span()
            if (a == 0 or text[a - 1] not in _NOT_AROUND_FORMULA) and (b == len(text) or text[b] not in _NOT_AROUND_FORMULA):
                out.append((a, b))
    for m in _NUMERAL_FORMULA.finditer(text):
        a = m.start()
        if (a > 0 and text[a - 1] in _NOT_BEFORE_NUMERAL) or any(c in _FUNCTION_UNITS for c in m.group()):
            continue
        # The last unit may have two characters (…一顾问): take the reading that a frame word,
        # punctuation or the end of the text ends.
        for end in (m.end(), m.end() + 1):
            if end > len(text) or not _HAN.match(text[end - 1]):
                break
            after = text[end:end + 4]
            if not after or not _HAN.match(after[0]) or after.startswith(stop.frame_words):
                out.append((a, end))
                break
    return out


def _find_any(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of what ``re.finditer("|".join(map(re.escape, names)), text)`` finds
    when ``names`` are sorted longest first: the leftmost name, the longest there, and on after it.

    Found with str.find instead: a report's names make a new pattern, and compiling it cost
    more than the search (the regex module's cache only helps when reports repeat).

    >>> _find_any("一村一警一村一警一员", ["一村一警一员", "一村一警"])
    [(0, 4, '一村一警'), (4, 10, '一村一警一员')]
    """
    hits = []
    for name in names:
        j = text.find(name)
        while j >= 0:
            hits.append((j, j + len(name), name))
            j = text.find(name, j + 1)
    return leftmost_longest(hits)


def find_candidates(text: str, lexicon: Lexicon | None = None, stoplist: Stoplist | None = None,
                    places: Iterable[str] = ()) -> list[CandidateMention]:
    """Names in ``text`` that look like initiatives and are not in ``lexicon``, in text order.

    Quoted names are kept unless a rule drops them; formulas are also found
    without quotes. A quoted name of three or more characters that the
    report writes again without quotes counts there too.

    Parameters
    ----------
    text : the report's text
    lexicon : the lexicon whose programs and honors are known (default: the schema's)
    stoplist : phrases and cue words (default: ``schema/candidate_stoplist.yaml``)
    places : names of the report's region and its parents; their slogans (法治李庄) are not candidates

    Returns
    -------
    list of CandidateMention, with offsets into ``text``

    Examples
    --------
    >>> [m.name for m in find_candidates("落实“3+N”模式，开展“12·4”宣传，推行1+16+N机制和“法治李庄”，创建李庄乡。")]
    ['3+N', '1+16+N']
    >>> [m.name for m in find_candidates("实行一村一警一员一顾问工作、一心一意。保留“全国民主法治示范村”称号。")]
    []
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    stoplist = stoplist if stoplist is not None else load_stoplist()
    f = _finder(lexicon, stoplist)
    places = tuple(places)
    report = _ReportText(text, stoplist.slogan_prefixes)
    found: dict[tuple[int, int], CandidateMention] = {}
    for pat in _QUOTED:
        for m in pat.finditer(text):
            raw = m.group(1)
            s = m.start(1) + (len(raw) - len(raw.lstrip()))
            e = m.end(1) - (len(raw) - len(raw.rstrip()))
            name = text[s:e]
            if not name or f.reject(name, report, places, s, e):
                continue
            found[(s, e)] = CandidateMention(s, e, name, _shape(name))
    in_quotes = overlaps_any(list(found))
    for s, e in _unquoted_formulas(text, stoplist):
        name = text[s:e]
        if in_quotes(s, e) or f.reject(name, report, places, s, e):
            continue
        found.setdefault((s, e), CandidateMention(s, e, name, "patterned"))
    # A quoted name written again without quotes in the same report.
    again = sorted({m.name for m in found.values() if len(normalize(m.name)) >= 3}, key=lambda n: (-len(n), n))
    if again:
        taken = overlaps_any(list(found))
        for s, e, name in _find_any(text, again):
            if taken(s, e) or f.inside_listed_term(report, s, e):
                continue
            found[(s, e)] = CandidateMention(s, e, name, _shape(name))
    return [found[k] for k in sorted(found)]


def candidate_rows(text: str, facts: ReportFacts, lexicon: Lexicon | None = None,
                   stoplist: Stoplist | None = None) -> list[CandidateRow]:
    """The lines ``candidates.jsonl`` holds for one report: its mentions, with region and sentence.

    ``text`` is the report's text as read (the text ``facts`` offsets point into).
    """
    places = (facts.region.name, *facts.region.parent_names) if facts.region is not None else ()
    mentions = find_candidates(text, lexicon, stoplist, places)
    if not mentions:
        return []
    region = region_id(facts.region) if facts.region is not None else None
    region_name = facts.region.name if facts.region is not None else None
    bounds = sentences(text)  # the sections component split this text already, if it tagged it whole
    sent_starts = [a for a, _ in bounds]
    rows = []
    for m in mentions:
        i = bisect_right(sent_starts, m.start) - 1
        a, b = bounds[i] if i >= 0 else (m.start, m.end)
        rows.append(CandidateRow(facts.id, facts.file, region, region_name, facts.year, m.name, m.kind,
                                 text[a:max(b, m.end)].strip(), m.start, m.end))
    return rows
