"""Decode the bytes of a plain-text report: detect the encoding, never guess it from the name.

The order is fixed, so the same bytes always decode the same way:

1. a byte-order mark (UTF-8, UTF-16, UTF-32, GB18030) decides;
2. NUL bytes mean UTF-16 without a mark (when one byte order decodes to
   ASCII and everyday Chinese) or else a binary file;
3. UTF-8: strict, or with the few byte sequences that are not UTF-8
   replaced by U+FFFD (one, or at most one for every hundred other
   non-ASCII characters) and counted in a warning: one stray byte does not make a
   report unreadable;
4. strict GB18030 (which covers GBK and GB2312), accepted when nearly all of
   its non-ASCII characters are in GB2312, the set of everyday simplified
   Chinese; Big5 and other CJK encodings also decode as GB18030, but into
   rare characters;
5. charset-normalizer's best guess, accepted only when it yields Chinese.

Statistical detectors alone are unreliable on short Chinese texts (a
GB18030 line of twenty characters reads to them as UTF-16); steps 1-4 settle
the encodings reports come in, and the detector handles the rest.

Examples
--------
>>> decode_text("关于2023年法治政府建设情况的报告".encode("gb18030"))
('关于2023年法治政府建设情况的报告', 'gb18030')
>>> decode_text("法治政府\\n".encode("utf-16-le"))
('法治政府\\n', 'utf-16-le')
>>> decode_text("關於法治政府建設情況的報告，本縣堅持依法行政。".encode("big5"))[1]
'big5'
>>> read_text("一、工作成效".encode("utf-8") * 10 + b"\\xff").warnings
('1 byte sequence that is not UTF-8 replaced by U+FFFD',)
>>> try:
...     decode_text(b"caf\\xe9")
... except FormatError as e:
...     print(e)
undecodable text: not UTF-8, UTF-16 or GB18030 (nor any encoding that gives Chinese)
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from govkg.ingest.formats.base import Extracted, FormatError

__all__ = ["decode_text", "decode_counting", "read_text", "looks_like_text", "replaced_warning"]

# Longest marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters that never occur in a report's text: controls other than
#: whitespace, unassigned code points, private use, lone surrogates.
_NOT_TEXT = {"Cc", "Cn", "Co", "Cs"}
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")
_RARE = re.compile("[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2000-\u206f\x80-\x9f\ud800-\udfff\ue000-\uf8ff]")
#: How much of a text is inspected for junk characters (enough, and fast on 20 MiB).
_SAMPLE = 65536


def looks_like_text(text: str) -> bool:
    """Whether ``text`` reads as text: at most 1 % of its characters are junk.

    >>> looks_like_text("法治政府\\n"), looks_like_text("\\x01\\x02\\x03abc")
    (True, False)
    """
    sample = text[:_SAMPLE]
    if not sample:
        return False
    # Controls, surrogates and private use by pattern; the rare other characters
    # (outside ASCII, CJK and common punctuation) by category, each distinct one once.
    junk = len(_JUNK.findall(sample))
    bad = {c for c in set(_RARE.findall(sample)) if unicodedata.category(c) in _NOT_TEXT}
    if bad:
        junk += sum(sample.count(c) for c in bad)
    return junk <= len(sample) // 100


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_everyday_chinese(text: str) -> bool:
    """At least 80 % of the non-ASCII characters (in a sample) are in GB2312."""
    wide = [c for c in text[:_SAMPLE] if ord(c) > 127]
    return bool(wide) and sum(map(_in_gb2312, wide)) >= 0.8 * len(wide)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a mark: the byte order whose decoding is everyday text (ASCII and GB2312)."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:_SAMPLE]
        everyday = sum(1 for c in sample if (" " <= c <= "~") or c in "\t\n\r" or (ord(c) > 127 and _in_gb2312(c)))
        share = everyday / max(1, len(sample))
        if best is None or share > best[0]:
            best = (share, text, codec)
    if best is None or best[0] < 0.9:
        return None
    return best[1], best[2]


def _detected(data: bytes) -> tuple[str | None, str | None]:
    """charset-normalizer's best decoding, as ``(text, codec)``; ``(None, guess)`` when it gives no Chinese."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None
    codec = best.encoding.replace("_", "-")
    if codec.startswith(("utf-16", "utf-32")):
        return None, None  # UTF-16 text has NUL bytes (newlines, digits) and was tried before; this is a misreading
    text = str(best)
    wide = [c for c in text[:_SAMPLE] if ord(c) > 127]
    if not wide or len(_HAN.findall(text[:_SAMPLE])) < 0.5 * len(wide):
        return None, codec
    return text, codec


