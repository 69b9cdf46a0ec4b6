"""``kg eval`` and govkg.kg.evaluate: hand-checked scores, and the same numbers as the shared scorer."""
import json
import re
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SHARED, run_kg
from govkg.kg.cli.eval import eval_command
from govkg.kg.evaluate import (
    METRICS,
    GoldError,
    catalogue_from_lexicon,
    gold_from_data,
    load_catalogue,
    load_gold,
    names_match,
    score,
)
from govkg.schema.lexicon import load_lexicon

PROVINCES = ROOT / "tests" / "data" / "provinces"

REPORTS = {
    "a.txt": "博爱县司法局2023年法治政府建设情况报告\n一、工作成效\n我县推进述法，培养法律明白人，南道村保留“全国民主法治示范村”称号。"
             "县公安局参加。\n二、下一步工作打算\n推进府院联动。\n",
    "b.txt": "县司法局2022年工作总结\n一、工作成效\n我局推进述法。\n",
}
# Gold by lexicon id; what the build gets right and wrong is worked out in the test below.
GOLD = {
    "optional_everywhere": ["人民调解"],
    "reports": [
        {"file": "a.txt", "region": {"name": "博爱县", "level": "county", "parents": ["河南省", "焦作市"]}, "year": 2023,
         "issuer": ["博爱县司法局"],
         "implemented": ["leaders_report_on_law", "legal_literate_villagers", "eighth_five_year_legal_education"],
         "planned": ["government_court_linkage"],
         "honors": {"required": [{"honor": "全国民主法治示范村", "recipient": ["南道村"]}]},
         "agencies": ["司法局", "公安局", "民政局"]},
        {"file": "b.txt", "region": None, "year": 2022, "issuer": ["县司法局"], "implemented": ["leaders_report_on_law"]},
    ],
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    src = tmp_path_factory.mktemp("eval-reports")
    for name, text in REPORTS.items():
        (src / name).write_text(text, encoding="utf-8")
    g = tmp_path_factory.mktemp("eval-graph") / "g"
    run_kg("build", str(src), "--graph", str(g), "-q")
    gold = tmp_path_factory.mktemp("eval-gold") / "gold.yaml"
    gold.write_text(yaml.safe_dump(GOLD, allow_unicode=True), encoding="utf-8")
    return src, g, gold


def test_names_match_ignores_punctuation_and_needs_three_common_characters():
    assert names_match("村（居）法律顾问", "村(居)法律顾问") and names_match("“枫桥式”司法所", "枫桥式司法所")
    assert names_match("法律明白人", "法律明白人培养工程") and not names_match("普法", "八五普法")
    assert names_match("审计局", "郏县审计局", 2) and not names_match("", "")


def test_hand_checked_scores(small):
    _, g, _ = small
    s = score(g, gold_from_data(GOLD), catalogue_from_lexicon(load_lexicon()))
    assert s.counts == {
        "region": (2, 2),  # b.txt names no jurisdiction and gets none
        "level": (1, 1), "parents": (2, 2), "year": (2, 2),
        # a.txt misses 八五普法; b.txt has no region, and its program hangs off the report itself
        "prog_recall": (4, 5),
        # 民主法治示范村 (read from the honor) is not in a.txt's gold
        "prog_precision": (4, 5),
        "status": (4, 4), "honor_recall": (1, 1), "honor_precision": (1, 1),
        "agency_recall": (2, 3),  # no 民政局
        "issuer": (2, 2),
    }
    assert {(m.file, m.metric, m.detail) for m in s.misses} == {
        ("a.txt", "prog_recall", "missed program eighth_five_year_legal_education (implemented)"),
        ("a.txt", "prog_precision", "unexpected program '民主法治示范村（社区）创建'"),
        ("a.txt", "agency_recall", "missed agency 民政局"),
    }
    assert s.value("prog_recall") == 0.8 and s.below({"prog_recall": 0.8, "agency_recall": 0.7}) == ["agency_recall"]
    # Neither report is placed somewhere it is not; a wrong gold region makes a.txt's invented.
    assert score(g, gold_from_data(GOLD), catalogue_from_lexicon(load_lexicon()), invented=True).counts["no_invented"] == (2, 2)
    moved = {**GOLD, "reports": [{**GOLD["reports"][0], "region": {"name": "郏县", "level": "county", "parents": ["河南省"]}},
                                 GOLD["reports"][1]]}
    s = score(g, gold_from_data(moved), catalogue_from_lexicon(load_lexicon()), invented=True)
    assert s.counts["no_invented"] == (1, 2) and ("a.txt", "region", "region '博爱县' != '郏县' (invented)") in {
        (m.file, m.metric, m.detail) for m in s.misses}


@pytest.mark.parametrize("data, message", [
    ({}, "'reports' list"),
    ({"reports": [{"region": None}]}, "needs a 'file'"),
    ({"reports": [{"file": "a.txt", "region": {"level": "county"}}]}, "region must be null or have a 'name'"),
    ({"reports": [{"file": "a.txt", "year": "2023年"}]}, "not a number"),
    ({"reports": [{"file": "a.txt", "honors": {"required": [{"recipient": ["x"]}]}}]}, "'honor' name"),
    ({"reports": [{"file": "a.txt", "agencies": [{"name": "x"}]}]}, "expected a name or a list"),
])
def test_bad_gold_is_refused(data, message):
    with pytest.raises(GoldError, match=re.escape(message)):
        gold_from_data(data)


@pytest.mark.parametrize("content, message", [
    (b"reports: [\n", "{path}: not valid YAML (while parsing a flow node)"),  # the file named once, not twice
    ("reports: []\n# 郏县\n".encode("gbk"), "{path}: not UTF-8; save it as UTF-8"),
])
def test_a_gold_file_that_cannot_be_read_is_one_line_naming_it(tmp_path, content, message):
    path = tmp_path / "gold.yaml"
    path.write_bytes(content)
    with pytest.raises(GoldError) as e:
        load_gold(path)
    assert str(e.value) == message.format(path=path)
    p = CliRunner().invoke(eval_command, ["--gold", str(path), "--graph", str(tmp_path / "g")])
    assert p.exit_code == 1 and p.output == f"Error: {message.format(path=path)}\n" and p.exception.__class__ is SystemExit


# ---------------------------------------------------------------- the same numbers as the shared scorer

def _kgeval(docs, gold, programs, keep, *extra):
    cmd = [sys.executable, str(SHARED / "tools" / "kgeval.py"), "--kg", f"{sys.executable} -m govkg.kg.cli",
           "--docs", str(docs), "--gold", str(gold), "--programs", str(programs), "--keep", str(keep), "-v", *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode in (0, 1), p.stderr
    counts = {m[1]: (int(m[2]), int(m[3])) for m in re.finditer(r"^(\w+)\s+\S+ \((\d+)/(\d+)\)", p.stdout, re.M)}
    misses = {line.strip() for line in p.stderr.splitlines() if line.startswith("  ")}
    return counts, misses


@pytest.mark.parametrize("docs, gold, programs", [
    (SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.yaml", SHARED / "gold" / "programs.yaml"),
    (PROVINCES / "reports", PROVINCES / "gold.yaml", PROVINCES / "programs.yaml"),
], ids=["seeds", "provinces"])
@pytest.mark.parametrize("invented", [False, True], ids=["plain", "invented"])
def test_same_numbers_as_kgeval(tmp_path, docs, gold, programs, invented):
    # kgeval builds with kg build and keeps the graph; the library scores that very graph.
    want, want_misses = _kgeval(docs, gold, programs, tmp_path / "g", *(["--invented"] if invented else []))
    assert list(want) == [m for m in METRICS if invented or m != "no_invented"]
    got = score(tmp_path / "g", load_gold(gold), load_catalogue(programs), invented)
    assert got.counts == want
    assert want_misses <= {f"{m.file}: {m.detail}" for m in got.misses}


# ---------------------------------------------------------------- kg eval

def invoke(*args):
    return CliRunner().invoke(eval_command, [str(a) for a in args])


def test_eval_json_and_table(small):
    src, g, gold = small
    out = invoke("--gold", gold, "--graph", g, "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert [r["metric"] for r in rows] == [m for m in METRICS if m != "no_invented"]
    assert {r["metric"]: (r["value"], r["correct"], r["total"]) for r in rows}["agency_recall"] == (0.667, 2, 3)
    table = invoke("--gold", gold, "--graph", g).stdout
    assert re.search(r"^prog_recall\s+0\.800\s+4\s+5\s*$", table, re.M), table
    invented = invoke("--gold", gold, "--graph", g, "--invented", "--format", "json")
    assert [r for r in json.loads(invented.stdout) if r["metric"] == "no_invented"][0]["value"] == 1.0
    # REPORTS are built into a temporary folder and score the same.
    built = invoke(src, "--gold", gold, "--format", "json")
    assert built.exit_code == 0 and json.loads(built.stdout) == rows


def test_eval_thresholds_and_misses(small):
    _, g, gold = small
    ok = invoke("--gold", gold, "--graph", g, "--min", "prog_recall=0.8", "--format", "json")
    assert ok.exit_code == 0
    assert [r for r in json.loads(ok.stdout) if r["metric"] == "prog_recall"][0]["ok"] is True
    bad = invoke("--gold", gold, "--graph", g, "--min", "prog_recall=0.9", "--min", "region=1", "-v")
    assert bad.exit_code == 1
    err = bad.stderr.strip().splitlines()
    assert err[-1] == "Error: below threshold: prog_recall 0.800 < 0.9"
    assert "  a.txt: missed agency 民政局" in err and "  a.txt: unexpected program '民主法治示范村（社区）创建'" in err
    assert re.search(r"^prog_recall .* 0\.9\s+FAIL$", bad.stdout, re.M) and re.search(r"^region .* 1\.0\s+ok$", bad.stdout, re.M)


@pytest.mark.parametrize("args, code, message", [
    (["--min", "recall=1"], 2, "METRIC=VALUE"),
    (["--min", "year=high"], 2, "not a number"),
    ([], 2, "give --graph DIR"),
])
def test_eval_usage_errors(small, args, code, message):
    _, g, gold = small
    out = invoke("--gold", gold, *(["--graph", g] if args else []), *args)
    assert out.exit_code == code and message in out.stderr


def test_eval_warns_when_gold_ids_are_not_in_the_catalogue(small, tmp_path):
    _, g, _ = small
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({"reports": [{"file": "a.txt", "implemented": ["shufa", "bawu_pufa"]}]}), encoding="utf-8")
    out = invoke("--gold", gold, "--graph", g, "--format", "csv")
    assert out.exit_code == 0
    assert "2 program ids of the gold are not in the catalogue" in out.stderr and "--programs" in out.stderr
    assert out.stdout.splitlines()[0] == "metric,value,correct,total,min,ok"
    assert "prog_recall,0.0,0,2,," in out.stdout


def test_eval_bad_files_are_one_line(small, tmp_path):
    _, g, gold = small
    bad = tmp_path / "bad.yaml"
    bad.write_text("reports: {a: 1}\n", encoding="utf-8")
    out = invoke("--gold", bad, "--graph", g)
    assert out.exit_code == 1 and "'reports' list" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    out = invoke("--gold", gold, "--graph", tmp_path / "none")
    assert out.exit_code == 1 and "kg build" in out.stderr and len(out.stderr.strip().splitlines()) == 1
