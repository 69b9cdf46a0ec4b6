"""Candidate initiatives: finding, filtering, ranking, the jsonl file, ``kg candidates`` and promotion."""
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, run_kg
from govkg.ingest.candidates import (
    CandidateRow,
    Stoplist,
    candidate_rows,
    find_candidates,
    load_stoplist,
)
from govkg.ingest.pipeline import extract_all
from govkg.ingest.readers import iter_documents
from govkg.kg.candidates import load_candidates, rank_candidates
from govkg.kg.cli.candidates import candidates_command
from govkg.schema import load_yaml
from govkg.schema.lexicon import lexicon_from_data, load_lexicon


def names(text, **kw):
    return [m.name for m in find_candidates(text, **kw)]


def record_candidates(reports: Path) -> list[CandidateRow]:
    """What kg build records: one row per mention of every report, by report and offset."""
    docs = list(iter_documents([reports]))
    by_id = {f.id: f for f in extract_all(docs)}
    rows = [r for d in docs for r in candidate_rows(d.text, by_id[d.id])]
    return sorted(rows, key=lambda r: (r.report, r.start, r.end, r.name))


# ---------------------------------------------------------------- finding

def test_quoted_and_patterned_names_with_offsets():
    text = "我县创新“小月说法”短视频和“法律夜市”直播，打造“1+16+N”平台，推行3+N模式，开展六帮六助等活动。"
    found = find_candidates(text)
    assert [(m.name, m.kind) for m in found] == [
        ("小月说法", "quoted"), ("法律夜市", "quoted"), ("1+16+N", "patterned"), ("3+N", "patterned"),
        ("六帮六助", "patterned")]
    assert all(text[m.start:m.end] == m.name for m in found)


def test_an_unquoted_formula_ends_where_a_frame_word_or_punctuation_does():
    assert names("加快推进一城一乡一都一枢纽发展战略。") == ["一城一乡一都一枢纽"]
    assert names("落实一人一档、一案一策要求，实施七查七防。") == ["一人一档", "一案一策", "七查七防"]
    # Dates, idioms and 一对一 are not formulas.
    assert names("十一月一日起，一心一意开展一对一指导，百发百中。") == []


@pytest.mark.parametrize("quoted, why", [
    ("讲政治、顾大局、勇争先、守底线", "slogan list"), ("四个意识", "stoplist"), ("两个维护", "stoplist"),
    ("一对一", "stoplist"), ("关键少数", "stoplist"), ("第一道防线", "stoplist"), ("十四五", "stoplist"),
    ("法律明白人", "lexicon"), ("微宣讲、走基层", "lexicon"), ("三零创建工作", "lexicon after a generic tail"),
    ("全国民主法治示范村", "listed honor"), ("全市‘三零’平安创建工作表现突出集体", "honor title"),
    ("全县优秀法治明白人", "honor title"), ("12·4", "date"), ("4·15国家安全日", "date"), ("好", "single character"),
    ("预防校园欺凌,拒绝校园暴力", "sentence"), ("司法所", "agency"),
])
def test_what_a_reviewer_would_drop_is_dropped(quoted, why):
    assert names(f"我县坚持“{quoted}”，成效明显。") == [], why


def test_a_quote_inside_a_listed_term_is_dropped_but_a_longer_local_name_is_kept():
    # “八五”普法 and “枫桥式”司法所 are listed terms; 人民调解进商会 only contains one.
    assert names("推进“八五”普法，创建“枫桥式”司法所，开展“三零”平安创建和“人民调解进商会”。") == ["人民调解进商会"]


def test_a_region_slogan_for_itself_is_not_an_initiative():
    text = "为建设“法治李庄”“美丽李庄”而努力，打造“法治书屋”。"
    assert names(text) == ["法治书屋"]  # 李庄 heads two slogans
    assert names("建设“法治永兴”，打造“法治书屋”。", places=("永兴镇", "湄潭县")) == ["法治书屋"]
    assert names("建设“法治永兴”。") == ["法治永兴"]  # nothing says 永兴 is a place


