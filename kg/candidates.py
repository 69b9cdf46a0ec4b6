"""Local initiatives the lexicon does not know yet, and promoting them into it.

Reports name their own brands in quotes (“小月说法”, “法律夜市”) or as
formulas (“1+16+N”, 六帮六助, 一村一警一员一顾问). :func:`find_candidates`
finds such names in one report's text and drops what a reviewer would drop:
names already in ``schema/programs.yaml`` or ``honors.yaml`` (by normalised
alias, or as part of a longer listed term such as “八五”普法), honor titles,
dates (“12·4”), sentences and slogan lists, single characters, and the
political formulas and figures of speech in ``schema/candidate_stoplist.yaml``.

At build time each mention becomes one line of ``candidates.jsonl`` in the
graph directory (:func:`candidate_rows`, :func:`candidates_to_jsonl`);
:func:`rank_candidates` groups the lines by normalised name and ranks the
names by how many regions use them, then by mentions.
:func:`promote_program` appends a reviewed candidate to a programs file.

Examples
--------
>>> from govkg.schema.lexicon import load_lexicon
>>> text = "创新“小月说法”普法短视频，推进“八五”普法，以“六帮六助”为抓手，坚持“四个意识”。"
>>> [(m.name, m.kind) for m in find_candidates(text, load_lexicon())]
[('小月说法', 'quoted'), ('六帮六助', 'patterned')]
>>> rows = [CandidateRow("report:1", "a.txt", "region:1", "甲县", 2023, "小月说法", "quoted", "创新“小月说法”。", 3, 7),
...         CandidateRow("report:2", "b.txt", "region:2", "乙县", 2023, "小月说法", "quoted", "用好“小月说法”。", 3, 7),
...         CandidateRow("report:2", "b.txt", "region:2", "乙县", 2023, "法律夜市", "quoted", "开展“法律夜市”。", 3, 7)]
>>> [(c.name, c.regions, c.mentions) for c in rank_candidates(rows)]
[('小月说法', ('甲县', '乙县'), 2), ('法律夜市', ('乙县',), 1)]
"""
from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from govkg.ingest.components.lexicon_ruler import build_automaton
from govkg.ingest.outline import sentence_bounds
from govkg.schema import SCHEMA_DIR, load_yaml
from govkg.schema.lexicon import Lexicon, LexiconError, ProgramEntry, lexicon_from_data, load_lexicon
from govkg.schema.normalize import NormalizedText, normalize

if TYPE_CHECKING:
    from govkg.ingest.records import ReportFacts

__all__ = [
    "CANDIDATES_FILE", "CandidateMention", "CandidateRow", "Candidate", "Stoplist", "CandidatesNotRecorded",
    "load_stoplist", "find_candidates", "candidate_rows", "rank_candidates", "candidates_to_jsonl", "write_candidates",
    "read_candidates",
    "load_candidates", "promote_program", "PROGRAMS_FILE",
]

#: The file in a graph directory that holds one candidate mention per line.
CANDIDATES_FILE = "candidates.jsonl"
#: The programs file ``kg build`` reads.
PROGRAMS_FILE = SCHEMA_DIR / "programs.yaml"

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
_DIVISION_SUFFIXES = ("街道", "社区", "省", "市", "县", "区", "旗", "州", "盟", "乡", "镇", "村")


class CandidatesNotRecorded(FileNotFoundError):
    """The graph directory has no ``candidates.jsonl`` (built before candidates were recorded)."""

    def __init__(self, graph_dir: str | Path) -> None:
        super().__init__(f"the graph at {graph_dir} has no {CANDIDATES_FILE}; rebuild it: "
                         f"kg build REPORTS... --graph {graph_dir}")


