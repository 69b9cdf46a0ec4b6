"""The facts cache: each report's facts and candidate mentions, kept between builds.

An entry is keyed by :func:`cache_key`: the hash of the report's text, its
file name (a report without a title line is titled by it), its manifest
entry and :func:`pipeline_fingerprint` (the ingest code, the schema files and
spaCy's version). A report whose key is unchanged is not tagged again, and
its facts are those a clean build would give.

Entries are JSON lines (:func:`cache_text`, :func:`read_cache`). The text is
at hand whenever an entry is read back (its hash is in the key), so each
evidence sentence is stored as ``[offset, length]`` into it
(:func:`pack_evidence`): sentences repeated for every fact made the cache
larger than the graph. Where the evidence sits is read from the records'
fields (:data:`govkg.ingest.records.EVIDENCE_PATHS`), so a new kind of fact is
packed without being listed here.

Examples
--------
>>> from govkg.ingest.pipeline import extract_all
>>> from govkg.ingest.readers import document_from_text
>>> d = document_from_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", "a.txt")
>>> facts = list(extract_all([d]))
>>> text = cache_text([d], {d.id: cache_key(d)}, {d.id: facts[0]}, {d.id: []})
>>> '"sentence": [' in text and "我县推进" not in text
True
>>> cache = read_cache_lines(text.splitlines())
>>> cached_facts(cache[cache_key(d)], d)[0] == facts[0]
True
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from govkg.ingest.candidates import CandidateRow
from govkg.ingest.records import Document, ReportFacts, evidence_dicts, facts_from_dict, facts_to_dict

__all__ = ["pipeline_fingerprint", "cache_key", "pack_evidence", "unpack_evidence", "cache_text", "read_cache",
           "read_cache_lines", "cached_facts"]


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """A hash of everything extraction depends on: the ingest code (candidate detection
    included), the schema files (the lexicon and the division table) and spaCy's version."""
    import govkg.ingest
    import govkg.schema

    h = hashlib.sha256()
    for pkg in (govkg.ingest, govkg.schema):
        root = Path(pkg.__file__).parent
        for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".tsv") and "__pycache__" not in p.parts):
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    for dist in ("govkg", "spacy"):
        try:
            h.update(f"{dist}=={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:16]


def cache_key(d: Document) -> str:
    """The key of ``d``'s entry: its text, file name, metadata and the pipeline."""
    # The file name is part of the facts: a report without a title line is
    # titled by it, so a renamed file is read again.
    meta = json.dumps(d.meta, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{pipeline_fingerprint()}|{d.sha256}|{d.file}|{meta}".encode()).hexdigest()[:32]


def pack_evidence(facts: dict[str, Any], text: str) -> dict[str, Any]:
    """Replace each evidence sentence found in ``text`` by ``[offset, length]`` (in place).

    >>> f = {"issuer": None, "programs": [{"evidence": {"sentence": "推进述法。", "start": 3, "end": 5}}]}
    >>> pack_evidence(f, "一、\\n推进述法。")["programs"][0]["evidence"]["sentence"]
    [3, 5]
    >>> unpack_evidence(f, "一、\\n推进述法。")["programs"][0]["evidence"]["sentence"]
    '推进述法。'
    """
    for ev in evidence_dicts(facts):
        sentence = ev["sentence"]
        i = text.find(sentence, max(0, ev["start"] - len(sentence)))
        if sentence and i >= 0:
            ev["sentence"] = [i, len(sentence)]
    return facts


def unpack_evidence(facts: dict[str, Any], text: str) -> dict[str, Any]:
    """Undo :func:`pack_evidence` (in place)."""
    for ev in evidence_dicts(facts):
        if isinstance(ev["sentence"], list):
            i, n = ev["sentence"]
            ev["sentence"] = text[i:i + n]
    return facts


def cache_text(documents: Iterable[Document], keys: dict[str, str], facts: dict[str, ReportFacts],
               candidates: dict[str, list[CandidateRow]]) -> str:
    """The cache's JSON lines for ``documents``, in their order; the other arguments are by report id."""
    return "".join(
        json.dumps({"key": keys[d.id], "facts": pack_evidence(facts_to_dict(facts[d.id]), d.text),
                    "candidates": [asdict(r) for r in candidates[d.id]]}, ensure_ascii=False, sort_keys=True) + "\n"
        for d in documents)


def read_cache_lines(lines: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Entries by key from the lines :func:`cache_text` wrote; a damaged cache is empty."""
    cache: dict[str, dict[str, Any]] = {}
    try:
        for line in lines:
            entry = json.loads(line)
            cache[entry["key"]] = entry
    except (ValueError, KeyError):
        return {}  # a damaged cache is only a slower build
    return cache


def read_cache(path: str | Path) -> dict[str, dict[str, Any]]:
    """Entries by key from the cache file at ``path`` (none if there is no such file)."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except ValueError:  # not UTF-8: damaged
        return {}
    return read_cache_lines(text.splitlines())


def cached_facts(entry: dict[str, Any], d: Document) -> tuple[ReportFacts, list[CandidateRow]]:
    """The facts and candidate mentions of ``d`` from its cache ``entry`` (found by :func:`cache_key`)."""
    facts = facts_from_dict(unpack_evidence(entry["facts"], d.text))
    facts.file = d.file
    return facts, [replace(CandidateRow(**r), file=d.file) for r in entry.get("candidates", [])]
