"""``govkg_lexicon``: programs and agency names, by Aho-Corasick.

Patterns come from the lexicon in ``schema/`` and match the normalised text
(quotes, spaces and the width of punctuation ignored); the longest match wins
and spans point at the original characters.

Sets ``doc.spans["programs"]`` (label ``PROGRAM``, ``kb_id_`` the program id)
and ``doc.spans["agencies"]`` (label ``AGENCY``, ``kb_id_`` the agency kind).

>>> from govkg.ingest.nlp import make_nlp
>>> doc = make_nlp()("县司法局培养法治明白人。")
>>> [(s.text, s.label_, s.kb_id_) for s in doc.spans["programs"] + doc.spans["agencies"]]
[('法治明白人', 'PROGRAM', 'legal_literate_villagers'), ('司法局', 'AGENCY', 'justice_bureau')]
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import ahocorasick
from govkg.ingest.components import component
from govkg.ingest.components._spans import doc_text, set_group
from govkg.schema.normalize import normalize, normalized_text
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LexiconRuler", "build_automaton", "scan", "leftmost_longest", "lexicon_patterns", "cued_matches", "GROUPS"]

#: span group -> span label (honors are read by the honor rules, which know recipients)
GROUPS = {"programs": "PROGRAM", "agencies": "AGENCY"}


def lexicon_patterns(lexicon) -> list[dict]:
    """Patterns ``{"group", "id", "alias"}`` for every alias in the lexicon, and
    ``{"group", "id", "alias", "before"}`` for every cued alias (see
    :class:`govkg.schema.lexicon.CuedAlias`), sorted."""
    out: list[dict] = []
    for group, entries in (("programs", lexicon.programs), ("agencies", lexicon.agencies)):
        for e in entries.values():
            for a in e.aliases:
                out.append({"group": group, "id": e.id, "alias": a})
            for c in getattr(e, "cued_aliases", ()):
                out.append({"group": group, "id": e.id, "alias": c.alias, "before": [list(ws) for ws in c.before],
                            "unless": list(c.unless), "after": [list(ws) for ws in c.after]})
    return sorted(out, key=lambda p: (p["group"], p["id"], p["alias"]))


#: What ends a clause, in the normalised text (full-width punctuation is read as half-width).
_CLAUSE_BREAKS = "，。；！？：,.;!?:\n"


def cued_matches(norm: str, cued: list[dict], taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Matches ``(start, end, id)`` of cued aliases in ``norm``: where the clause before one holds a
    word of each of its ``before`` lists and none of its ``unless`` words, the clause after it a word
    of each of its ``after`` lists, and no match in ``taken`` overlaps it; of several that do, the one
    with the most lists (the most specific), then the first by id.

    >>> cued = [{"id": "gov", "alias": "法律顾问", "before": [["聘请", "配备"]], "unless": ["企业"]},
    ...         {"id": "village", "alias": "法律顾问", "before": [["村", "社区"], ["聘请", "配备"]]}]
    >>> cued_matches("街道聘请法律顾问2名,为各社区配备法律顾问,发挥法律顾问作用,指导企业聘请法律顾问", cued, [])
    [(4, 8, 'gov'), (17, 21, 'village')]
    >>> study = [{"id": "study", "alias": "学习", "before": [["班子成员"]], "after": [["法》"]]}]
    >>> cued_matches("班子成员学习《民法典》《宪法》等,班子成员学习《讲话》", study, [])
    [(4, 6, 'study')]
    """
    out = []
    for alias in sorted({c["alias"] for c in cued}):
        key = normalize(alias)
        at = norm.find(key)
        while at >= 0:
            end = at + len(key)
            if not any(a < end and at < b for a, b in taken):
                start = max(norm.rfind(c, 0, at) for c in _CLAUSE_BREAKS) + 1
                clause = norm[start:at]
                stop = min((i for i in (norm.find(c, end) for c in _CLAUSE_BREAKS) if i >= 0), default=len(norm))
                rest = norm[end:stop]
                fits = [c for c in cued if c["alias"] == alias
                        and all(any(normalize(w) in clause for w in ws) for ws in c["before"])
                        and not any(normalize(w) in clause for w in c.get("unless", ()))
                        and all(any(normalize(w) in rest for w in ws) for ws in c.get("after", ()))]
                if fits:
                    best = min(fits, key=lambda c: (-len(c["before"]) - len(c.get("after", ())), c["id"]))
                    out.append((at, end, best["id"]))
            at = norm.find(key, end)
    return sorted(out)


