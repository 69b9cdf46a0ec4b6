"""PDF reports: real PDFs printed by headless Chromium, their wrapped lines put back together.

The seed reports are laid out as Word exports look (justified paragraphs
with a two-character indent, no space between paragraphs, page numbers in
the footer) and printed to PDF; reading them back must give the seed's
paragraphs and headings, line for line. A scan is a PDF of a screenshot of
the same report: pixels, no text layer.
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

import pypdf
import pytest
from govkg.ingest.formats import FormatError, read_bytes
from govkg.ingest.formats.pdf import MAX_PAGES, join_lines, read_pdf
from govkg.ingest.readers import read_document
from hostile import big_streams_pdf, many_pages_pdf, surrogate_pdf

PAPER = {"a4": (8.27, 11.69), "a5": (5.83, 8.27)}


def report_html(lines: list[str], font_pt: int = 16) -> str:
    """A report laid out like a Word export: centred title, indented justified paragraphs."""
    def is_title(i: int, line: str) -> bool:
        return i < 3 and "报告" in line and len(line) <= 60 and not line.endswith(("。", "："))

    body = "\n".join(f'<h1>{html.escape(ln)}</h1>' if is_title(i, ln) else f"<p>{html.escape(ln)}</p>"
                      for i, ln in enumerate(lines))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
            f"body{{font-family:'WenQuanYi Micro Hei';font-size:{font_pt}pt;margin:0}}"
            f"h1{{font-size:{font_pt + 6}pt;text-align:center;margin:0 0 1em}}"
            "p{margin:0;text-indent:2em;text-align:justify;line-height:1.6}"
            f"</style></head><body>{body}</body></html>")


def print_pdf(page, tmp_path: Path, markup: str, paper: str = "a4", page_numbers: bool = True) -> bytes:
    """Print ``markup`` to PDF in the session's headless Chromium."""
    src = tmp_path / f"print-{abs(hash(markup)) % 10**8}.html"
    src.write_text(markup, encoding="utf-8")
    page.goto(src.as_uri())
    width, height = PAPER[paper]
    footer = ('<div style="font-size:10px;width:100%;text-align:center;font-family:serif">'
              '- <span class="pageNumber"></span> -</div>')
    data = page.conn.send("Page.printToPDF", timeout=60, paperWidth=width, paperHeight=height, marginTop=0.8,
                          marginBottom=0.8, marginLeft=0.9, marginRight=0.9, displayHeaderFooter=page_numbers,
                          headerTemplate="<span></span>", footerTemplate=footer)["data"]
    return base64.b64decode(data)


def scanned_pdf(page, tmp_path: Path, lines: list[str]) -> bytes:
    """An image-only PDF: a screenshot of the rendered report, printed as a picture."""
    src = tmp_path / "scan-src.html"
    src.write_text(report_html(lines[:12]), encoding="utf-8")
    page.goto(src.as_uri())
    png = page.conn.send("Page.captureScreenshot", format="png")["data"]
    markup = f"<html><body style='margin:0'><img style='width:100%' src='data:image/png;base64,{png}'></body></html>"
    return print_pdf(page, tmp_path, markup, page_numbers=False)


def seed_lines(text: str) -> list[str]:
    return [ln.strip(" \u3000") for ln in text.splitlines() if ln.strip(" \u3000")]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_seed_reports_come_back_paragraph_by_paragraph(page, tmp_path, seeds_dir, paper):
    for f in sorted(seeds_dir.glob("*.txt")):
        lines = seed_lines(f.read_text(encoding="utf-8"))
        pdf = print_pdf(page, tmp_path, report_html(lines), paper)
        assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 2, "the test needs page breaks and page numbers"
        r = read_bytes(pdf, ".pdf")
        assert r.encoding == "pdf"
        assert [_squash(ln) for ln in r.text.split("\n")] == [_squash(ln) for ln in lines], (f.name, paper)


def test_a_pdf_named_txt_is_still_a_pdf(page, tmp_path):
    pdf = print_pdf(page, tmp_path, report_html(["博爱县司法局2023年度法治政府建设情况报告", "一、工作成效", "推进述法。"]))
    assert read_bytes(pdf, ".txt").text == "博爱县司法局2023年度法治政府建设情况报告\n一、工作成效\n推进述法。"


def test_a_scan_has_no_text_layer(page, tmp_path, seeds_dir):
    lines = seed_lines((seeds_dir / "004_e41503e62c4741d1.txt").read_text(encoding="utf-8"))
    pdf = scanned_pdf(page, tmp_path, lines)
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"], "the scan must hold an image"
    with pytest.raises(FormatError, match=r"^no text layer \(scanned PDF\?\); run OCR first$"):
        read_pdf(pdf)


def test_an_owner_password_does_not_stop_reading(page, tmp_path):
    pdf = print_pdf(page, tmp_path, report_html(["关于2023年法治政府建设情况的报告", "一、工作成效", "推进述法。"]))
    for algorithm in ("RC4-128", "AES-128", "AES-256"):
        w = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
        w.encrypt(user_password="", owner_password="portal-secret", algorithm=algorithm)
        buf = io.BytesIO()
        w.write(buf)
        assert b"/Encrypt" in buf.getvalue()
        assert read_pdf(buf.getvalue()).text.endswith("一、工作成效\n推进述法。"), algorithm


