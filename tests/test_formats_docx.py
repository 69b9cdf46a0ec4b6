"""Word .docx reports, written with python-docx: paragraphs and table cells in order; broken files named."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Pt
from govkg.ingest.formats import FormatError, read_bytes
from govkg.ingest.formats.docx import MAX_UNPACKED_BYTES, read_docx
from hostile import honest_docx, understated_docx


def report_docx(lines: list[str]) -> bytes:
    """A report as a justice bureau writes it in Word: a centred bold title, indented 仿宋 paragraphs."""
    d = docx.Document()
    for i, line in enumerate(lines):
        p = d.add_paragraph()
        run = p.add_run(line)
        run.font.name = "仿宋_GB2312"
        run.font.size = Pt(16)
        if i == 0 and "报告" in line:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        else:
            p.paragraph_format.first_line_indent = Pt(32)
    d.sections[0].footer.paragraphs[0].text = "— 1 —"
    d.sections[0].header.paragraphs[0].text = "博爱县司法局文件"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def seed_lines(text: str) -> list[str]:
    return [ln.strip(" \u3000") for ln in text.splitlines() if ln.strip(" \u3000")]


def test_seed_reports_read_back_line_for_line(seeds_dir):
    for f in sorted(seeds_dir.glob("*.txt")):
        lines = seed_lines(f.read_text(encoding="utf-8"))
        r = read_bytes(report_docx(lines), ".docx")
        assert r.text.split("\n") == lines, f.name
        assert r.encoding == "docx" and r.meta == {}
        assert "博爱县司法局文件" not in r.text and "— 1 —" not in r.text  # page header and footer


def _content_control(paragraph_text: str):
    """A block-level content control (w:sdt) holding one paragraph, as Word templates use for fill-in fields."""
    sdt = OxmlElement("w:sdt")
    sdt.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    p, r, t = OxmlElement("w:p"), OxmlElement("w:r"), OxmlElement("w:t")
    t.text = paragraph_text
    r.append(t)
    p.append(r)
    content.append(p)
    sdt.append(content)
    return sdt


def test_tables_merged_cells_breaks_and_content_controls_in_order():
    d = docx.Document()
    d.add_paragraph("郏县2023年度法治政府建设情况报告")
    d.add_paragraph("一、主要指标")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "2023年行政复议案件统计"
    for j, v in enumerate(["受理", "审结", "纠错率"]):
        t.cell(1, j).text = v
    for j, v in enumerate(["120件", "118件", "8.3%"]):
        t.cell(2, j).text = v
    inner = t.cell(2, 2).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "其中撤销3件"
    p = d.add_paragraph("二、下一步工作打算")
    p.add_run().add_break()
    p.add_run("深化“八五”普法。")
    d.element.body.insert(d.element.body.index(p._p) + 1, _content_control("郏县人民政府"))
    d.add_paragraph("   ")  # blank paragraphs are dropped
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx(buf.getvalue()).text.split("\n") == [
        "郏县2023年度法治政府建设情况报告", "一、主要指标", "2023年行政复议案件统计", "受理", "审结", "纠错率",
        "120件", "118件", "8.3%", "其中撤销3件", "二、下一步工作打算", "深化“八五”普法。", "郏县人民政府"]


def _w(tag: str, *children, text: str | None = None):
    el = OxmlElement(tag)
    if text is not None:
        el.text = text
    for c in children:
        el.append(c)
    return el


def _run(text: str):
    return _w("w:r", _w("w:t", text=text))


def test_text_in_smart_tags_insertions_fields_and_links_is_kept_deleted_text_is_not():
    # Files converted from .doc keep dates and places in smart tags; reviewers leave tracked changes.
    d = docx.Document()
    p = d.add_paragraph("2023年")
    p._p.append(_w("w:smartTag", _run("12月4日")))
    p._p.append(_run("，在"))
    p._p.append(_w("w:ins", _run("博爱县")))
    p._p.append(_w("w:del", _w("w:r", _w("w:delText", text="某县"))))
    p._p.append(_w("w:fldSimple", _run("文化广场")))
    p._p.append(_w("w:hyperlink", _run("开展宪法宣传")))
    p._p.append(_w("w:r", _w("w:fldChar"), _w("w:instrText", text=" PAGE ")))
    p._p.append(_run("。"))
    buf = io.BytesIO()
    d.save(buf)
    assert read_docx(buf.getvalue()).text == "2023年12月4日，在博爱县文化广场开展宪法宣传。"


def _rezip(data: bytes, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in drop:
                dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return report_docx(["关于2023年法治政府建设情况的报告", "一、工作成效", "推进述法。"])


def test_broken_documents_are_named_not_raised(good_docx):
    cases = {
        "truncated": (good_docx[: len(good_docx) // 2], "broken .docx (not a readable ZIP archive)"),
        "bad xml": (_rezip(good_docx, {"word/document.xml": b"<w:document xmlns:w='x'><w:body><w:p>"}), "broken .docx ("),
        "no content types": (_rezip(good_docx, {}, drop=("[Content_Types].xml",)), "broken .docx ("),
    }
    for name, (data, reason) in cases.items():
        with pytest.raises(FormatError) as e:
            read_bytes(data, ".docx")
        assert str(e.value).startswith(reason) and "\n" not in str(e.value), name


def test_other_zip_files_say_what_they_are(good_docx):
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(FormatError, match="^an Excel workbook, not a Word .docx$"):
        read_bytes(xlsx.getvalue(), ".docx")
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("报告.txt", "一、工作成效")
    with pytest.raises(FormatError, match="^a ZIP archive, not a Word .docx$"):
        read_bytes(plain.getvalue(), ".docx")


def test_a_docx_that_unpacks_too_large_is_refused_before_unpacking(good_docx):
    # A real archive: 201 MiB of zeros compress to a few hundred kilobytes.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good_docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        with dst.open("word/media/image1.bin", "w") as big:
            chunk = bytes(1024 * 1024)
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                big.write(chunk)
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(FormatError, match=r"^\.docx unpacks to 201 MiB; over 200 MiB is refused$"):
        read_docx(data)


def test_a_docx_without_text():
    d = docx.Document()
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(FormatError, match="^no text$"):
        read_bytes(buf.getvalue(), ".docx")


def test_an_entry_that_understates_its_size_is_refused_without_inflating_it(tmp_path):
    # 300 KB on disk; its document part declares 4 KiB and inflates to 300 MB. zipfile inflates an
    # entry in one piece whatever it declares: memory grew by 600 MB (2.1 GB for 2 GB) before refusal.
    (tmp_path / "small.docx").write_bytes(understated_docx(300 * 1024 * 1024))
    script = ("import resource, sys\n"
              "from govkg.ingest.formats import FormatError\n"
              "from govkg.ingest.formats.docx import read_docx\n"
              "data = open(sys.argv[1], 'rb').read()\n"
              "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "try:\n"
              "    read_docx(data)\n"
              "except FormatError as e:\n"
              "    print(e)\n"
              "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n")
    p = subprocess.run([sys.executable, "-c", script, str(tmp_path / "small.docx")], capture_output=True, text=True,
                       timeout=300)
    reason, grown_mb = p.stdout.splitlines()
    assert reason == "broken .docx ('word/document.xml' declares 4,096 bytes but holds more; refused before unpacking it)"
    assert int(grown_mb) < 64, p.stdout


def test_entries_are_checked_against_their_size_and_checksum():
    assert read_docx(honest_docx("一、工作成效\n推进述法。")).text == "一、工作成效\n推进述法。"
    # One byte changed in the stored document part: it no longer inflates, or no longer matches its checksum.
    damaged = bytearray(honest_docx("一、工作成效\n推进述法。"))
    name = b"word/document.xml"
    damaged[damaged.index(name) + len(name) + 20] ^= 0xFF
    with pytest.raises(FormatError, match=r"^broken \.docx \('word/document\.xml' "):
        read_docx(bytes(damaged))