def replaced_warning(count: int) -> str:
    """The warning for ``count`` byte sequences replaced by U+FFFD.

    >>> replaced_warning(2)
    '2 byte sequences that are not UTF-8 replaced by U+FFFD'
    """
    return f"{count} byte sequence{'s' if count != 1 else ''} that {'are' if count != 1 else 'is'} not UTF-8 replaced by U+FFFD"


def read_text(data: bytes) -> Extracted:
    """A plain-text report: :func:`decode_text`, with a warning when bytes had to be replaced.

    Raises
    ------
    FormatError
        As :func:`decode_text`.
    """
    text, codec, replaced = decode_counting(data)
    return Extracted(text, codec, {}, (replaced_warning(replaced),) if replaced else ())


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a report's bytes and the codec that decoded them.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    (text, codec) : tuple of str
        ``codec`` is the Python codec that decoded the data: ``utf-8``,
        ``utf-8-sig`` (with a mark), ``utf-16`` (with a mark), ``utf-16-le``,
        ``gb18030`` (also for GBK and GB2312), ``big5`` …

    Raises
    ------
    FormatError
        If the data is empty, binary, or in no encoding that gives Chinese text.
    """
    text, codec, _ = decode_counting(data)
    return text, codec


def _nearly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text of UTF-8 ``data`` with a few invalid sequences replaced, and how many; ``None`` if not nearly UTF-8."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file is not a replacement
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    if wide < 10 or replaced > max(1, wide // 100):
        return None
    return text, replaced


def decode_counting(data: bytes) -> tuple[str, str, int]:
    """As :func:`decode_text`, also counting the byte sequences replaced by U+FFFD (only ever in UTF-8)."""
    if not data.strip():
        raise FormatError("empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise FormatError(f"not valid {name} text despite its byte-order mark (byte {e.start})") from None
            return (*_checked(text.lstrip("\ufeff"), name), 0)
    if b"\x00" in data[:_SAMPLE]:
        found = _utf16_without_bom(data)
        if found is None:
            raise FormatError("binary file (contains NUL bytes), not a text report")
        return (*_checked(*found), 0)
    try:
        return (*_checked(data.decode("utf-8"), "utf-8"), 0)
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3 and e.start > 0:
            # A download cut short in the middle of its last character, when the rest shows itself
            # UTF-8 by its multi-byte characters (a lone Latin-1 é at the end would look the same).
            head = data[: e.start].decode("utf-8")
            if sum(ord(c) > 127 for c in head[:_SAMPLE]) >= 10:
                return (*_checked(head, "utf-8"), 0)
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return (*_checked(nearly[0], "utf-8"), nearly[1])
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _is_everyday_chinese(text):
        return (*_checked(text.lstrip("\ufeff"), "gb18030"), 0)
    text, guess = _detected(data)
    if text is None:
        why = f"looks like {guess}, with no Chinese" if guess else "nor any encoding that gives Chinese"
        raise FormatError(f"undecodable text: not UTF-8, UTF-16 or GB18030 ({why})")
    return (*_checked(text, guess or ""), 0)


def _checked(text: str, codec: str) -> tuple[str, str]:
    if not looks_like_text(text):
        raise FormatError(f"binary file (control characters after decoding as {codec}), not a text report")
    return text, codec
