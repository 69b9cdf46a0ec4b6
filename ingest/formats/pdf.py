"""Read a PDF report with a text layer, and put its broken lines back together.

A PDF knows lines, not paragraphs: Chinese text wraps mid-word, so a
sentence arrives in pieces and a heading can look like any short line.
pypdf's layout extraction keeps where each line starts and how far right it
reaches. :func:`join_lines` continues a line with the next when it reaches
the right margin and the next one is not indented (reports indent each
paragraph by two characters); when a document has no indents, when it fills
the line, does not end a sentence and the next line does not start with a
heading marker (一、 （一） 1. …) or 一是. A title set in two lines of large
type is joined; page numbers (``- 3 -``, ``第3页 共9页``) at the top or
bottom of a page are dropped.

A PDF with no text (a scan) is refused with "no text layer": an empty
report would only look like a report that says nothing.

Reading is bounded, since a small PDF can ask for unbounded work (one page
object listed 99,999 times; pages that each draw 10 MB of text): a PDF of
more than :data:`MAX_PAGES` pages, or whose pages draw more than
:data:`MAX_CONTENT_BYTES` of content between them, is refused before any
text is extracted; extraction stops when the text passes
:data:`~govkg.ingest.formats.base.MAX_CHARS` characters or has taken
:data:`MAX_SECONDS` (checked between pages).

Examples
--------
>>> lines = ["一、工作成效", "我县推进“八五”普法，培养法律明白人一百二十名，开展法治宣传进", "村活动三十场。", "二、下一步打算"]
>>> join_lines(lines)
['一、工作成效', '我县推进“八五”普法，培养法律明白人一百二十名，开展法治宣传进村活动三十场。', '二、下一步打算']
>>> import io, pypdf
>>> w = pypdf.PdfWriter(); _ = w.add_blank_page(595, 842); buf = io.BytesIO(); _ = w.write(buf)
>>> try:
...     read_pdf(buf.getvalue())
... except FormatError as e:
...     print(e)
no text layer (scanned PDF?); run OCR first
"""
from __future__ import annotations

import io
import logging
import re
import time

from govkg.ingest.formats.base import Extracted, FormatError, check_chars
from govkg.ingest.formats.text import looks_like_text
from govkg.schema.script import display_width

__all__ = ["read_pdf", "join_lines", "MAX_PAGES", "MAX_CONTENT_BYTES", "MAX_SECONDS"]

#: More pages than any report has (a long one has a hundred).
MAX_PAGES = 2_000
#: The content all pages draw, decoded, counted once per page (a page of text draws a few
#: kilobytes; parsing runs at about 1 MB/s, so this also bounds the time).
MAX_CONTENT_BYTES = 32 * 1024 * 1024
#: Time allowed for one PDF's text, checked after each page.
MAX_SECONDS = 60.0

# pypdf reports recoverable damage through logging; without a handler, Python
# would print each warning on stderr in the middle of `kg build`'s output.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