def test_a_quoted_name_written_again_without_quotes_counts_again():
    text = "全面落实“复检联动”工作机制。不断完善复检联动工作机制。"
    assert [(m.start, m.name) for m in find_candidates(text)] == [(5, "复检联动"), (19, "复检联动")]
    assert text[19:23] == "复检联动"


def test_a_name_missing_from_the_lexicon_is_proposed():
    programs = [p for p in load_yaml("programs.yaml") if p["id"] != "micro_lectures_grassroots"]
    lex = lexicon_from_data(programs, load_yaml("honors.yaml"), load_yaml("agencies.yaml"), load_yaml("cues.yaml"))
    text = "深入开展“微宣讲、走基层”活动。"
    assert names(text) == []
    assert names(text, lexicon=lex) == ["微宣讲、走基层"]


def test_the_stoplist_is_validated():
    assert "四个意识" in load_stoplist().phrases
    with pytest.raises(ValueError, match="unknown keys"):
        Stoplist.from_data({"slogan": ["四个意识"]})
    with pytest.raises(ValueError, match="list of non-empty strings"):
        Stoplist.from_data({"generic": "一对一"})
    with pytest.raises(ValueError, match="expected a mapping"):
        Stoplist.from_data(["一对一"])


# ---------------------------------------------------------------- ranking and the file

def _row(report, region, name, start=0, year=2023):
    return CandidateRow(report, f"{report}.txt", region and f"region:{region}", region, year, name, "quoted",
                        f"开展“{name}”。", start, start + len(name))


def test_ranking_counts_regions_then_mentions():
    rows = [_row("a", "甲县", "聊吧"), _row("a", "甲县", "聊吧", 9), _row("a", "甲县", "聊吧", 20),
            _row("b", "乙县", "法律夜市"), _row("c", "丙县", "法律夜市", year=2024), _row("d", None, "法律夜市"),
            _row("e", "乙县", "“一网通办”"), _row("f", "乙县", "一网通办", year=2024)]
    ranked = rank_candidates(rows)
    assert [(c.name, len(c.regions), c.reports, c.mentions) for c in ranked] == [
        ("法律夜市", 2, 3, 3), ("聊吧", 1, 1, 3), ("一网通办", 1, 2, 2)]
    assert ranked[0].regions == ("丙县", "乙县") and ranked[0].years == (2023, 2024)
    assert [e.report for e in ranked[0].evidence] == ["b", "c", "d"]


# ---------------------------------------------------------------- kg candidates on built graphs

REPORTS = {
    "boai_2023.txt": "博爱县司法局2023年法治政府建设情况报告\n一、工作成效\n我县创新开展“法律夜市”普法活动，打造“小月说法”短视频，"
                     "推行“1+16+N”公共法律服务模式，坚持“四个意识”。\n二、下一步工作打算\n继续办好“法律夜市”。\n",
    "jiaxian_2023.txt": "郏县司法局2023年法治政府建设情况报告\n一、工作成效\n我县借鉴外地经验举办“法律夜市”，落实六帮六助等活动，"
                        "开展“一对一”指导，推进“八五”普法。\n",
    "jiaxian_2024.txt": "郏县司法局2024年法治政府建设情况报告\n一、主要工作\n我县持续举办“法律夜市”，推广“聊吧”调解。\n",
    "noregion_2022.txt": "县司法局2022年工作总结\n一、工作成效\n我局开展“法律夜市”和“送法赶集”活动。\n",
}


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    src = tmp_path_factory.mktemp("cand-reports")
    for name, text in REPORTS.items():
        (src / name).write_text(text, encoding="utf-8")
    g = tmp_path_factory.mktemp("cand-graph") / "g"
    run_kg("build", str(src), "--graph", str(g), "-q")
    return g


def invoke(*args):
    return CliRunner().invoke(candidates_command, list(args))


