"""Read report files into :class:`~govkg.ingest.records.Document` records.

Folders are walked recursively in sorted order; files are decoded, and text
is kept as written (offsets in facts point into it). A file that cannot be
read raises :class:`ReadError` with a one-line reason; callers decide
whether to go on.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("关于2023年法治政府建设情况的报告", encoding="utf-8")
>>> [doc.file for doc in iter_documents([d])]
['a.txt']
>>> read_document(d / "a.txt").id.startswith("report:")
True
"""
from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from govkg.ingest.records import Document

__all__ = ["ReadError", "read_document", "iter_paths", "iter_documents", "document_from_text", "SUFFIXES", "MAX_BYTES"]

#: File types ``kg build`` reads.
SUFFIXES = (".txt",)
#: Larger files are refused: a report is tens of kilobytes, not gigabytes.
MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file could not be read as a report; ``str(e)`` says which and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def document_from_text(text: str, file: str, path: str = "", encoding: str = "utf-8",
                       meta: dict[str, str] | None = None) -> Document:
    """A :class:`Document` for ``text``; its id is the hash of the text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(f"report:{digest[:16]}", file, path or file, text, digest, encoding, dict(meta or {}))


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode report bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if not data.strip():
        raise ReadError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise ReadError(path, "binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        raise ReadError(path, f"not valid UTF-8 text (byte {e.start})") from None


def read_document(path: str | Path) -> Document:
    """Read one report file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(p, f"file is {size // (1024 * 1024)} MiB; reports over {MAX_BYTES // (1024 * 1024)} MiB are refused")
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(p, e.strerror or str(e)) from None
    text, encoding = decode(data, p)
    if not text.strip():
        raise ReadError(p, "no text")
    return document_from_text(text, p.name, str(p), encoding)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Report files under ``paths`` (files as given, folders walked), sorted, each once.

    Raises
    ------
    ReadError
        If a path does not exist.
    """
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise ReadError(p, "no such file or folder")
        found = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                                               and not any(part.startswith(".") for part in f.relative_to(p).parts))
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Documents for every report file under ``paths`` (raises on the first bad one)."""
    for f in iter_paths(paths):
        yield read_document(f)
