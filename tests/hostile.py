"""Hostile report files, written at test time: small on disk, each one attack of issue 10.

Every function writes real bytes (no mocks); :func:`write_hostile_corpus`
writes one folder with all of them, for an end-to-end test: every bad file
must be named on stderr, the good reports beside them built, the exit code 3,
and no traceback.

The PDFs are written by hand (a PDF is text with a table of byte offsets),
so that 99,999 pages take a second to write, not a minute.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> expected = write_hostile_corpus(d, long_chars=1_100)
>>> expected["charset_base64.html"], expected["pages.pdf"]
('warned', 'error')
>>> (d / "pages.pdf").stat().st_size < 1_000_000
True
>>> import shutil; (d / "locked").chmod(0o700); shutil.rmtree(d)
"""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

__all__ = [
    "CHARSETS", "GBK_NAME", "seed_text", "long_text", "many_pages_pdf", "big_streams_pdf", "deep_html",
    "charset_html", "understated_docx", "surrogate_pdf", "honest_docx", "without_root_powers", "stray_byte_text", "write_hostile_corpus",
]

#: Charset declarations that name no text encoding: codecs Python knows (bytes-to-bytes or str-to-str) and one it does not.
CHARSETS = ("base64", "zlib", "rot13", "hex", "uu", "bz2", "quopri", "undefined", "x-no-such-charset")
#: 报告.txt with its name in GBK bytes, as zip files made on Chinese Windows carry it.
GBK_NAME = "报告".encode("gbk") + b".txt"

_SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds"


def seed_text(i: int = 0, seeds: Path | None = None) -> str:
    """The text of seed report ``i`` (sorted by name)."""
    seeds = seeds or Path(os.environ.get("GOVKG_SHARED", _SEEDS.parent.parent)) / "corpus" / "seeds"
    return sorted(seeds.glob("*.txt"))[i].read_text(encoding="utf-8")


def long_text(chars: int, seeds: Path | None = None) -> str:
    """A report of at least ``chars`` characters: a seed's title, then the seed reports over and over."""
    body = "\n".join(seed_text(i, seeds) for i in range(5))
    copies = -(-chars // len(body))
    return "\n".join(f"第{i + 1}部分\n{body}" for i in range(copies))


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object ``i + 1`` is ``objects[i]``; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(content: bytes, compress: bool) -> bytes:
    if compress:
        data = zlib.compress(content, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _pages_pdf(contents: list[int], streams: list[bytes]) -> bytes:
    """Pages whose content is stream ``contents[i]`` of ``streams`` (streams may be shared)."""
    n = len(contents)
    first_page = 4 + len(streams)
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *streams,
    ]
    for c in contents:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (4 + c))
    return _pdf(objects)


def many_pages_pdf(pages: int = 99_999) -> bytes:
    """A PDF of ``pages`` pages: one page object listed ``pages`` times, so six bytes a page on disk."""
    text = b"BT /F1 11 Tf 72 770 Td (Report of the county on the rule of law, page after page.) Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"5 0 R " * pages + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(text, compress=False),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    ])


def big_streams_pdf(pages: int = 20, stream_bytes: int = 10_000_000) -> bytes:
    """A PDF of ``pages`` pages, each with its own content stream of ``stream_bytes`` (compressed, small on disk)."""
    line = b"BT /F1 9 Tf 20 %d Td (The county carried out legal education in every village and town.) Tj ET\n"
    one = b"".join(line % (800 - 10 * (i % 78)) for i in range(stream_bytes // len(line)))
    return _pages_pdf(list(range(pages)), [_stream(one + b"\n%% page %d\n" % i, compress=True) for i in range(pages)])


def surrogate_pdf(chars: int = 300) -> bytes:
    """A PDF whose font maps one code to half a character (U+D800, a lone surrogate): pypdf passes it on."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Half def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <D800> <42> <6CD5> endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 12 Tf 72 700 Td (" + b"B" * chars + b"A" + b"B" * 10 + b") Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        _stream(content, compress=False),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
        _stream(cmap, compress=False),
    ])


def deep_html(size: int, depth: int = 250, text: str = "") -> bytes:
    """A page of ``<div>`` chains ``depth`` deep, repeated up to ``size`` bytes; each chain ends in a sentence."""
    sentence = text or "一、工作成效\n我县推进“八五”普法，培养法律明白人一百二十名。"
    chain = ("<div>" * depth + "<p>" + sentence + "</p>" + "</div>" * depth).encode("utf-8")
    head = b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2023\xe5\xb9\xb4\xe6\xb3\x95\xe6\xb2\xbb\xe6\x94\xbf\xe5\xba\x9c\xe5\xbb\xba\xe8\xae\xbe\xe6\x83\x85\xe5\x86\xb5\xe6\x8a\xa5\xe5\x91\x8a</title></head><body>"
    return head + chain * max(1, (size - len(head)) // len(chain)) + b"</body></html>"


def charset_html(charset: str, text: str) -> bytes:
    """A portal page in UTF-8 whose ``<meta>`` declares ``charset`` (base64, zlib …: not a text encoding)."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>报告</title></head>'
            f'<body><div id="zoom">{paragraphs}</div></body></html>').encode("utf-8")


def _docx_parts(body_xml: bytes) -> dict[str, bytes]:
    w = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="'
                              + w + b'"><w:body>' + body_xml + b"</w:body></w:document>"),
    }