def test_a_name_two_regions_use_ranks_first(small_graph):
    out = invoke("--graph", str(small_graph), "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert [(r["name"], r["regions"], r["reports"], r["mentions"]) for r in rows] == [
        ("法律夜市", 2, 4, 5), ("1+16+N", 1, 1, 1), ("六帮六助", 1, 1, 1), ("小月说法", 1, 1, 1), ("聊吧", 1, 1, 1),
        ("送法赶集", 0, 1, 1)]  # the last report names no region
    top = rows[0]
    assert top["region_names"] == ["郏县", "博爱县"] and top["years"] == [2022, 2023, 2024]  # regions by division code
    assert [(m["file"], m["sentence"]) for m in top["mentions_detail"]][:2] == [
        ("boai_2023.txt", "我县创新开展“法律夜市”普法活动，打造“小月说法”短视频，推行“1+16+N”公共法律服务模式，坚持“四个意识”。"),
        ("boai_2023.txt", "继续办好“法律夜市”。")]
    two = json.loads(invoke("--graph", str(small_graph), "--min-regions", "2", "--format", "json").stdout)
    assert [r["name"] for r in two] == ["法律夜市"]
    one = json.loads(invoke("--graph", str(small_graph), "--min-regions", "1", "--format", "json").stdout)
    assert "送法赶集" not in [r["name"] for r in one] and len(one) == 5


def test_table_and_csv(small_graph):
    table = invoke("--graph", str(small_graph), "--limit", "2").stdout
    assert table.splitlines()[0].split() == ["name", "kind", "regions", "reports", "mentions", "region_names", "years",
                                             "file", "evidence"]
    assert "郏县、博爱县" in table and table.rstrip().endswith("(2 rows)")
    csv_out = invoke("--graph", str(small_graph), "--format", "csv").stdout
    assert csv_out.splitlines()[1].startswith("法律夜市,quoted,2,4,5,郏县、博爱县,\"2022,2023,2024\",boai_2023.txt,")


def test_on_the_seeds(seed_graph, seeds_dir, tmp_path):
    g = tmp_path / "g"
    shutil.copytree(seed_graph, g, symlinks=True)
    rows = record_candidates(seeds_dir)
    got = {r["name"]: r for r in json.loads(invoke("--graph", str(g), "--limit", "0", "--format", "json").stdout)}
    # Local brands of the seed reports that the lexicon does not list.
    for name in ("小月说法", "法律夜市", "3+N", "1+16+N", "六帮六助", "七查七防", "一城一乡一都一枢纽", "复检联动", "六个一", "聊吧"):
        assert name in got, name
    for name in ("讲政治、顾大局、勇争先、守底线", "四个意识", "两个维护", "一对一", "关键少数", "第一道防线", "12·4",
                 "法律明白人", "微宣讲、走基层", "一村一警一员一顾问", "全国民主法治示范村", "法治李庄"):
        assert name not in got, name
    assert got["小月说法"]["region_names"] == ["博爱县"] and got["小月说法"]["mentions"] == 2
    assert got["1+16+N"]["file"] == "001_8af15fb0e70292a2.txt" and "“1+16+N”" in got["1+16+N"]["evidence"]
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    assert all(texts[r.file][r.start:r.end] == r.name and r.name in r.sentence for r in rows)


def test_kg_build_records_the_candidates(tmp_path, seeds_dir):
    g = tmp_path / "g"
    run_kg("build", str(seeds_dir), "--graph", str(g), "-q")
    rows = record_candidates(seeds_dir)
    assert len(rows) > 30 and load_candidates(g) == rows


def test_errors_are_one_line(tmp_path, small_graph):
    missing = invoke("--graph", str(tmp_path / "none"))
    assert missing.exit_code == 1 and "kg build" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    g = tmp_path / "g"
    shutil.copytree(small_graph, g, symlinks=True)
    shutil.rmtree((g / "current").resolve() / "facts")
    old = invoke("--graph", str(g))
    assert old.exit_code == 1 and "rebuild it" in old.stderr and len(old.stderr.strip().splitlines()) == 1
    assert invoke().exit_code == 2
    assert invoke("--graph", str(g), "--id", "x").exit_code == 2