#: Ends of a sentence or of a lead-in, with any closing quotes or brackets after them.
_SENTENCE_END = re.compile(r"[。！？!?；;：:…][”’」』）)】》\"']*$")
_CN = "一二三四五六七八九十"
_HEADING_START = re.compile(
    rf"^\s*(?:第[{_CN}\d]+[部分章节条]|[{_CN}]+[、，,．.]|[（(][{_CN}\d]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d))"
)
#: Starts of a paragraph that are not headings: 一是… 二是…
_PARAGRAPH_START = re.compile(rf"^\s*[{_CN}]+是")
#: How a report's title ends, and how a line naming its author does.
_TITLE_END = re.compile(r"(?:报告|情况|总结|汇报|要点|通知|意见|方案)$")
_ORG_END = re.compile(r"(?:局|委|办|政府|委员会|办公室|司法所|中心|乡|镇|街道|院)$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－_]*\s*\d{1,4}\s*[-—–－_]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_RUNS_OF_SPACES = re.compile(r"\s{2,}")
_CJK_SPACED = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def _full_width(widths: list[int]) -> int:
    """The width of a full line of body text: the 90th percentile of line widths."""
    ordered = sorted(widths)
    return ordered[min(len(ordered) - 1, (9 * len(ordered)) // 10)] if ordered else 0


def _clean(line: str) -> str:
    return _unspace(_RUNS_OF_SPACES.sub(" ", line.strip()))


def join_lines(lines: list[str], laid_out: bool = False) -> list[str]:
    """Rejoin lines that a PDF wrapped; keep paragraph ends and headings as line ends.

    Parameters
    ----------
    lines : list of str
        Physical lines in reading order; blank lines are dropped.
    laid_out : bool
        Whether the lines come from a layout extraction, where each column is
        about one CJK character and spaces stand where the page is blank: an
        indent then starts a paragraph, and a line's length is how far right
        it reaches (a justified line is full however few characters it has).

    Returns
    -------
    list of str
        Logical lines: paragraphs, headings, titles.
    """
    rows = [ln.rstrip() for ln in lines if ln.strip()]
    indents = [len(r) - len(r.lstrip()) for r in rows]
    texts = [_clean(r) for r in rows]
    scale = 1 if laid_out else 2  # width units per CJK character
    widths = [len(r) for r in rows] if laid_out else [display_width(t, ambiguous=2) for t in texts]
    p90 = _full_width(widths)
    # Full: within about three characters of the 90th percentile; no line of under ten characters is full.
    full = max(10 * scale, p90 - max(3 * scale, p90 // 8))
    # Indented first lines (two to eight columns; centred lines sit further in) mark paragraphs.
    indented = [laid_out and 2 <= indent <= 8 for indent in indents]
    by_indent = sum(indented) >= max(2, len(rows) // 30)
    title = _wrapped_title(texts)
    out: list[str] = []
    joining = False
    for i, line in enumerate(texts):
        if joining and out:
            glue = " " if _ASCII_WORD.match(line[:1]) and _ASCII_WORD.match(out[-1][-1:]) else ""
            out[-1] += glue + line
        else:
            out.append(line)
        if i == title:
            joining = True
        elif i + 1 == len(texts) or widths[i] < full:
            joining = False
        elif by_indent:
            # Paragraphs start indented, so an unindented line after a full one goes on with it,
            # even when it starts like a heading (…庆八 / 一、开学季…).
            joining = indents[i + 1] <= 1
        else:
            # Without indents, a full line that ends a sentence may end its paragraph: keep the break.
            joining = not (_HEADING_START.match(texts[i + 1]) or _PARAGRAPH_START.match(texts[i + 1])
                           or _SENTENCE_END.search(line))
    return out


def _wrapped_title(lines: list[str]) -> int:
    """The index of the first of two opening lines that are one title in larger type, else -1."""
    for i in range(min(3, len(lines) - 1)):
        first, second = lines[i], lines[i + 1]
        if (_SENTENCE_END.search(first) or _SENTENCE_END.search(second) or _ORG_END.search(first)
                or _HEADING_START.match(first) or _HEADING_START.match(second)):
            continue
        if _TITLE_END.search(second) and len(first) + len(second) <= 60:
            return i
    return -1


def _unspace(line: str) -> str:
    """Drop the spaces some PDFs put between every two CJK characters."""
    gaps = len(_CJK_SPACED.findall(line))
    cjk = sum(1 for c in line if "\u3000" <= c <= "\u9fff")
    return _CJK_SPACED.sub("", line) if gaps >= 3 and gaps * 2 >= cjk else line


def _page_lines(text: str) -> list[str]:
    """A page's lines as extracted (indents kept), page numbers at the top and bottom dropped."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    while lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    while lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    return lines


def _content_bytes(page) -> int:
    """The size of what a page draws: its content streams, decoded."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(s.get_object().get_data()) for s in streams if hasattr(s.get_object(), "get_data"))


def _check_budget(pages: list) -> None:
    """Refuse a PDF with too many pages, or whose pages draw too much, before extracting any text."""
    if len(pages) > MAX_PAGES:
        raise FormatError(f"PDF of {len(pages):,} pages; over {MAX_PAGES:,} pages are refused")
    total = 0
    for i, page in enumerate(pages, 1):
        total += _content_bytes(page)
        if total > MAX_CONTENT_BYTES:
            raise FormatError(f"PDF pages draw over {MAX_CONTENT_BYTES // (1024 * 1024)} MiB of content "
                              f"(by page {i:,} of {len(pages):,}); a report's text draws far less")


def _extract(pages: list, mode: str, started: float) -> list[str]:
    texts: list[str] = []
    chars = 0
    for i, page in enumerate(pages, 1):
        texts.append(page.extract_text(extraction_mode=mode) or "")
        chars += len(texts[-1])
        check_chars(chars)
        if time.monotonic() - started > MAX_SECONDS:
            raise FormatError(f"reading the PDF took over {MAX_SECONDS:.0f} s (at page {i:,} of {len(pages):,}); refused")
    return texts


def _texts(pages: list, started: float) -> tuple[list[str], bool]:
    """Each page's text laid out, so indents show; plain if layout fails on some page's fonts."""
    try:
        return _extract(pages, "layout", started), True
    except FormatError:
        raise
    except Exception:  # layout mode is the more fragile of pypdf's two; plain extraction still reads
        return _extract(pages, "plain", started), False


def _has_images(page) -> bool:
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            return False
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    except (KeyError, AttributeError, TypeError):
        return False


def read_pdf(data: bytes) -> Extracted:
    """The text of a PDF's text layer, its wrapped lines rejoined.

    Raises
    ------
    FormatError
        If the PDF is broken, encrypted with a password, or has no text layer.
    """
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    started = time.monotonic()
    try:
        # pypdf walks the page tree before anything can be checked: stop it soon after MAX_PAGES.
        with pypdf.apply_configuration(page_tree_maximum_entries=2 * MAX_PAGES):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")  # many portals encrypt with an owner password only
                except DependencyError:
                    raise FormatError("encrypted PDF; reading it needs the 'cryptography' package") from None
                if not opened:
                    raise FormatError("encrypted PDF; it needs a password")
            try:
                pages = list(reader.pages)
            except LimitReachedError as e:
                if "page tree" not in str(e):
                    raise
                raise FormatError(f"PDF of more than {MAX_PAGES:,} pages; over {MAX_PAGES:,} pages are refused") from None
            _check_budget(pages)
            texts, laid_out = _texts(pages, started)
    except FormatError:
        raise
    except FileNotDecryptedError:
        raise FormatError("encrypted PDF; it needs a password") from None
    except Exception as e:  # pypdf raises many kinds of error on damaged files; name it, no traceback
        detail = str(e).splitlines()[0][:120] if str(e) else ""
        raise FormatError(f"broken PDF ({type(e).__name__}{': ' + detail if detail else ''})") from None
    if not pages:
        raise FormatError("broken PDF (no pages)")
    lines = [ln for text in texts for ln in _page_lines(text)]
    chars = sum(len("".join(ln.split())) for ln in lines)
    if chars == 0 or (chars < 20 * len(pages) and any(_has_images(p) for p in pages)):
        raise FormatError("no text layer (scanned PDF?); run OCR first")
    text = "\n".join(join_lines(lines, laid_out))
    if not looks_like_text(text):
        raise FormatError("the text layer does not decode to text (fonts without a Unicode map?); run OCR first")
    return Extracted(text, "pdf")