def build_automaton(pairs: Iterable[tuple[str, str]]) -> ahocorasick.Automaton:
    """An automaton over normalised aliases; each value is ``(id, normalised alias)``."""
    A = ahocorasick.Automaton()
    for ident, alias in pairs:
        key = normalize(alias)
        if key and key not in A:
            A.add_word(key, (ident, key))
    if len(A):
        A.make_automaton()
    return A


def scan(A: ahocorasick.Automaton, norm: str) -> list[tuple[int, int, str]]:
    """Longest, leftmost, non-overlapping matches ``(start, end, id)`` in ``norm``.

    Chosen here from every match: pyahocorasick's own ``iter_long`` loses a
    match nested in a longer key that fails near its end (upstream issues
    #133, #185): with 法治建设第一责任人职责 also listed, it finds nothing in
    法治建设第一责任人责任.

    >>> A = build_automaton([("a", "法治建设第一责任人"), ("b", "法治建设第一责任人职责"), ("c", "述法")])
    >>> scan(A, "落实法治建设第一责任人责任，推进述法。"), scan(A, "履行法治建设第一责任人职责")
    ([(2, 11, 'a'), (16, 18, 'c')], [(2, 13, 'b')])
    """
    if not len(A):
        return []
    return leftmost_longest((end_idx - len(key) + 1, end_idx + 1, ident) for end_idx, (ident, key) in A.iter(norm))


def leftmost_longest(found: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of matches ``(start, end, value)``, the leftmost, the longest there, and so on after it.

    >>> leftmost_longest([(4, 6, "c"), (0, 2, "a"), (0, 4, "b"), (3, 5, "x")])
    [(0, 4, 'b'), (4, 6, 'c')]
    """
    out: list[tuple[int, int, str]] = []
    last = 0
    for start, end, value in sorted(found, key=lambda m: (m[0], m[0] - m[1], m[2])):
        if start >= last:
            last = end
            out.append((start, end, value))
    return out


class LexiconRuler:
    """Tags lexicon terms; serialises its patterns as JSON lines."""

    def __init__(self, patterns: list[dict[str, str]]) -> None:
        self.patterns: list[dict[str, str]] = []
        self.automata: dict[str, ahocorasick.Automaton] = {}
        self.add_patterns(patterns)

    def add_patterns(self, patterns: list[dict]) -> None:
        self.patterns = sorted(self.patterns + list(patterns), key=lambda p: (p["group"], p["id"], p["alias"]))
        self.automata = {
            g: build_automaton((p["id"], p["alias"]) for p in self.patterns if p["group"] == g and "before" not in p)
            for g in GROUPS
        }
        self.cued = {g: [p for p in self.patterns if p["group"] == g and "before" in p] for g in GROUPS}

    def __call__(self, doc: Doc) -> Doc:
        nt = normalized_text(doc_text(doc))
        for group, label in GROUPS.items():
            found = scan(self.automata[group], nt.norm)
            if self.cued[group]:
                found = sorted(found + cued_matches(nt.norm, self.cued[group], [(s, e) for s, e, _ in found]))
            spans = nt.spans([(s, e) for s, e, _ in found])
            set_group(doc, group, [(a, b, label, ident) for (a, b), (_, _, ident) in zip(spans, found)])
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / "patterns.jsonl", "w", encoding="utf-8") as fh:
            for p in self.patterns:
                fh.write(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n")

    def from_disk(self, path, exclude=()) -> "LexiconRuler":
        with open(Path(path) / "patterns.jsonl", encoding="utf-8") as fh:
            self.patterns = []
            self.add_patterns([json.loads(line) for line in fh if line.strip()])
        return self


@component("govkg_lexicon", writes=("spans:programs", "spans:agencies"), default_config={"use_schema": True})
def make_lexicon_ruler(nlp: Language, name: str, use_schema: bool) -> LexiconRuler:
    from govkg.schema.lexicon import load_lexicon

    return LexiconRuler(lexicon_patterns(load_lexicon()) if use_schema else [])
