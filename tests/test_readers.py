"""Reading report files of every kind into Documents, and the build going on past the bad ones.

The acceptance test of the formats part of the real-world-ingest issue: the
seed reports re-encoded as GB18030 and UTF-16, saved as a portal page, as a
.docx and as a PDF give the same regions, years and programs as the .txt
originals, through the real pipeline; empty, binary and broken files are
named in the build's errors while everything else is built.
"""
from __future__ import annotations

import codecs
import json
import os
import pty
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import KG
from govkg.ingest.pipeline import extract_all, extract_parallel
from govkg.ingest.readers import (
    MAX_BYTES,
    SUFFIXES,
    ReadError,
    iter_documents,
    iter_paths,
    read_document,
    read_stdin,
    shown,
)
from govkg.ingest.records import Document
from govkg.kg.build import build
from govkg.kg.store import open_graph
from hostile import without_root_powers
from test_formats_docx import report_docx
from test_formats_html import seed_page
from test_formats_pdf import print_pdf, report_html, scanned_pdf, seed_lines

VARIANTS = {  # name: (suffix, how to write a seed's text)
    "gb18030": (".txt", lambda text, key: text.encode("gb18030")),
    "utf-16": (".txt", lambda text, key: text.encode("utf-16")),
    "utf-16-le-no-bom": (".txt", lambda text, key: text.encode("utf-16-le")),
    "utf-8-bom": (".txt", lambda text, key: codecs.BOM_UTF8 + text.encode("utf-8")),
    "portal-page": (".html", lambda text, key: seed_page(text, key)[0]),
    "portal-page-news": (".htm", lambda text, key: seed_page(text, key, "news", "utf-8")[0]),
    "word": (".docx", lambda text, key: report_docx(seed_lines(text))),
}


def _summary(facts) -> dict:
    region = facts.region
    return {
        "region": region and (region.name, region.level, region.adcode, region.parent_names),
        "year": facts.year,
        "programs": sorted((p.program, p.status) for p in facts.programs),
    }


