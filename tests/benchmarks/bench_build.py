"""``make bench``: end-to-end ``kg build`` throughput against a raw Aho-Corasick scan.

Prints progress, then as its last line one JSON object:
``build_mchar_s`` (kg build, one process), ``scan_mchar_s`` (the lexicon's
aliases scanned over the same text with pyahocorasick), ``ratio`` (build /
scan) and ``rss_mb`` (peak resident memory of the build process).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ahocorasick
from govkg.schema.lexicon import load_lexicon
from govkg.schema.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def scan_rate(texts: list[str]) -> float:
    lex = load_lexicon()
    A = ahocorasick.Automaton()
    for group in (lex.programs, lex.agencies, lex.honors):
        for e in group.values():
            for a in e.aliases:
                A.add_word(normalize(a), a)
    A.make_automaton()
    chars = sum(map(len, texts))
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        hits = 0
        for t in texts:
            for _ in A.iter(t):
                hits += 1
        best = min(best, time.perf_counter() - t0)
    return chars / best / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "corpus" / "seeds"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths = write_corpus(Path(a.seeds), corpus, a.reports)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        chars = sum(map(len, texts))
        print(f"corpus: {len(paths)} reports, {chars / 1e6:.2f} Mchar", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "govkg.kg.cli", "build", str(corpus), "--graph", str(Path(tmp) / "g")],
                       check=True)
        build_s = time.perf_counter() - t0
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        scan = scan_rate(texts)
    build = chars / build_s / 1e6
    print(json.dumps({"reports": len(paths), "mchar": round(chars / 1e6, 3), "build_s": round(build_s, 2),
                      "build_mchar_s": round(build, 3), "scan_mchar_s": round(scan, 2),
                      "ratio": round(build / scan, 4), "rss_mb": round(rss_mb, 1)}))


if __name__ == "__main__":
    main()
