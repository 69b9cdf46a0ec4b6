"""The facts cache's key: what a report's facts depend on.

A report's facts (see :mod:`govkg.ingest.tables`, where a build keeps them)
are keyed by :func:`cache_key`: the hash of the report's text, its file
name (a report without a title line is titled by it), its manifest entry
and :func:`pipeline_fingerprint` (the ingest code, the schema files and
spaCy's version). A report whose key is unchanged is not tagged again, and
its facts are those a clean build would give.

Examples
--------
>>> from govkg.ingest.readers import document_from_text
>>> a = document_from_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", "a.txt")
>>> b = document_from_text("博爱县司法局2023年报告\\n我县推进“八五”普法。", "b.txt")
>>> cache_key(a) == cache_key(a), cache_key(a) == cache_key(b)
(True, False)
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from govkg.ingest.records import Document

__all__ = ["pipeline_fingerprint", "cache_key"]


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