def _write_variants(seeds_dir: Path, out: Path) -> dict[str, Path]:
    files = {}
    for f in sorted(seeds_dir.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        for name, (suffix, write) in VARIANTS.items():
            path = out / name / (f.stem + suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(write(text, f.name[:3]))
            files[f"{f.stem}/{name}"] = path
    return files


def test_seeds_in_every_format_give_the_same_facts_as_the_originals(seeds_dir, tmp_path):
    files = _write_variants(seeds_dir, tmp_path)
    originals = list(iter_documents([seeds_dir]))
    documents = [read_document(p) for p in files.values()]
    facts = list(extract_all(originals + documents))
    expected = {f.file.rsplit(".", 1)[0]: _summary(f) for f in facts[: len(originals)]}
    assert all(e["region"] for e in expected.values())
    for key, f in zip(files, facts[len(originals):]):
        stem, variant = key.split("/")
        assert _summary(f) == expected[stem], key
    by_key = dict(zip(files, documents))
    assert by_key["000_5587728e0baa21d6/gb18030"].encoding == "gb18030"
    assert by_key["000_5587728e0baa21d6/utf-16-le-no-bom"].encoding == "utf-16-le"
    assert by_key["000_5587728e0baa21d6/portal-page"].meta["publisher"] == "博爱县司法局"
    assert by_key["000_5587728e0baa21d6/portal-page"].meta["date"] == "2024-01-15"


def test_seeds_as_pdfs_give_the_same_facts(seeds_dir, tmp_path, page):
    originals = list(iter_documents([seeds_dir]))
    for f in sorted(seeds_dir.glob("*.txt")):
        (tmp_path / (f.stem + ".pdf")).write_bytes(print_pdf(page, tmp_path, report_html(seed_lines(f.read_text()))))
    pdfs = list(iter_documents(sorted(tmp_path.glob("*.pdf"))))
    assert [d.encoding for d in pdfs] == ["pdf"] * len(originals)
    facts = list(extract_all(originals + pdfs))
    for original, pdf in zip(facts, facts[len(originals):]):
        assert _summary(pdf) == _summary(original), pdf.file


def test_bad_files_are_named_and_everything_else_is_built(seeds_dir, tmp_path, page):
    src = tmp_path / "reports"
    (src / "2023" / "docx").mkdir(parents=True)
    seeds = sorted(seeds_dir.glob("*.txt"))
    text = [f.read_text(encoding="utf-8") for f in seeds]
    (src / "a_gb18030.txt").write_bytes(text[0].encode("gb18030"))
    (src / "b_utf16.txt").write_bytes(text[1].encode("utf-16"))
    (src / "2023" / "c_portal.html").write_bytes(seed_page(text[2], "002")[0])
    (src / "2023" / "docx" / "d_word.docx").write_bytes(report_docx(seed_lines(text[3])))
    pdf = print_pdf(page, tmp_path, report_html(seed_lines(text[4])))
    (src / "2023" / "e_print.pdf").write_bytes(pdf)
    (src / "f_same_as_a.txt").write_bytes(text[0].encode("utf-8"))  # a duplicate, not an error
    bad = {
        "empty.txt": b"",
        "blank.txt": b" \n\n\t",
        "binary.txt": bytes(range(256)) * 16,
        "latin.txt": "caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1"),
        "broken.docx": report_docx(["关于2023年法治政府建设情况的报告"])[:900],
        "broken.pdf": pdf[: len(pdf) // 3],
        "scanned.pdf": scanned_pdf(page, tmp_path, seed_lines(text[4])),
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(64),
        "old.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
    }
    for name, data in bad.items():
        (src / "2023" / name).write_bytes(data)
    with open(src / "huge.txt", "wb") as big:
        big.truncate(30 * 1024 * 1024)  # sparse: no disk used, and never read
    (src / ".hidden.txt").write_bytes(b"\x00")
    (src / "~$d_word.docx").write_bytes(b"\x00" * 162)  # Word's lock file
    (src / "notes.xlsx").write_bytes(b"PK\x03\x04")

    s = build([src], tmp_path / "g")
    reasons = {Path(e.split(": ", 1)[0]).name: e.split(": ", 1)[1] for e in s.errors}
    assert sorted(reasons) == sorted([*bad, "huge.txt"])
    assert {name: reasons[name] for name in reasons if name not in ("broken.pdf", "latin.txt")} == {
        "binary.txt": "binary file (contains NUL bytes), not a text report",
        "blank.txt": "empty file",
        "broken.docx": "broken .docx (not a readable ZIP archive)",
        "empty.txt": "empty file",
        "huge.txt": "file is 30.0 MiB; reports over 20 MiB are refused",
        "image.txt": "binary file (a PNG image), not a report",
        "old.docx": "an old Office file (.doc, .wps or .xls); save it as .docx or .pdf",
        "scanned.pdf": "no text layer (scanned PDF?); run OCR first",
    }
    assert reasons["broken.pdf"].startswith("broken PDF (")
    assert reasons["latin.txt"].startswith("undecodable text: not UTF-8, UTF-16 or GB18030")
    assert all("\n" not in e for e in s.errors)
    assert (s.read, s.failed, s.duplicates, s.with_region) == (5, 10, 1, 5)
    G = open_graph(tmp_path / "g")
    files = sorted(d["file"] for _, d in G.nodes(data=True) if d.get("label") == "Report")
    assert files == ["a_gb18030.txt", "b_utf16.txt", "c_portal.html", "d_word.docx", "e_print.pdf"]


def _kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(KG + list(args), capture_output=True, timeout=600, **kw)


def test_a_report_piped_to_kg_build_dash(seeds_dir, tmp_path):
    text = (seeds_dir / "004_e41503e62c4741d1.txt").read_text(encoding="utf-8")
    p = _kg("build", "-", "--graph", str(tmp_path / "g"), "-q", input=text.encode("gb18030"))
    assert p.returncode == 0, p.stderr.decode()
    out = _kg("query", "MATCH (r:Report)-[:ABOUT]->(g:Region) RETURN r.file AS file, g.name AS region",
              "--graph", str(tmp_path / "g"), "--format", "json")
    assert json.loads(out.stdout) == [{"file": "stdin", "region": "陕州区"}]


def test_a_word_file_piped_with_a_folder(seeds_dir, tmp_path):
    # With a title line, so that it is not the same text as the seed (that would be a duplicate).
    lines = ["郏县2023年度法治政府建设情况报告"] + seed_lines((seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8"))
    p = _kg("build", str(seeds_dir), "-", "--graph", str(tmp_path / "g"), "-q", input=report_docx(lines))
    assert p.returncode == 0, p.stderr.decode()
    out = _kg("query", "MATCH (r:Report) RETURN r.file AS file ORDER BY file", "--graph", str(tmp_path / "g"),
              "--format", "json")
    assert [r["file"] for r in json.loads(out.stdout)] == sorted([f.name for f in seeds_dir.glob("*.txt")] + ["stdin"])


def test_dash_on_a_terminal_is_an_error_not_a_hang(tmp_path, seeds_dir):
    controller, terminal = pty.openpty()
    try:
        p = _kg("build", str(seeds_dir / "000_5587728e0baa21d6.txt"), "-", "--graph", str(tmp_path / "g"), stdin=terminal)
    finally:
        os.close(controller)
        os.close(terminal)
    assert p.returncode == 3
    err = p.stderr.decode()
    assert "-: standard input is a terminal" in err and "Traceback" not in err


def test_read_stdin_from_a_pipe():
    r, w = os.pipe()
    os.write(w, "一、工作成效\r\n推进述法。".encode("utf-16"))
    os.close(w)
    with os.fdopen(r, "rb") as stream:
        d = read_stdin(stream)
    assert (d.file, d.path, d.text, d.encoding) == ("stdin", "-", "一、工作成效\n推进述法。", "utf-16")


def test_folders_are_walked_sorted_skipping_hidden_and_lock_files(tmp_path):
    for rel in ["b/2.pdf", "b/1.docx", "a.txt", "c/d/e.HTML", "c/x.htm", "c/y.shtml", ".git/config.txt", "b/.cache/z.txt",
                "~$1.docx", "notes.xlsx", "scan.png", "c/readme"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    skipped: list[Path] = []
    found = [str(p) if str(p) == "-" else p.relative_to(tmp_path).as_posix()
             for p in iter_paths([tmp_path, tmp_path / "a.txt", "-", "-"], skipped)]
    assert found == ["a.txt", "b/1.docx", "b/2.pdf", "c/d/e.HTML", "c/x.htm", "c/y.shtml", "-"]
    assert [p.relative_to(tmp_path).as_posix() for p in skipped] == ["c/readme", "notes.xlsx", "scan.png"]
    assert set(SUFFIXES) == {".txt", ".html", ".htm", ".shtml", ".docx", ".pdf"}
    with pytest.raises(ReadError, match="no such file or folder"):
        list(iter_paths([tmp_path / "missing"]))


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    p = tmp_path / "report.md"
    p.write_bytes("一、工作成效".encode("gb18030"))
    assert read_document(p).text == "一、工作成效"
    assert list(iter_paths([p])) == [p]


def test_line_ends_and_form_feeds_become_newlines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("一、工作成效\r\n推进述法。\f二、下一步打算\r深化普法。".encode("gb18030"))
    assert read_document(p).text == "一、工作成效\n推进述法。\n二、下一步打算\n深化普法。"


def test_size_limit_applies_before_reading(tmp_path):
    for name in ("big.txt", "big.docx", "big.pdf"):
        with open(tmp_path / name, "wb") as f:
            f.truncate(MAX_BYTES + 1)
        with pytest.raises(ReadError, match=r"file is 20\.0 MiB; reports over 20 MiB are refused"):
            read_document(tmp_path / name)


def test_a_folder_given_as_a_file(tmp_path):
    with pytest.raises(ReadError, match="Is a directory"):
        read_document(tmp_path)


def test_links_that_lead_nowhere_or_back_are_named_and_the_rest_is_walked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "report.txt").write_bytes(b"x")
    os.symlink("..", tmp_path / "a" / "up")             # a loop: nothing is lost by not following it
    os.symlink("missing.txt", tmp_path / "a" / "gone.txt")
    os.symlink("self.txt", tmp_path / "a" / "self.txt")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "sub" / "linked.docx").write_bytes(b"x")
    os.symlink(outside, tmp_path / "b")                  # a link to a folder elsewhere is followed
    os.symlink(tmp_path / "a" / "report.txt", tmp_path / "same.txt")
    errors: list[ReadError] = []
    warnings: list[ReadError] = []
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path], [], errors, warnings)]
    assert found == ["a/report.txt", "b/sub/linked.docx"]   # same.txt is a/report.txt: read once
    assert [(Path(e.path).relative_to(tmp_path).as_posix(), e.reason) for e in errors] == [
        ("a/gone.txt", "broken link (to missing.txt, which does not exist)"),
        ("a/self.txt", "link that leads back to itself"),
    ]
    assert [(Path(w.path).relative_to(tmp_path).as_posix(), w.reason) for w in warnings] == [
        ("a/up", "link to a folder that holds it (a loop); not followed")]
    with pytest.raises(ReadError, match="broken link"):
        list(iter_paths([tmp_path]))  # without a list for them, the first one is raised