def test_a_user_password_is_named(page, tmp_path):
    pdf = print_pdf(page, tmp_path, report_html(["关于2023年法治政府建设情况的报告", "推进述法。"]))
    w = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    w.encrypt(user_password="open-sesame", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(FormatError, match="encrypted PDF; it needs a password"):
        read_pdf(buf.getvalue())


def test_broken_pdfs_are_named_not_raised(page, tmp_path):
    pdf = print_pdf(page, tmp_path, report_html(["关于2023年法治政府建设情况的报告", "推进述法。"]))
    for data in (pdf[: len(pdf) // 3], b"%PDF-1.7\n" + bytes(range(256)) * 8, b"%PDF-1.4\n%%EOF\n"):
        with pytest.raises(FormatError, match=r"^broken PDF \(") as e:
            read_bytes(data, ".pdf")
        assert "\n" not in str(e.value)


def test_a_pdf_suffix_on_something_else():
    with pytest.raises(FormatError, match="broken PDF"):
        read_bytes("这不是PDF文件".encode("utf-8") + bytes(300), ".pdf")


@pytest.mark.parametrize("lines,expected", [
    # A wrapped heading is continued, the paragraph after it is not.
    (["一、2023年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关", "情况",
      "（一）坚持党的领导，抓实法治政府责任落实。充分发挥党委在推进本地区法治建", "设中的领导核心作用。"],
     ["一、2023年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
      "（一）坚持党的领导，抓实法治政府责任落实。充分发挥党委在推进本地区法治建设中的领导核心作用。"]),
    # A short line that ends without punctuation ends its paragraph (a title, a signature).
    (["博爱县司法局2023年度法治政府建设", "工作情况的报告", "一、工作成效", "我局推进述法、行政复议和行政应诉工作，全年办理", "案件五十件。",
      "博爱县司法局", "2024年1月10日"],
     ["博爱县司法局2023年度法治政府建设工作情况的报告", "一、工作成效", "我局推进述法、行政复议和行政应诉工作，全年办理案件五十件。",
      "博爱县司法局", "2024年1月10日"]),
    # A line naming the author before the title is not part of the title.
    (["泽州县司法局", "泽州县司法局2023年度法治政府建设的情况报告"], ["泽州县司法局", "泽州县司法局2023年度法治政府建设的情况报告"]),
    # English words are not glued together.
    (["The county trained village legal advisers and held forty sessions on the", "Civil Code this year."],
     ["The county trained village legal advisers and held forty sessions on the Civil Code this year."]),
])
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


def _pdf_with_text_operators(shown: bytes) -> bytes:
    """A one-page PDF whose content stream shows ``shown`` in a simple font (written with pypdf's objects)."""
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    w = pypdf.PdfWriter()
    page = w.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    content = StreamObject()
    content.set_data(b"BT /F1 24 Tf 72 700 Td (" + shown + b") Tj ET")
    page.replace_contents(content)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_a_text_layer_of_glyph_codes_is_not_text():
    # Fonts without a Unicode map give glyph numbers, not characters: as useless as no text layer.
    assert read_pdf(_pdf_with_text_operators(b"Rule of law report 2023")).text == "Rule of law report 2023"
    with pytest.raises(FormatError, match=r"does not decode to text .*; run OCR first"):
        read_pdf(_pdf_with_text_operators(bytes(range(1, 9)) * 6))


def test_a_pdf_of_99999_pages_is_refused_before_its_text_is_read():
    # 600 KB: one page object listed 99,999 times. It read for 70 s into 5.7 M characters.
    data = many_pages_pdf()
    assert len(data) < 1_000_000
    with pytest.raises(FormatError, match=r"^PDF of more than 2,000 pages; over 2,000 pages are refused$"):
        read_pdf(data)
    with pytest.raises(FormatError, match=r"^PDF of 2,001 pages; over 2,000 pages are refused$"):
        read_pdf(many_pages_pdf(MAX_PAGES + 1))
    assert read_pdf(many_pages_pdf(3)).text.count("page after page") == 3


def test_pages_that_draw_too_much_are_refused_before_their_text_is_read():
    # 20 pages of 10 MB content streams, 1.3 MB on disk: they read for 170 s into 128 M characters.
    with pytest.raises(FormatError, match=r"^PDF pages draw over 32 MiB of content \(by page 4 of 20\)"):
        read_pdf(big_streams_pdf())
    assert len(read_pdf(big_streams_pdf(pages=2, stream_bytes=200_000)).text) > 100_000


def test_half_characters_from_a_broken_font_map_are_replaced_and_counted(tmp_path):
    (tmp_path / "half.pdf").write_bytes(surrogate_pdf())
    d = read_document(tmp_path / "half.pdf")
    assert d.text == "法" * 300 + "\ufffd" + "法" * 10
    assert d.warnings == ("1 lone surrogate (half a character) replaced by U+FFFD",)
