"""The curated lexicons (programs, honors, agency kinds) and cue words, typed.

Entries are validated once, here, where the data enters: ids unique, every
entry named in Chinese and English, every alias owned by one entry only.

Examples
--------
>>> lex = load_lexicon()
>>> lex.programs["eighth_five_year_legal_education"].name
'八五普法'
>>> lex.find_program("法治明白人").id
'legal_literate_villagers'
>>> lex.find_program("Fengqiao experience (in the new era)").id
'fengqiao_experience'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Callable, TypeVar

from govkg.schema import load_yaml
from govkg.schema.normalize import normalize

__all__ = ["ProgramEntry", "CuedAlias", "HonorEntry", "AgencyKind", "Lexicon", "LexiconError", "load_lexicon"]

_Derived = TypeVar("_Derived")

#: Characters an alias may not contain: they would break list columns in bulk loads.
_FORBIDDEN = set(',[]"\n')


class LexiconError(ValueError):
    """A lexicon file breaks a rule (duplicate id, alias owned twice, ...)."""


@dataclass(frozen=True)
class CuedAlias:
    """A word that names a program only where its clause says so: before it, in the same
    clause, stands a word of each list of ``before`` and none of ``unless``, and after it a word
    of each list of ``after`` (街道聘请法律顾问: a bare 法律顾问 the body hired is its government's
    adviser; 指导企业聘请法律顾问 is not; 班子成员学习《…法》: the leaders study the law)."""

    alias: str
    before: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...] = ()
    after: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ProgramEntry:
    id: str
    name: str
    name_en: str
    category: str
    aliases: tuple[str, ...]
    #: Words too general to name the program alone (法律顾问), with the cues that make them name it.
    cued_aliases: tuple[CuedAlias, ...] = ()


@dataclass(frozen=True)
class HonorEntry:
    id: str
    name: str
    name_en: str
    level: str
    category: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AgencyKind:
    id: str
    name: str
    name_en: str
    category: str
    scope: str
    aliases: tuple[str, ...]
    needs_prefix: bool = False
    #: Words for the field the body works in, as its own report names it (司法行政 in 全市司法行政系统).
    fields: tuple[str, ...] = ()
    #: Endings of the names of divisions whose government this body is (街道 for a 街道办事处).
    governs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    programs: dict[str, ProgramEntry]
    honors: dict[str, HonorEntry]
    agencies: dict[str, AgencyKind]
    cues: dict[str, Any] = field(default_factory=dict)

    def derived(self, derive: Callable[[Lexicon], _Derived]) -> _Derived:
        """``derive(self)``, made once for this lexicon and kept with it (a lexicon does not change once
        loaded): the tables and patterns rules build from it are built once, not for every report.

        >>> lex = lexicon_from_data([], [], [{"id": "a", "name": "司法局", "name_en": "A", "scope": "local"}], {})
        >>> def kinds(x): return sorted(x.agencies)
        >>> lex.derived(kinds), lex.derived(kinds) is lex.derived(kinds)
        (['a'], True)
        """
        made = self.__dict__.setdefault("_derived", {})
        if derive not in made:
            made[derive] = derive(self)
        return made[derive]

    def __getstate__(self) -> dict[str, Any]:
        # What was derived stays behind when a lexicon is pickled (to a worker): it is made again there.
        return {k: v for k, v in self.__dict__.items() if k != "_derived"}

    @cached_property
    def _program_keys(self) -> dict[str, ProgramEntry]:
        keys: dict[str, ProgramEntry] = {}
        for p in self.programs.values():
            for k in (p.id, p.name, p.name_en, *p.aliases):
                keys.setdefault(normalize(k), p)
        return keys

    @cached_property
    def _honor_keys(self) -> dict[str, HonorEntry]:
        keys: dict[str, HonorEntry] = {}
        for h in self.honors.values():
            for k in (h.name, *h.aliases):
                keys.setdefault(normalize(k), h)
        return keys

    def find_program(self, text: str) -> ProgramEntry | None:
        """The program whose id, name, English name or alias is ``text``.

        Matching ignores quotes, spaces, case and the width of punctuation.
        """
        return self._program_keys.get(normalize(text))

    def find_honor(self, text: str) -> HonorEntry | None:
        """The honor whose name or alias is ``text`` (normalised), if listed."""
        return self._honor_keys.get(normalize(text))


def _require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    for k in keys:
        if not entry.get(k):
            raise LexiconError(f"{where}: entry {entry.get('id', '?')!r} has no {k!r}")


def _aliases(entry: dict[str, Any], where: str) -> tuple[str, ...]:
    names = [entry["name"], *entry.get("aliases", [])]
    for a in names:
        if _FORBIDDEN & set(a):
            raise LexiconError(f"{where}: alias {a!r} of {entry['id']!r} contains one of , [ ] \" or a newline")
    # Keep order, drop duplicates after normalisation.
    seen: dict[str, str] = {}
    for a in names:
        seen.setdefault(normalize(a), a)
    return tuple(seen.values())


def _words(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    words = entry.get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{where}: {key!r} of {entry['id']!r} must be a list of words")
    return tuple(words)


def _cued_aliases(entry: dict[str, Any], where: str) -> tuple[CuedAlias, ...]:
    """The entry's ``cued_aliases``: each ``{alias, before, unless, after}``, ``before`` a list of non-empty
    lists of words, ``unless`` (optional) a list of words, ``after`` (optional) like ``before``."""

    def words(ws: Any) -> bool:
        return isinstance(ws, list) and all(isinstance(w, str) and w for w in ws)

    out = []
    for c in entry.get("cued_aliases", []):
        lists = c.get("before") if isinstance(c, dict) else None
        if (not isinstance(c, dict) or not isinstance(c.get("alias"), str) or not c["alias"] or _FORBIDDEN & set(c["alias"])
                or not isinstance(lists, list) or not lists or not all(words(ws) and ws for ws in lists)
                or not words(c.get("unless", [])) or set(c) - {"alias", "before", "unless", "after"}
                or not isinstance(c.get("after", []), list) or not all(words(ws) and ws for ws in c.get("after", []))):
            raise LexiconError(f"{where}: cued alias {c!r} of {entry['id']!r} must be "
                               "{alias: word, before: [[cue, ...], ...], unless: [word, ...], after: [[cue, ...], ...]}")
        out.append(CuedAlias(c["alias"], tuple(tuple(ws) for ws in lists), tuple(c.get("unless", [])),
                             tuple(tuple(ws) for ws in c.get("after", []))))
    return tuple(out)


def _check_unique(kind: str, entries: list[dict[str, Any]], aliases: dict[str, tuple[str, ...]]) -> None:
    ids: set[str] = set()
    owner: dict[str, str] = {}
    for e in entries:
        if e["id"] in ids:
            raise LexiconError(f"{kind}: duplicate id {e['id']!r}")
        ids.add(e["id"])
        for a in aliases[e["id"]]:
            n = normalize(a)
            if n in owner and owner[n] != e["id"]:
                raise LexiconError(f"{kind}: alias {a!r} belongs to both {owner[n]!r} and {e['id']!r}")
            owner[n] = e["id"]


def lexicon_from_data(programs: list[dict], honors: list[dict], agencies: list[dict], cues: dict) -> Lexicon:
    """Validate raw lexicon data and build a :class:`Lexicon`.

    Raises
    ------
    LexiconError
        If an entry lacks a field, an id repeats or an alias has two owners.
    """
    al: dict[str, dict[str, tuple[str, ...]]] = {"programs": {}, "honors": {}, "agencies": {}}
    for kind, entries, req in (
        ("programs", programs, ("id", "name", "name_en", "category")),
        ("honors", honors, ("id", "name", "name_en", "level")),
        ("agencies", agencies, ("id", "name", "name_en", "scope")),
    ):
        for e in entries:
            _require(e, req, kind)
            al[kind][e["id"]] = _aliases(e, kind)
        _check_unique(kind, entries, al[kind])
    return Lexicon(
        programs={
            e["id"]: ProgramEntry(e["id"], e["name"], e["name_en"], e["category"], al["programs"][e["id"]],
                                  _cued_aliases(e, "programs"))
            for e in programs
        },
        honors={
            e["id"]: HonorEntry(e["id"], e["name"], e["name_en"], e["level"], e.get("category", ""), al["honors"][e["id"]])
            for e in honors
        },
        agencies={
            e["id"]: AgencyKind(
                e["id"], e["name"], e["name_en"], e.get("category", ""), e["scope"],
                al["agencies"][e["id"]], bool(e.get("needs_prefix", False)),
                _words(e, "fields", "agencies"), _words(e, "governs", "agencies"),
            )
            for e in agencies
        },
        cues=cues,
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The project's lexicon from ``schema/*.yaml`` (cached)."""
    return lexicon_from_data(
        load_yaml("programs.yaml"), load_yaml("honors.yaml"), load_yaml("agencies.yaml"), load_yaml("cues.yaml")
    )
