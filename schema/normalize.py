"""Normalising Chinese text for matching, with a way back to original offsets.

Reports write one name many ways: “八五”普法 and 八五普法, 村（居） and 村(居),
１２ and 12. Matching runs on a normalised view of the text in which
full-width ASCII becomes half-width, quotes and spaces disappear and Latin
letters are lower-cased; :class:`NormalizedText` maps offsets in that view
back to the original text, so evidence always points at the words as written.

Examples
--------
>>> normalize("“八五”普法")
'八五普法'
>>> normalize("村（居）法律顾问")
'村(居)法律顾问'
>>> nt = NormalizedText("推进“八五”普法。")
>>> nt.norm
'推进八五普法。'
>>> i = nt.norm.index("八五普法")
>>> nt.span(i, i + 4)
(3, 8)
>>> "推进“八五”普法。"[3:8]
'八五”普法'
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy

__all__ = ["normalize", "NormalizedText", "normalized_text", "QUOTES"]

#: Quote marks, dropped by normalisation.
QUOTES = "“”‘’\"'「」『』〝〞＂＇"

_TABLE: dict[int, int | None] = {c: ord(chr(c - 0xFEE0).lower()) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII
_TABLE.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_TABLE.update({ord(c): None for c in QUOTES})
_TABLE.update({ord(c): None for c in " \t\u3000\u00a0\r"})
_TABLE.update({ord(c): ord("·") for c in "・•‧∙⋅"})
_TABLE.update({ord("〔"): ord("["), ord("〕"): ord("]"), ord("【"): ord("["), ord("】"): ord("]")})
# The quote and space characters after full-width mapping, too.
for _k, _v in list(_TABLE.items()):
    if _v is not None and chr(_v) in QUOTES + " ":
        _TABLE[_k] = None

#: The characters normalisation drops (quotes, spaces, and their full-width forms).
_DROPPED = re.compile("[" + re.escape("".join(sorted(chr(c) for c, v in _TABLE.items() if v is None))) + "]")


# Longer texts go through numpy: each code point mapped through a table, the
# dropped ones removed. str.translate looks every character up in a dict, and
# report text is full of full-width punctuation (，：；) that changes.
_LONG = 64
_DROP = numpy.uint32(0xFFFFFFFF)  # no code point: marks a dropped character


@lru_cache(maxsize=1)
def _code_points() -> numpy.ndarray:
    """Code point -> normalised code point, or ``_DROP``."""
    table = numpy.arange(0x110000, dtype=numpy.uint32)
    for c, v in _TABLE.items():
        table[c] = _DROP if v is None else v
    return table


def _mapped(text: str) -> numpy.ndarray:
    return _code_points()[numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)]


def _joined(mapped: numpy.ndarray) -> str:
    return mapped[mapped != _DROP].tobytes().decode("utf-32-le", "surrogatepass")


def normalize(text: str) -> str:
    """The matching form of ``text``: half-width, no quotes or spaces, lower-case Latin."""
    if len(text) < _LONG:
        return text.translate(_TABLE)
    return _joined(_mapped(text))


def normalized_text(text: str) -> NormalizedText:
    """``NormalizedText(text)``, shared by the callers that ask for the same string object in
    turn (the lexicon ruler and the candidate rules both read a report's text)."""
    global _RECENT
    recent = _RECENT
    if recent is None or recent.text is not text:
        recent = _RECENT = NormalizedText(text)
    return recent


class NormalizedText:
    """A text and its normalised view, with offsets mapped back.

    Only deletions change offsets (the other replacements are one character
    for one), so the map is the sorted list of deleted positions.
    """

    __slots__ = ("text", "norm", "_deleted", "_shift")

    def __init__(self, text: str) -> None:
        self.text = text
        if len(text) < _LONG:
            self.norm = text.translate(_TABLE)
            self._deleted = [m.start() for m in _DROPPED.finditer(text)]
            # _shift[j] = number of kept characters before the j-th deleted one.
            self._shift = [d - j for j, d in enumerate(self._deleted)]
        else:
            mapped = _mapped(text)
            self.norm = _joined(mapped)
            deleted = numpy.flatnonzero(mapped == _DROP)
            self._deleted = deleted.tolist()
            self._shift = (deleted - numpy.arange(len(deleted))).tolist()

    def to_original(self, i: int) -> int:
        """Original offset of the character at normalised offset ``i``."""
        return i + bisect_right(self._shift, i)

    def from_original(self, i: int) -> int:
        """Normalised offset of original offset ``i``: how many kept characters precede it,
        so ``normalize(text[a:b]) == norm[from_original(a):from_original(b)]``.

        >>> nt = NormalizedText("推进“八五”普法")
        >>> nt.norm[nt.from_original(2):nt.from_original(6)] == normalize("推进“八五”普法"[2:6])
        True
        """
        return i - bisect_left(self._deleted, i)

    def spans(self, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` of each normalised slice (one comprehension, not two method calls a slice).

        >>> nt = NormalizedText("推进“八五”普法。")
        >>> nt.spans([(2, 6), (0, 2), (3, 3)]) == [nt.span(2, 6), nt.span(0, 2), nt.span(3, 3)]
        True
        """
        shift = self._shift
        if not shift:  # nothing dropped: offsets are the same
            return [(s, e if e > s else s) for s, e in slices]
        return [(s + bisect_right(shift, s), e + bisect_right(shift, e - 1) if e > s else s + bisect_right(shift, s))
                for s, e in slices]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised slice ``[start, end)``."""
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original(end - 1) + 1


#: The NormalizedText :func:`normalized_text` made last.
_RECENT: NormalizedText | None = None
