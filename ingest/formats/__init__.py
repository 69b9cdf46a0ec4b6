"""File formats a report can come in, and which reader a file's bytes go to.

The content decides where it can: a PDF or a ZIP archive is recognised by
its first bytes whatever its name, so a PDF saved as ``.txt`` still reads;
a page that begins ``<!DOCTYPE html>``/``<html>`` is read as HTML. Otherwise
the suffix says HTML (``.html``, ``.htm``, ``.shtml``) or text. Known binary
formats that are not reports (images, archives, old Word files) are refused
with a reason that says what the file is.

Examples
--------
>>> sniff_format(b"%PDF-1.7 ...", ".txt")
'pdf'
>>> sniff_format(b"<!DOCTYPE html><html>...", "")
'html'
>>> read_bytes("一、工作成效".encode("gb18030"), ".txt")
Extracted(text='一、工作成效', encoding='gb18030', meta={}, warnings=())
>>> try:
...     read_bytes(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(100), ".doc")
... except FormatError as e:
...     print(e)
an old Office file (.doc, .wps or .xls); save it as .docx or .pdf
"""
from __future__ import annotations

from typing import Callable

from govkg.ingest.formats.base import Extracted, FormatError
from govkg.ingest.formats.docx import MAX_UNPACKED_BYTES, read_docx
from govkg.ingest.formats.html import read_html
from govkg.ingest.formats.pdf import read_pdf
from govkg.ingest.formats.text import read_text

__all__ = ["Extracted", "FormatError", "FORMAT_OF_SUFFIX", "MAX_UNPACKED_BYTES", "read_bytes", "sniff_format"]

#: The suffixes a folder walk picks up, and the format each names.
FORMAT_OF_SUFFIX: dict[str, str] = {
    ".txt": "text", ".html": "html", ".htm": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf",
}

#: First bytes of binary files that are not reports, and what to call them.
_NOT_REPORTS: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc, .wps or .xls); save it as .docx or .pdf"),
    (b"\x89PNG", "binary file (a PNG image), not a report"),
    (b"\xff\xd8\xff", "binary file (a JPEG image), not a report"),
    (b"GIF8", "binary file (a GIF image), not a report"),
    (b"II*\x00", "binary file (a TIFF image; run OCR first), not a report"),
    (b"MM\x00*", "binary file (a TIFF image; run OCR first), not a report"),
    (b"\x1f\x8b", "binary file (a gzip archive; unpack it first), not a report"),
    (b"7z\xbc\xaf\x27\x1c", "binary file (a 7-Zip archive; unpack it first), not a report"),
    (b"Rar!", "binary file (a RAR archive; unpack it first), not a report"),
    (b"\x7fELF", "binary file (a program), not a report"),
    (b"MZ", "binary file (a Windows program), not a report"),
    (b"{\\rtf", "an RTF file; save it as .docx or .pdf"),
)

_READERS: dict[str, Callable[[bytes], Extracted]] = {
    "text": read_text,
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        return b"<html" in head
    return head.startswith((b"<!doctype html", b"<html"))


def sniff_format(data: bytes, suffix: str = "") -> str:
    """``text``, ``html``, ``docx`` or ``pdf``: the reader for ``data``, by content first, then ``suffix``.

    Raises
    ------
    FormatError
        If the data is a known binary format that is not a report.
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # read_docx says what kind of ZIP archive it is, if not a .docx
    for magic, reason in _NOT_REPORTS:
        if data.startswith(magic):
            raise FormatError(reason)
    if _looks_like_html(data):
        return "html"
    return FORMAT_OF_SUFFIX.get(suffix.lower(), "text")


def read_bytes(data: bytes, suffix: str = "") -> Extracted:
    """The report in ``data``; ``suffix`` (``.html`` …) is the file's, used when the content does not say.

    Raises
    ------
    FormatError
        If the data is empty, binary, broken, or holds no text; ``str(e)``
        is a one-line reason.
    """
    if not data.strip():
        raise FormatError("empty file")
    extracted = _READERS[sniff_format(data, suffix)](data)
    if not extracted.text.strip():
        raise FormatError("no text")
    return extracted