def test_an_unreadable_folder_is_named(tmp_path):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(b"x")
    (tmp_path / "in" / "locked" / "b.txt").write_bytes(b"x")
    (tmp_path / "in" / "locked").chmod(0)
    script = ("from govkg.ingest.readers import iter_paths\n"
              "errors = []\n"
              "print([str(p) for p in iter_paths(['in'], None, errors)], [str(e) for e in errors])\n")
    p = subprocess.run(without_root_powers([sys.executable, "-c", script]), cwd=tmp_path, capture_output=True,
                       text=True, timeout=300)
    assert p.stdout.strip() == "['in/a.txt'] ['in/locked: cannot open folder (Permission denied)']", p.stderr


def test_a_folder_vanishing_during_the_walk_is_named(tmp_path):
    # rglob raised FileNotFoundError when a folder it had listed was gone before it looked inside.
    for i in range(300):
        (tmp_path / f"d{i:03d}" / "sub").mkdir(parents=True)
        (tmp_path / f"d{i:03d}" / "sub" / "r.txt").write_bytes(b"x")
    start = threading.Event()

    def remove() -> None:
        start.wait()
        for i in reversed(range(300)):
            shutil.rmtree(tmp_path / f"d{i:03d}", ignore_errors=True)

    remover = threading.Thread(target=remove)
    remover.start()
    errors: list[ReadError] = []
    try:
        start.set()
        found = list(iter_paths([tmp_path], [], errors))
    finally:
        remover.join()
    walked = {p.parent.parent.name for p in found} | {Path(e.path).parent.name if Path(e.path).name == "sub"
                                                    else Path(e.path).name for e in errors}
    assert all(e.reason in ("folder vanished while it was being read",) for e in errors), [str(e) for e in errors]
    assert len(walked) <= 300