def understated_docx(real_bytes: int = 300 * 1024 * 1024) -> bytes:
    """A .docx whose document part declares a few kilobytes but inflates to ``real_bytes``.

    The central directory and the local header both understate the size
    (and carry the CRC of the first, declared bytes), so the archive lists
    and checks as a small, valid file; only inflating the entry shows what
    it holds. The file is about ``real_bytes / 1000`` on disk.
    """
    parts = _docx_parts(b"<w:p><w:r><w:t>\xe4\xb8\x80\xe3\x80\x81\xe5\xb7\xa5\xe4\xbd\x9c\xe6\x88\x90\xe6\x95\x88</w:t></w:r></w:p>")
    declared = 4096
    out = bytearray()
    central = bytearray()
    for name, data in parts.items():
        raw = zlib.compressobj(9, zlib.DEFLATED, -15)
        if name == "word/document.xml":  # the spaces go in before </w:body>, a megabyte at a time
            head, tail = data.split(b"</w:body>")
            chunk = b" " * (1 << 20)
            packed = raw.compress(head) + b"".join(raw.compress(chunk) for _ in range(real_bytes >> 20))
            packed += raw.compress(b"</w:body>" + tail) + raw.flush()
            size, crc = declared, zlib.crc32((head + chunk)[:declared])
        else:
            packed, size, crc = raw.compress(data) + raw.flush(), len(data), zlib.crc32(data)
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0)
        out += encoded + packed
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(packed), size,
                               len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), len(out), 0)
    return bytes(out + central + end)


def honest_docx(text: str) -> bytes:
    """A minimal, well-formed .docx of ``text``, one paragraph a line."""
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in text.splitlines())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _docx_parts(body.encode("utf-8")).items():
            z.writestr(name, data)
    return buf.getvalue()


def stray_byte_text(text: str, at: int | None = None) -> bytes:
    """``text`` in UTF-8 with one byte that is not UTF-8 (``\\xff``) in the middle of a line."""
    data = text.encode("utf-8")
    at = len(data) // 2 if at is None else at
    while at < len(data) and (data[at] & 0xC0) == 0x80:
        at += 1  # between two characters, not inside one
    return data[:at] + b"\xff" + data[at:]


def without_root_powers(args: list[str]) -> list[str]:
    """``args`` run so that folder permissions hold: as root, without the capabilities that override them.

    Root reads a folder of mode 000 (``CAP_DAC_OVERRIDE``); ``setpriv`` (util-linux) drops that power
    from the command it runs, so an unreadable folder is unreadable to it too.
    """
    if os.geteuid() != 0:
        return list(args)
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *args]


def write_hostile_corpus(folder: str | Path, long_chars: int = 1_100_000, gbk_name: bool = True) -> dict[str, str]:
    """Write one of every hostile file into ``folder``; what ``kg build`` must say of each.

    Returns ``{relative path: kind}``: ``error``, a file (or folder, or
    link) named on stderr as an error and counted as failed; ``warned``, a
    report in the graph that is named in a warning; ``warning``, a link
    named in a warning, nothing lost; ``built``, a report in the graph,
    nothing said. An unreadable folder can only be
    made for a process without root's powers: run ``kg build`` through
    :func:`without_root_powers` to see it named.
    ``long_chars`` sizes the report that is longer than spaCy's default
    limit of 1,000,000 characters. ``gbk_name`` adds a report whose file
    name is GBK bytes (the reader keeps it; the stores must hold it too).
    A folder that vanishes during the walk cannot be a file: see
    ``test_readers.test_a_folder_vanishing_during_the_walk_is_named``.
    """
    d = Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    (d / "long.txt").write_text(long_text(long_chars), encoding="utf-8")
    expected["long.txt"] = "built"
    for i, charset in enumerate(CHARSETS):
        name = f"charset_{charset}.html"
        (d / name).write_bytes(charset_html(charset, f"{charset}变体{i}\n" + seed_text(1)))
        expected[name] = "warned"
    (d / "stray_byte.txt").write_bytes(stray_byte_text("一个多余字节\n" + seed_text(2)))
    expected["stray_byte.txt"] = "warned"
    if gbk_name:  # a Windows zip's file name: GBK bytes, not UTF-8 (kept as surrogate escapes, shown as \xNN)
        with open(os.path.join(os.fsencode(d), GBK_NAME), "wb") as f:
            f.write(("文件名是GBK\n" + seed_text(3)).encode("utf-8"))
        expected[os.fsdecode(GBK_NAME)] = "built"
    (d / "surrogate.pdf").write_bytes(surrogate_pdf())
    expected["surrogate.pdf"] = "warned"
    (d / "pages.pdf").write_bytes(many_pages_pdf())
    expected["pages.pdf"] = "error"
    (d / "big_streams.pdf").write_bytes(big_streams_pdf())
    expected["big_streams.pdf"] = "error"
    (d / "deep.html").write_bytes(deep_html(200_000, 300, "我县推进“八五”普法，培养法律明白人。深度三百层。"))
    expected["deep.html"] = "built"
    (d / "understated.docx").write_bytes(understated_docx())
    expected["understated.docx"] = "error"
    # Links: one that loops back to its folder (harmless, named), one to nothing and one to itself (errors).
    links = d / "links"
    links.mkdir(exist_ok=True)
    (links / "report.txt").write_text("链接目录\n" + seed_text(4), encoding="utf-8")
    expected["links/report.txt"] = "built"
    os.symlink("..", links / "loop")
    expected["links/loop"] = "warning"
    os.symlink("missing.txt", links / "dangling.txt")
    expected["links/dangling.txt"] = "error"
    os.symlink("self.txt", links / "self.txt")
    expected["links/self.txt"] = "error"
    locked = d / "locked"
    locked.mkdir(exist_ok=True)
    (locked / "report.txt").write_text("锁住的目录\n" + seed_text(0), encoding="utf-8")
    locked.chmod(0)
    expected["locked"] = "error"
    return expected