@dataclass(frozen=True, slots=True)
class CandidateMention:
    """A name in a report's text: ``text[start:end] == name``."""

    start: int
    end: int
    name: str
    #: How it was found: ``quoted`` (inside quote marks) or ``patterned`` (by its formula shape).
    kind: str


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """One line of ``candidates.jsonl``: a mention, its report and region, and its sentence."""

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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name and the reports and regions that use it; ``evidence`` holds every mention."""

    key: str
    name: str
    kind: str
    regions: tuple[str, ...]
    reports: int
    mentions: int
    years: tuple[int, ...]
    evidence: tuple[CandidateRow, ...]


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

    def inside_listed_term(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is part of a listed program or honor as written there (“八五”普法)."""
        if not len(self.automaton):
            return False
        # Only the text around the name can hold such a term; twice the longest alias leaves room for quotes.
        # (Scanning the whole text once per report instead was measured 30% slower: it yields every
        # overlapping alias of the text, where a report quotes only a few dozen names.)
        a = max(0, start - 2 * self.longest)
        nt = NormalizedText(text[a:min(len(text), end + 2 * self.longest)])
        for last, (_, key) in self.automaton.iter(nt.norm):
            s, e = nt.span(last - len(key) + 1, last + 1)
            if s + a <= start and end <= e + a:
                return True
        return False

    def reject(self, name: str, text: str, places: tuple[str, ...] = (), start: int = 0, end: int = 0) -> str | None:
        """Why ``name`` (at ``text[start:end]``) is not a candidate, or ``None`` if it is one."""
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

    def _is_place_slogan(self, key: str, text: str, places: tuple[str, ...]) -> bool:
        """法治李庄 when the report is about 李庄乡, names it, or also writes 平安李庄:
        a region's slogan for itself, not an initiative."""
        if not key.startswith(self.stop.slogan_prefixes):
            return False
        for p in self.stop.slogan_prefixes:
            rest = key[len(p):]
            if not key.startswith(p) or not 1 <= len(rest) <= 4:
                continue
            if rest.endswith(_DIVISION_SUFFIXES) or any(rest + s in text for s in _DIVISION_SUFFIXES):
                return True
            if any(place.startswith(rest) for place in places):
                return True
            if sum(q + rest in text for q in self.stop.slogan_prefixes) >= 2:
                return True
        return False


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
    found: dict[tuple[int, int], CandidateMention] = {}
    for pat in _QUOTED:
        for m in pat.finditer(text):
            raw = m.group(1)
            s = m.start(1) + (len(raw) - len(raw.lstrip()))
            e = m.end(1) - (len(raw) - len(raw.rstrip()))
            name = text[s:e]
            if not name or f.reject(name, text, places, s, e):
                continue
            found[(s, e)] = CandidateMention(s, e, name, _shape(name))
    quoted_spans = sorted(found)
    for s, e in _unquoted_formulas(text, stoplist):
        name = text[s:e]
        if any(qs < e and s < qe for qs, qe in quoted_spans) or f.reject(name, text, places, s, e):
            continue
        found.setdefault((s, e), CandidateMention(s, e, name, "patterned"))
    # A quoted name written again without quotes in the same report.
    again = sorted({m.name for m in found.values() if len(normalize(m.name)) >= 3}, key=lambda n: (-len(n), n))
    if again:
        taken = sorted(found)
        for m in re.finditer("|".join(map(re.escape, again)), text):
            s, e = m.span()
            if any(x < e and s < y for x, y in taken) or f.inside_listed_term(text, s, e):
                continue
            found[(s, e)] = CandidateMention(s, e, m.group(), _shape(m.group()))
    return [found[k] for k in sorted(found)]


