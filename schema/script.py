"""Traditional characters read as simplified, one character for one; and how wide characters are set.

Some portals offer a 繁体 view, and some reports are written in traditional
characters (城關鎮, 長陽縣). Every lexicon and table in ``schema/`` is in
simplified characters, so a report in traditional characters is matched
through its simplified form. The mapping is one character for one, so
offsets in the simplified form are offsets in the text as written, and
evidence quotes the report as it stands.

The table is ``schema/traditional.tsv``: OpenCC's ``t2s`` conversion of each
CJK character that it maps to one other character, made by ``make divisions``
(:func:`remake_traditional`). Characters that are also simplified ones used in
the division table or the lexicons (乾县, 于) are left out, so simplified
text never changes.

Examples
--------
>>> to_simplified("長陽土家族自治縣城關鎮")
'长阳土家族自治县城关镇'
>>> is_traditional("城關鎮人民政府2023年法治政府建設情況報告"), is_traditional("城关镇人民政府2023年报告")
(True, False)

Han characters and full-width punctuation take two columns
(:func:`display_width`), on a terminal and in a PDF's lines alike:

>>> display_width("博爱县 2023")
11
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy
from govkg.schema import SCHEMA_DIR

__all__ = ["TRADITIONAL", "to_simplified", "is_traditional", "read_traditional", "remake_traditional", "display_width"]

#: Traditional character -> simplified character.
TRADITIONAL = SCHEMA_DIR / "traditional.tsv"
#: The pinned OpenCC release the table is made from (only ``make divisions`` needs it).
OPENCC = "opencc==1.4.2"
# CJK Unified Ideographs, Extension A, and the compatibility block.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def read_traditional(path: str | Path) -> dict[str, str]:
    """The table ``path`` holds: ``traditional<TAB>simplified`` lines after ``#`` comments.

    Raises
    ------
    ValueError
        If a line is not two single characters (the message names the line).
    """
    table: dict[str, str] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#") or line == "traditional\tsimplified":
            continue
        cells = line.split("\t")
        if len(cells) != 2 or len(cells[0]) != 1 or len(cells[1]) != 1:
            raise ValueError(f"{path}:{n}: expected one traditional character, a tab and one simplified character")
        table[cells[0]] = cells[1]
    return table


@lru_cache(maxsize=1)
def _translation() -> dict[int, int]:
    return {ord(t): ord(s) for t, s in read_traditional(TRADITIONAL).items()}


def to_simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified one (same length)."""
    return text.translate(_translation())


@lru_cache(maxsize=1)
def _is_traditional_table() -> numpy.ndarray:
    """Per code point, whether it is a traditional character of the table."""
    table = numpy.zeros(0x110000, dtype=bool)
    table[list(_translation())] = True
    return table


def is_traditional(text: str, sample: int = 4000) -> bool:
    """Whether ``text`` is written in traditional characters: at least 3% of the Han
    characters of its first ``sample`` characters, and at least five, are traditional."""
    # Counted over code points with numpy: a Python pass per character cost a
    # millisecond a report, a sixth of tagging it.
    cps = numpy.frombuffer(text[:sample].encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    han = int(numpy.count_nonzero((cps >= 0x4E00) & (cps <= 0x9FFF)))
    trad = int(numpy.count_nonzero(_is_traditional_table()[cps]))
    return trad >= 5 and trad >= 0.03 * han


def remake_traditional(path: str | Path = TRADITIONAL) -> int:
    """Rewrite the table from OpenCC (``pip install opencc``); return its size.

    Characters found in the division table or the lexicons are simplified
    characters in their own right and are not mapped.
    """
    import opencc

    convert = opencc.OpenCC("t2s").convert
    kept = set()
    for name in ("divisions.tsv", "programs.yaml", "agencies.yaml", "honors.yaml", "cues.yaml"):
        kept |= set((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    rows = []
    for lo, hi in _RANGES:
        for cp in range(lo, hi):
            c = chr(cp)
            s = convert(c)
            if s != c and len(s) == 1 and c not in kept:
                rows.append(f"{c}\t{s}")
    Path(path).write_text(
        f"# source: {OPENCC} t2s, one character for one; characters used in the division table or the lexicons left out\n"
        "# license: Apache-2.0 (OpenCC, https://github.com/BYVoid/OpenCC)\n"
        "# made by: make divisions (govkg.schema.script.remake_traditional); edit by review, like the lexicon\n"
        "traditional\tsimplified\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def display_width(text: str, ambiguous: int = 1) -> int:
    """How many columns ``text`` takes: two for wide and full-width characters, one for the rest.

    ``ambiguous`` is the width of the East Asian Ambiguous characters (“ ” · …):
    1 as terminals show them, 2 as Chinese fonts set them (a PDF's lines).

    >>> display_width("“八五”普法"), display_width("“八五”普法", ambiguous=2)
    (10, 12)
    """
    wide = "WFA" if ambiguous == 2 else "WF"
    return sum(2 if unicodedata.east_asian_width(c) in wide else 1 for c in text)
