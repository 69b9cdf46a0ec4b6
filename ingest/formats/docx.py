"""Read a Word .docx report: paragraphs and table cells, in document order.

python-docx opens the package (it finds the main document part and checks
its type); the text is then read from the document's XML. Each paragraph is
one line, with all its text: runs, hyperlinks, tracked insertions, smart
tags and fields (deleted text is left out). A table gives one line per cell,
row by row (a merged cell once). Content controls are opened; headers,
footers, comments and text boxes are not part of the report's text. The core properties are
left out of ``meta``: their title is often a stale one from a template.

A .docx is a ZIP archive, so its size on disk says little: the archive's
declared unpacked size is checked against :data:`MAX_UNPACKED_BYTES` before
anything is decompressed, and then every entry is inflated a megabyte at a
time and must hold exactly what it declares: an entry that understates its
size would otherwise be inflated whole, in one piece, by :mod:`zipfile`
when python-docx reads it (2 GB for a 2 MB entry).

Examples
--------
>>> import io, docx
>>> d = docx.Document()
>>> _ = d.add_paragraph("关于2023年法治政府建设情况的报告")
>>> t = d.add_table(rows=1, cols=2)
>>> t.cell(0, 0).text, t.cell(0, 1).text = "单位", "博爱县司法局"
>>> _ = d.add_paragraph("一、工作成效")
>>> buf = io.BytesIO(); d.save(buf)
>>> print(read_docx(buf.getvalue()).text)
关于2023年法治政府建设情况的报告
单位
博爱县司法局
一、工作成效
>>> try:
...     read_docx(b"PK\\x03\\x04 not really a zip")
... except FormatError as e:
...     print(e)
broken .docx (not a readable ZIP archive)
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Iterator

from govkg.ingest.formats.base import Extracted, FormatError

__all__ = ["read_docx", "MAX_UNPACKED_BYTES"]

#: A .docx whose parts would unpack to more than this is refused (a ZIP bomb, or not a report).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FormatError("broken .docx (not a readable ZIP archive)") from None
    names = {i.filename for i in infos}
    for part, kind in (("xl/workbook.xml", "an Excel workbook"), ("ppt/presentation.xml", "a PowerPoint deck"),
                       ("content.xml", "an OpenDocument file (save it as .docx)")):
        if part in names:
            raise FormatError(f"{kind}, not a Word .docx")
    if "[Content_Types].xml" not in names and not any(n.startswith("word/") for n in names):
        raise FormatError("a ZIP archive, not a Word .docx")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormatError(f".docx unpacks to {unpacked // (1024 * 1024)} MiB; "
                          f"over {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB is refused")
    for info in infos:
        _check_entry(data, info)


#: How much of an entry is inflated at a time while checking it.
_CHUNK = 1 << 20


#: A ZIP local file header: signature, versions, flags, method, time, date, CRC, sizes, name and extra lengths.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


def _entry_bytes(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The stored (compressed) bytes of an entry, found through its local header."""
    at = info.header_offset
    header = data[at:at + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise FormatError(f"broken .docx (no local header for {info.filename!r})")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    start = at + _LOCAL_HEADER.size + name_length + extra_length
    if start + info.compress_size > len(data):
        raise FormatError(f"broken .docx ({info.filename!r} runs past the end of the file)")
    return memoryview(data)[start:start + info.compress_size]


def _check_entry(data: bytes, info: zipfile.ZipInfo) -> None:
    """Inflate one entry a megabyte at a time: it must hold exactly the bytes its header declares.

    Raises
    ------
    FormatError
        If the entry is encrypted, compressed in a way Word never uses, holds
        more or less than it declares, or fails its checksum.
    """
    if info.flag_bits & 0x1:
        raise FormatError("encrypted .docx; save it without a password")
    stored = _entry_bytes(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        size, crc = len(stored), zlib.crc32(stored)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        size, crc, pending = 0, 0, bytes(stored)
        while pending:
            try:
                chunk = inflate.decompress(pending, _CHUNK)
            except zlib.error:
                raise FormatError(f"broken .docx ({info.filename!r} does not inflate)") from None
            size, crc, pending = size + len(chunk), zlib.crc32(chunk, crc), inflate.unconsumed_tail
            if size > info.file_size:
                raise FormatError(f"broken .docx ({info.filename!r} declares {info.file_size:,} bytes "
                                  "but holds more; refused before unpacking it)")
            if not chunk and inflate.eof:
                break
    else:
        raise FormatError(f"broken .docx ({info.filename!r} uses ZIP compression method {info.compress_type}, "
                          "which Word does not write)")
    if size != info.file_size or crc != info.CRC:
        raise FormatError(f"broken .docx ({info.filename!r} does not match its size or checksum)")


#: Inline elements whose text is not the paragraph's: deleted revisions, text boxes, field codes.
_SKIP = frozenset(f"{_W}{t}" for t in ("del", "moveFrom", "txbxContent", "instrText", "delText", "pPr", "rPr"))
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _paragraph_text(p) -> str:
    """All the text of a paragraph, in order, also inside insertions, smart tags, fields and hyperlinks.

    (python-docx's ``Paragraph.text`` reads only runs and hyperlinks directly
    under the paragraph; files converted from .doc keep dates and names in
    smart tags, and tracked insertions sit in ``w:ins``.)
    """
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _TEXT:
                out.append(child.text or "" if _TEXT[tag] is None else _TEXT[tag])
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _blocks(parent) -> Iterator[str]:
    """Lines of the paragraphs and table cells under a body, cell or content control, in order.

    Cells are read from the XML, so a cell spanning columns (``w:gridSpan``)
    is read once and the continuation of a vertical merge is empty.
    """
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph_text(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from _blocks(cell)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _blocks(content if content is not None else child)


def read_docx(data: bytes) -> Extracted:
    """The text of a .docx: one line per paragraph and per table cell.

    Raises
    ------
    FormatError
        If the archive is broken, not a Word document, or unpacks too large.
    """
    import docx

    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document.element.body))
    except Exception as e:  # a damaged part can fail anywhere in python-docx or lxml; name it, no traceback
        detail = str(e).splitlines()[0][:120] if str(e) else ""
        raise FormatError(f"broken .docx ({type(e).__name__}{': ' + detail if detail else ''})") from None
    lines = (line.strip(" \u3000\xa0") for block in blocks for line in block.split("\n"))
    return Extracted("\n".join(line for line in lines if line), "docx")