def candidate_rows(text: str, facts: ReportFacts, lexicon: Lexicon | None = None,
                   stoplist: Stoplist | None = None) -> list[CandidateRow]:
    """The lines ``candidates.jsonl`` holds for one report: its mentions, with region and sentence.

    ``text`` is the report's text as read (the text ``facts`` offsets point into).
    """
    from govkg.kg.graph import region_id

    places = (facts.region.name, *facts.region.parent_names) if facts.region is not None else ()
    mentions = find_candidates(text, lexicon, stoplist, places)
    if not mentions:
        return []
    bounds = list(sentence_bounds(text))
    sent_starts = [a for a, _ in bounds]
    region = region_id(facts.region) if facts.region is not None else None
    region_name = facts.region.name if facts.region is not None else None
    rows = []
    for m in mentions:
        i = bisect_right(sent_starts, m.start) - 1
        a, b = bounds[i] if i >= 0 else (m.start, m.end)
        rows.append(CandidateRow(facts.id, facts.file, region, region_name, facts.year, m.name, m.kind,
                                 text[a:max(b, m.end)].strip(), m.start, m.end))
    return rows


def rank_candidates(rows: Iterable[CandidateRow]) -> list[Candidate]:
    """Group mentions by normalised name; rank by regions, then mentions, then reports, then name.

    Reports without a region count as reports and mentions, not as regions.
    The name shown is the spelling written most often (the shortest of equals);
    regions are listed in the order of their ids (division codes).
    """
    groups: dict[str, list[CandidateRow]] = defaultdict(list)
    for r in rows:
        groups[normalize(r.name)].append(r)
    out = []
    for key, rs in groups.items():
        rs.sort(key=lambda r: (r.file, r.report, r.start, r.end))
        spellings = Counter(r.name for r in rs)
        name = sorted(spellings.items(), key=lambda x: (-x[1], len(x[0]), x[0]))[0][0]
        region_names: dict[str, str] = {}
        for r in rs:
            if r.region is not None:
                region_names.setdefault(r.region, r.region_name or r.region)
        out.append(Candidate(
            key=key, name=name, kind="patterned" if any(r.kind == "patterned" for r in rs) else "quoted",
            regions=tuple(region_names[k] for k in sorted(region_names)), reports=len({r.report for r in rs}),
            mentions=len(rs), years=tuple(sorted({r.year for r in rs if r.year is not None})), evidence=tuple(rs),
        ))
    out.sort(key=lambda c: (-len(c.regions), -c.mentions, -c.reports, c.key))
    return out


def candidates_to_jsonl(rows: Iterable[CandidateRow]) -> str:
    """``rows`` as JSON lines, sorted by report and offset: the text of ``candidates.jsonl``."""
    return "".join(json.dumps(asdict(r), ensure_ascii=False, sort_keys=True) + "\n"
                   for r in sorted(rows, key=lambda r: (r.report, r.start, r.end, r.name)))


def write_candidates(rows: Iterable[CandidateRow], path: str | Path) -> int:
    """Write ``rows`` to ``path`` as :func:`candidates_to_jsonl` does; return how many."""
    text = candidates_to_jsonl(rows)
    Path(path).write_text(text, encoding="utf-8")
    return text.count("\n")


def read_candidates(path: str | Path) -> list[CandidateRow]:
    """Read rows written by :func:`write_candidates`.

    Raises
    ------
    ValueError
        If a line is not a JSON object with the fields of :class:`CandidateRow`.
    """
    names = [f.name for f in fields(CandidateRow)]
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                rows.append(CandidateRow(**{k: d[k] for k in names}))
            except (ValueError, KeyError, TypeError) as e:
                raise ValueError(f"{path}:{n}: not a candidate mention ({e.__class__.__name__}: {e})") from None
    return rows


def load_candidates(graph_dir: str | Path) -> list[CandidateRow]:
    """The candidate mentions recorded in the graph directory ``graph_dir``.

    Raises
    ------
    GraphNotFound
        If nothing was built at ``graph_dir``.
    CandidatesNotRecorded
        If the build did not record candidates.
    govkg.kg.graph.GraphDamaged
        If ``build.json`` or ``candidates.jsonl`` is missing or cannot be read.
    """
    from govkg.kg.graph import GraphDamaged
    from govkg.kg.store import BUILD_JSON, GraphNotFound, build_info

    try:
        build_info(graph_dir)  # raises GraphNotFound with what to do
    except GraphNotFound:
        raise
    except FileNotFoundError:
        raise GraphDamaged(Path(graph_dir) / BUILD_JSON, "is missing") from None
    except ValueError as e:
        raise GraphDamaged(Path(graph_dir) / BUILD_JSON, f"is cut off or not JSON ({e})") from None
    path = Path(graph_dir) / CANDIDATES_FILE
    if not path.is_file():
        raise CandidatesNotRecorded(graph_dir)
    try:
        return read_candidates(path)
    except ValueError as e:  # read_candidates names the line; a decoding error does not
        where = str(e)
        where = "line " + where[len(f"{path}:"):] if where.startswith(f"{path}:") else where
        raise GraphDamaged(path, f"cannot be read ({where})") from None