# ---------------------------------------------------------------- promotion

@pytest.fixture
def programs_copy(tmp_path):
    p = tmp_path / "programs.yaml"
    shutil.copy(ROOT / "schema" / "programs.yaml", p)
    return p


def _lexicon(path):
    return lexicon_from_data(yaml.safe_load(path.read_text(encoding="utf-8")), load_yaml("honors.yaml"),
                             load_yaml("agencies.yaml"), load_yaml("cues.yaml"))


def test_promote_appends_a_valid_entry_and_keeps_the_file(programs_copy):
    before = programs_copy.read_text(encoding="utf-8")
    out = invoke("--promote", "“小月说法”", "--id", "xiaoyue_legal_videos", "--name-en", "Xiaoyue Talks Law: short videos #1",
                 "--category", "legal_education", "--alias", "小月说法普法短视频", "--lexicon", str(programs_copy))
    assert out.exit_code == 0, out.output
    after = programs_copy.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and layout untouched
    assert after[len(before):] == ("\n- id: xiaoyue_legal_videos\n  name: 小月说法\n"
                                   "  name_en: \"Xiaoyue Talks Law: short videos #1\"\n  category: legal_education\n"
                                   "  aliases: [小月说法, 小月说法普法短视频]\n")
    assert "kg build" in out.stderr
    lex = _lexicon(programs_copy)
    assert lex.find_program("小月说法普法短视频").name_en == "Xiaoyue Talks Law: short videos #1"
    # The promoted name is no longer a candidate.
    assert names("创新“小月说法”短视频。", lexicon=lex) == []
    assert names("创新“小月说法”短视频。") == ["小月说法"]


@pytest.mark.parametrize("args, message", [
    (["--id", "legal_literate_villagers", "--name-en", "X", "--category", "legal_education"], "duplicate id"),
    (["--id", "night_market", "--name-en", "X", "--category", "legal_education", "--alias", "法治明白人"], "belongs to both"),
    (["--id", "night_market", "--name-en", "X", "--category", "fun"], "unknown category 'fun'"),
    (["--id", "Night-Market", "--name-en", "X", "--category", "legal_education"], "snake_case"),
])
def test_promote_refuses_a_bad_entry_and_leaves_the_file(programs_copy, args, message):
    before = programs_copy.read_bytes()
    out = invoke("--promote", "法律夜市", *args, "--lexicon", str(programs_copy))
    assert out.exit_code == 1 and message in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert programs_copy.read_bytes() == before


@pytest.mark.parametrize("text, message", [("a: [b\n", "not YAML (while parsing a flow sequence"),
                                           ("- 1\n- x\n", "not a list of programs"),
                                           ("a: 1\n", "not a list of programs")])
def test_promote_into_a_file_that_is_not_a_lexicon_is_one_line(tmp_path, text, message):
    lexicon = tmp_path / "programs.yaml"
    lexicon.write_text(text, encoding="utf-8")
    out = invoke("--promote", "法律夜市", "--id", "night_market", "--name-en", "X", "--category", "legal_education",
                 "--lexicon", str(lexicon))
    assert out.exit_code == 1 and out.stderr.startswith(f"Error: {lexicon}: {message}")
    assert len(out.stderr.strip().splitlines()) == 1 and lexicon.read_text(encoding="utf-8") == text


def test_promote_needs_its_options(programs_copy):
    out = invoke("--promote", "法律夜市", "--id", "night_market", "--lexicon", str(programs_copy))
    assert out.exit_code == 2 and "--name-en" in out.stderr and "--category" in out.stderr


def test_the_stoplist_is_not_restating_the_lexicon():
    lex = load_lexicon()
    stop = load_stoplist()
    assert not [p for p in stop.phrases if lex.find_program(p) or lex.find_honor(p)]