def test_a_gbk_file_name_is_read_and_kept_as_it_is(tmp_path):
    raw = "报告".encode("gbk") + b".txt"  # as zip files made on Chinese Windows carry it
    with open(os.path.join(os.fsencode(tmp_path), raw), "wb") as f:
        f.write("一、工作成效\n推进述法。".encode("utf-8"))
    [path] = iter_paths([tmp_path])
    d = read_document(path)
    assert os.fsencode(d.file) == raw and d.text == "一、工作成效\n推进述法。"
    assert shown(d.file) == "\\xb1\\xa8\\xb8\\xe6.txt"
    (tmp_path / "empty.txt").write_bytes(b"")
    os.rename(tmp_path / "empty.txt", os.path.join(os.fsencode(tmp_path), b"\xbf\xd5\nerror: x.txt"))
    with pytest.raises(ReadError) as e:
        read_document(os.path.join(os.fsencode(tmp_path), b"\xbf\xd5\nerror: x.txt").decode("utf-8", "surrogateescape"))
    assert str(e.value).endswith("/\\xbf\\xd5\\nerror: x.txt: empty file")  # one line, the name's bytes shown


def test_pipes_and_devices_are_refused_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    with pytest.raises(ReadError, match=r"pipe\.txt: not a regular file \(a named pipe\); pipe a report in with: kg build - < file"):
        read_document(tmp_path / "pipe.txt")
    with pytest.raises(ReadError, match=r"^/dev/zero: not a regular file \(a character device\)"):
        read_document("/dev/zero")
    skipped: list[Path] = []
    assert list(iter_paths([tmp_path], skipped)) == [] and skipped == [tmp_path / "pipe.txt"]


def test_a_report_that_breaks_tagging_is_named_and_the_others_are_built(seeds_dir):
    good = [read_document(p) for p in sorted(seeds_dir.glob("*.txt"))[:2]]
    # A Document made by hand with half a character in it (readers replace those): the tokenizer cannot encode it.
    bad = Document("report:bad", "bad.txt", "in/bad.txt", "一、工作成效\ud800推进述法。", "0")
    for jobs in (1, 2):
        results = [r for _, chunk in extract_parallel([good[0], bad, good[1]], jobs) for r in chunk]
        assert [type(r).__name__ for r in results] == ["tuple", "ReadError", "tuple"]
        assert str(results[1]).startswith("in/bad.txt: internal error while tagging (UnicodeEncodeError: ")
        assert str(results[1]).endswith("; please report it with this file")