# ---------------------------------------------------------------- promotion

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _scalar(value: str, key: str | None = None) -> str:
    """``value`` as YAML: plain when it reads back unchanged, else double-quoted."""
    import yaml

    doc = f"{key}: {value}" if key else f"[{value}]"
    try:
        back = yaml.safe_load(doc)
        plain = (back == {key: value}) if key else (back == [value])
    except yaml.YAMLError:
        plain = False
    return value if plain and value.strip() == value and "#" not in value else json.dumps(value, ensure_ascii=False)


def promote_program(name: str, id: str, name_en: str, category: str, aliases: Iterable[str] = (),
                    path: str | Path | None = None) -> tuple[ProgramEntry, str]:
    """Append a program to a programs file (default: the one ``kg build`` reads); return it and the text added.

    The file is validated with the new entry first (no duplicate id, no
    alias owned twice, a category the file already uses) and then appended
    to as text, so comments and layout stay as they are.

    Raises
    ------
    LexiconError
        If the file is not a list of programs, or the entry breaks a lexicon
        rule; the file is left unchanged.
    OSError
        If the file cannot be read or written.
    """
    import yaml

    target = Path(path) if path is not None else PROGRAMS_FILE
    name = name.strip().strip("“”\"'‘’「」")
    text = target.read_text(encoding="utf-8")
    try:
        programs = yaml.safe_load(text) or []
    except yaml.YAMLError as e:
        raise LexiconError(f"{target}: not YAML ({' '.join(str(e).split())})") from None
    if not isinstance(programs, list) or not all(isinstance(p, dict) for p in programs):
        raise LexiconError(f"{target}: not a list of programs")
    if not _ID.match(id):
        raise LexiconError(f"id {id!r} must be snake_case ASCII (letters, digits, _), like xiaoyue_legal_videos")
    categories = sorted({p.get("category") for p in programs if isinstance(p, dict) and p.get("category")})
    if categories and category not in categories:
        raise LexiconError(f"unknown category {category!r}; {target.name} uses {', '.join(categories)}")
    all_aliases = list(dict.fromkeys([name, *(a.strip() for a in aliases if a.strip())]))
    entry = {"id": id, "name": name, "name_en": name_en.strip(), "category": category, "aliases": all_aliases}
    honors, agencies = load_yaml("honors.yaml"), load_yaml("agencies.yaml")
    lex = lexicon_from_data(programs + [entry], honors, agencies, {})
    block = (f"- id: {id}\n  name: {_scalar(name, 'name')}\n  name_en: {_scalar(entry['name_en'], 'name_en')}\n"
             f"  category: {category}\n  aliases: [{', '.join(_scalar(a) for a in all_aliases)}]\n")
    added = ("" if text.endswith("\n") or not text else "\n") + ("\n" if text.strip() else "") + block
    new_text = text + added
    # What will be on disk must read back as the same lexicon.
    check = lexicon_from_data(yaml.safe_load(new_text), honors, agencies, {})
    if check.programs[id] != lex.programs[id]:
        raise LexiconError(f"{target}: the appended entry did not read back as written")
    tmp = target.with_name(f".{target.name}.promote-{os.getpid()}")
    tmp.write_text(new_text, encoding="utf-8")
    os.replace(tmp, target)
    return lex.programs[id], block
