"""A synthetic corpus for benchmarks: the seed reports with their regions rotated.

Nothing is copied into the repository: the corpus is written at run time
from ``../shared/corpus/seeds``, each copy naming a different county (and its
short name) in place of the seed's own. Every other copy writes every other
comma the ASCII way (``,`` for ``，``), as many real reports do: a corpus
with one comma width once hid a store bug.
"""
from __future__ import annotations

import re
from pathlib import Path

from govkg.ingest.divisions import default_gazetteer

__all__ = ["write_corpus", "mix_commas", "SEED_NAMES"]

#: Full and short names each seed uses for itself.
SEED_NAMES = {"博爱县": "博爱", "泽州县": "泽州", "郏县": "郏县", "陕州区": "陕州", "宝丰县": "宝丰"}


_EVERY_OTHER_COMMA = re.compile("(，[^，]*)，")


def mix_commas(text: str) -> str:
    """``text`` with every second full-width comma written as an ASCII one.

    >>> mix_commas("一，二，三，四")
    '一，二,三，四'
    """
    return _EVERY_OTHER_COMMA.sub(lambda m: m.group(1) + ",", text)


def write_corpus(seeds: Path, out: Path, n: int) -> list[Path]:
    """Write ``n`` reports to ``out``; return their paths."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    counties = [d for d in default_gazetteer() if d.level == "county" and not d.former and len(d.name) >= 3]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        c = counties[(i * 7919) % len(counties)]
        for full, short in SEED_NAMES.items():
            text = text.replace(full, c.name)
            if len(short) >= 2 and short != full:
                text = text.replace(short, c.name[:-1])
        if i % 2:
            text = mix_commas(text)
        # A serial number of its own: at 16x the seeds and counties repeat, and
        # equal texts would be duplicates the build reads once.
        text = text.rstrip("\n") + f"\n（存档编号 {i:06d}）\n"
        p = out / f"r{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths
