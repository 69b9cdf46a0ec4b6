"""Plain-text reports: the encoding is detected from the bytes, the text comes back exactly."""
from __future__ import annotations

import codecs
import random

import pytest
from govkg.ingest.formats import FormatError, read_bytes
from govkg.ingest.formats.text import decode_text
from hostile import stray_byte_text

# Written for these tests: a short report in traditional characters, as Big5 files carry.
TRADITIONAL = ("關於2023年法治政府建設情況的報告\n一、工作成效\n本鎮堅持以習近平法治思想為指導，深入開展“八五”普法，"
               "培養農村學法用法示範戶，推進法治鄉村建設。\n二、下一步工作打算\n繼續加強依法行政。\n")

ENCODINGS = [
    # (how the file is written, the bytes' prefix, the codec reported)
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16", b"", "utf-16"),  # Python writes a BOM
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
    ("utf-32", b"", "utf-32"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
]


@pytest.mark.parametrize("codec,prefix,reported", ENCODINGS)
def test_every_seed_decodes_exactly(seeds_dir, codec, prefix, reported):
    for f in sorted(seeds_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8").lstrip("\ufeff")
        assert decode_text(prefix + text.encode(codec)) == (text, reported), f.name


@pytest.mark.parametrize("codec,prefix,reported", ENCODINGS)
def test_short_openings_decode_exactly(seeds_dir, codec, prefix, reported):
    # Twenty characters are too few for a statistical detector (it reads short GB18030 as UTF-16).
    for f in sorted(seeds_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8").strip("\ufeff \n")
        for n in (8, 20, 60):
            assert decode_text(prefix + text[:n].encode(codec)) == (text[:n], reported), (f.name, n)


def test_gb18030_four_byte_characters():
    text = "䶮、𠮷：法治政府建设情况报告。\n"  # outside GBK: four-byte sequences in GB18030
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


def test_big5_goes_to_the_detector():
    text, codec = decode_text(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL and codec.startswith("big5")


def test_the_gb18030_byte_order_mark_is_dropped():
    assert decode_text(b"\x84\x31\x95\x33" + "一、工作成效".encode("gb18030")) == ("一、工作成效", "gb18030")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b" \r\n\t ", "empty file"),
    (b"\x00\x01\x02" * 100, "binary file"),
    (random.Random(3).randbytes(4096), "binary file"),
    ("caf\xe9 cr\xe8me".encode("latin-1"), "undecodable text"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "not valid utf-8-sig text despite its byte-order mark"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8\x41", "not valid utf-16 text"),
    (b"\x01\x02\x03\x04\x05\x06 report \x07\x08\x0e\x0f", "binary file (control characters"),
])
def test_what_is_not_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(FormatError) as e:
        decode_text(data)
    assert reason in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("magic,what", [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff\xe0", "JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office file"),
    (b"\x1f\x8b\x08", "gzip archive"),
    (b"{\\rtf1\\ansi", "RTF file"),
])
def test_known_binary_formats_are_named(magic, what):
    with pytest.raises(FormatError, match=what):
        read_bytes(magic + bytes(range(256)) * 4, ".txt")


def test_form_feeds_and_dos_end_marks_do_not_make_text_binary():
    text = "一、工作成效\f二、下一步打算\x1a"
    assert decode_text(text.encode("utf-8"))[0] == text


def test_utf8_cut_in_its_last_character_keeps_the_rest(seeds_dir):
    text = (seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8")
    data = text.encode("utf-8")
    last = len(text[-1].encode("utf-8"))
    assert last == 3
    assert decode_text(data[:-1]) == (text[:-1], "utf-8")
    assert decode_text(data[:-2]) == (text[:-1], "utf-8")


def test_one_stray_byte_in_a_utf8_report_is_replaced_and_counted(seeds_dir):
    text = (seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8")
    r = read_bytes(stray_byte_text(text), ".txt")
    assert (r.encoding, r.text.count("\ufffd")) == ("utf-8", 1)
    assert r.text.replace("\ufffd", "") == text
    assert r.warnings == ("1 byte sequence that is not UTF-8 replaced by U+FFFD",)
    # U+FFFD written in the file is text, not a replacement.
    r = read_bytes(stray_byte_text("替换符\ufffd照录。" + text, at=3), ".txt")
    assert r.text.count("\ufffd") == 2 and r.warnings == ("1 byte sequence that is not UTF-8 replaced by U+FFFD",)


def test_many_bad_bytes_are_not_taken_for_utf8_nor_gbk_for_broken_utf8(seeds_dir):
    text = (seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8")
    assert read_bytes(text.encode("gb18030"), ".txt").warnings == ()
    data = bytearray(text.encode("utf-8"))
    for i in range(0, len(data), 40):
        data[i] = 0xFF  # one in forty bytes: damage, not a stray byte
    with pytest.raises(FormatError):
        read_bytes(bytes(data), ".txt")
