"""Regular expressions for lists of words, written as tries.

Python's regex engine tries the alternatives of ``a|b|c`` one after another at
every position it stops at: forty role words are forty comparisons there. The
same words as a trie (``调解(?:员|委员会主任)|…``) cost one comparison per
character. Where several words start at one position they are prefixes of one
another, and the trie tries the longer first, as an alternation sorted
longest first does, so the two match the same text.

>>> any_word(["调解员", "调解", "书记"])
'(?:书记|调解(?:员)?)'
>>> import re
>>> [m.group() for m in re.finditer(any_word(["调解员", "调解", "书记"]), "调解员和调解、书记")]
['调解员', '调解', '书记']
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["any_word"]


def any_word(words: Iterable[str]) -> str:
    """Regex source matching any of ``words``, the longest first where several start at one position."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here
    return _source(trie)  # no words, or only the empty one: the empty pattern, as "|".join would give


def _source(node: dict[str, dict]) -> str:
    """The suffixes below ``node``: its branches, longer before the word that ends at it."""
    branches = [re.escape(c) + _source(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
