"""A report's outline: sentences, and the headed sections and what each reports.

Reports are organised under numbered headings (一、 （一） (1) 1、); what a
section is about decides whether the programs in it were done or only
promised. A section is ``achievement``, ``plan``, ``problem`` or ``other``;
text before the first heading is the ``preamble`` (usually a summary of the
year's results).

Examples
--------
>>> text = "一、工作成效\\n推进述法。\\n二、下一步工作打算\\n深化述法。"
>>> [(s.kind, text[s.start:s.end].split(chr(10))[0]) for s in split_sections(text)]
[('achievement', '一、工作成效'), ('plan', '二、下一步工作打算')]
>>> s = "推进述法。深化述法；好！"
>>> [s[a:b] for a, b in sentence_bounds(s)]
['推进述法。', '深化述法；', '好！']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Mapping, Sequence

__all__ = ["Section", "Heading", "find_headings", "split_sections", "sentence_bounds", "sentences", "classify_heading",
           "CLAUSE_OPENERS"]

#: Characters after which a clause begins: punctuation, an opening quote or
#: bracket, a line break, and a line's indent (　　宏村司法所…). Place and office
#: names are looked for right after one.
CLAUSE_OPENERS = "、，,：:。；;\n“\"（( \t\u3000"

_CN_NUM = "一二三四五六七八九十"
# Marker styles, each its own level; a document's levels follow first appearance.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第[{_CN_NUM}]+部分")),
    ("cn_dun", re.compile(rf"[{_CN_NUM}]+[、，,．.]")),
    ("cn_paren", re.compile(rf"[（(][{_CN_NUM}]+[)）]")),
    ("num_paren", re.compile(r"[（(]\d{1,2}[)）]")),
    ("num_dun", re.compile(r"\d{1,2}[、]")),
    ("num_dot", re.compile(r"\d{1,2}[.．](?!\d)")),
)
# All marker styles in one pass: a line's leading blanks, one marker, the rest of the line.
_HEADING = re.compile(
    r"^[ \t\u3000]*(?:" + "|".join(f"(?P<{name}>{pat.pattern})" for name, pat in _MARKERS) + r")(?P<rest>[^\n]*)",
    re.M,
)
_SENT_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』)）]?|\n+|$)")


@dataclass(frozen=True, slots=True)
class Heading:
    start: int
    end: int
    style: str
    title: str


@dataclass(frozen=True, slots=True)
class Section:
    """A span of the report and what it reports: done, planned or problems."""

    start: int
    end: int
    #: ``preamble`` (before the first heading), ``achievement``, ``plan``, ``problem`` or ``other``.
    kind: str
    title: str
    depth: int


def find_headings(text: str) -> list[Heading]:
    """Headings at the start of lines: marker, then a title up to 。 or the line's end."""
    out = []
    for m in _HEADING.finditer(text):
        style = next(name for name, _ in _MARKERS if m.group(name) is not None)
        rest = m.group("rest")
        cut = min((i for i in (rest.find("。"), rest.find("："), rest.find(":")) if i >= 0), default=len(rest))
        title = rest[: min(cut, 60)].strip()
        if title:
            s = m.start(style)
            out.append(Heading(s, m.start("rest") + rest.find(title) + len(title), style, title))
    return out


def classify_heading(title: str, cues: Mapping[str, Sequence[str]], default: str | None = "achievement") -> str | None:
    """The section kind a heading's title announces; ``default`` when none does.

    >>> classify_heading("2024年工作打算", {"plan": ["工作打算"], "problem": ["存在问题"]})
    'plan'
    """
    for kind in ("plan", "problem", "other", "achievement"):
        words = _any_of(tuple(cues.get(kind, ())))
        if words is not None and words.search(title):
            return kind
    return default


@lru_cache(maxsize=64)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern finding any of ``words`` (a heading is checked against every cue word of a kind)."""
    return re.compile("|".join(map(re.escape, words))) if words else None


def split_sections(text: str, cues: Mapping[str, Sequence[str]] | None = None) -> list[Section]:
    """Sections under headings, each with the kind its heading (or an ancestor's) gives.

    A top-level heading sets the kind of everything under it; a lower heading
    changes it only when its own title names plan, problem or other.
    """
    if cues is None:
        from govkg.schema.lexicon import load_lexicon

        cues = load_lexicon().cues["sections"]
    heads = find_headings(text)
    levels: dict[str, int] = {}
    for h in heads:
        levels.setdefault(h.style, len(levels))
    out: list[Section] = []
    stack: list[tuple[int, str]] = []  # (depth, kind) of open headings
    for i, h in enumerate(heads):
        depth = levels[h.style]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        inherited = stack[-1][1] if stack else None
        own = classify_heading(h.title, cues, default=None)
        if inherited is None:
            kind = own or "achievement"
        elif own in ("plan", "problem", "other"):
            kind = own
        else:
            kind = inherited
        stack.append((depth, kind))
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        out.append(Section(h.start, end, kind, h.title, depth))
    return out


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each sentence: ends at 。！？； and at line breaks."""
    end = len(text) if end is None else end
    for m in _SENT_END.finditer(text, start, end):
        a, b = m.span()
        if b > a:
            # Trim the line break and leading blanks off the sentence itself (str.strip
            # does it in C: this runs for every sentence of every report).
            seg = m.group().lstrip(" \t\u3000\n")
            a = b - len(seg)
            bb = a + len(seg.rstrip("\n "))
            if bb > a:
                yield a, bb
        if b >= end:
            break


def sentences(text: str) -> list[tuple[int, int]]:
    """``list(sentence_bounds(text))``, remembered for the last string asked for (the same
    object): the sections component and the candidate rows both need a report's sentences,
    and their signatures leave no way to hand them over."""
    global _LAST_SENTENCES
    last = _LAST_SENTENCES
    if last is None or last[0] is not text:
        last = _LAST_SENTENCES = (text, list(sentence_bounds(text)))
    return last[1]


#: The text :func:`sentences` split last, and its sentences.
_LAST_SENTENCES: tuple[str, list[tuple[int, int]]] | None = None
