"""Building: incremental rebuilds, manifests (interrupted builds: test_store.py)."""
import json
import os
import shutil

import pytest
from conftest import build_files, run_kg
from govkg.ingest.manifest import ManifestError, read_manifest
from govkg.ingest.pipeline import extract_all
from govkg.ingest.readers import read_document
from govkg.ingest.records import facts_from_dict, facts_to_dict
from govkg.ingest.tables import iter_entries
from govkg.kg.build import build
from govkg.kg.names import text_name
from govkg.kg.store import open_graph, query_graph
from hostile import long_text
from store_parity import assert_stores_agree


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    return src


def test_facts_round_trip_on_the_seeds(seeds_dir):
    docs = [read_document(p) for p in sorted(seeds_dir.glob("*.txt"))]
    for f in extract_all(docs):
        assert facts_from_dict(json.loads(json.dumps(facts_to_dict(f), ensure_ascii=False))) == f


def test_facts_to_dict_writes_every_field_of_every_record():
    from dataclasses import fields

    from govkg.ingest.records import AgencyFact, Evidence, HonorFact, PersonFact, PolicyFact, ProgramFact, RegionRef, ReportFacts

    ev = Evidence("report:1", "句。", 0, 1)
    # An ambiguous place carries every field of a RegionRef.
    region = RegionRef("城关镇", "township", None, (("河南省", "province", "410000"),), ("410425", "410421"), "report:1")
    agency = AgencyFact("郏县司法局", "justice_bureau", region, ev)
    f = ReportFacts("report:1", "a.txt", "报告", 2023, region, agency, [agency], [ProgramFact("p", "planned", ev, "述法")],
                    [HonorFact("h", "名", "national", "郏县", "Region", ev, region, "k")], [PolicyFact("条例", ev)],
                    [PersonFact("张三", "调解员", ev)], "abc", "http://x")
    d = facts_to_dict(f)
    assert set(d) == {x.name for x in fields(ReportFacts)}
    for key, cls in (("agencies", AgencyFact), ("programs", ProgramFact), ("honors", HonorFact),
                     ("policies", PolicyFact), ("people", PersonFact)):
        assert set(d[key][0]) == {x.name for x in fields(cls)}
    assert set(d["region"]) == {x.name for x in fields(RegionRef)}
    assert set(d["issuer"]["evidence"]) == {x.name for x in fields(Evidence)}
    assert facts_from_dict(json.loads(json.dumps(d, ensure_ascii=False))) == f


def test_parallel_build_gives_the_same_files_as_one_process(tmp_path, seeds_dir):
    one, two = tmp_path / "one", tmp_path / "two"
    run_kg("build", str(seeds_dir), "--graph", str(one), "-q")
    run_kg("build", str(seeds_dir), "--graph", str(two), "-q", "--jobs", "2")
    assert build_files(one) == build_files(two)


def test_equal_texts_in_different_partitions_count_once_whatever_runs_the_build(corpus, tmp_path, seeds_dir):
    # Ten files, ten partitions: the copies are tagged (and their part of the graph assembled) apart from
    # the first file of their text, and the build must take that part back.
    for f in sorted(corpus.glob("*.txt")):
        shutil.copy(f, corpus / f"zz_{f.name}")
    alone, one, two = tmp_path / "alone", tmp_path / "one", tmp_path / "two"
    run_kg("build", str(seeds_dir), "--graph", str(alone), "-q")
    s = build([corpus], one)
    run_kg("build", str(corpus), "--graph", str(two), "-q", "--jobs", "2")
    assert (s.read, s.duplicates) == (5, 5)
    assert build_files(one) == build_files(two)
    assert build_files(one)["graph.json"] == build_files(alone)["graph.json"]
    assert_stores_agree(one)


def test_incremental_rebuild_reads_only_what_changed_and_equals_a_clean_build(corpus, tmp_path):
    g = tmp_path / "g"
    first = build([corpus], g)
    assert (first.read, first.reused) == (5, 0)
    again = build([corpus], g)
    assert (again.read, again.reused) == (5, 5)
    changed = corpus / "002_a7baccef2f883195.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n下一步，推进府院联动。\n", encoding="utf-8")
    third = build([corpus], g)
    assert (third.read, third.reused) == (5, 4)
    clean = tmp_path / "clean"
    build([corpus], clean, incremental=False)
    assert (g / "graph.json").read_bytes() == (clean / "graph.json").read_bytes()


def test_a_removed_report_takes_its_facts_with_it(corpus, tmp_path):
    g = tmp_path / "g"
    build([corpus], g)
    (corpus / "003_d39ef96161d7b447.txt").unlink()
    build([corpus], g)
    out = run_kg("query", "MATCH (r:Region {name: '李庄乡'})-[e:IMPLEMENTS]->(p) RETURN count(e) AS n",
                 "--graph", str(g), "--format", "json").stdout
    assert json.loads(out) == [{"n": 0}]


def test_manifest_overrides_what_the_text_says(corpus, tmp_path):
    m = tmp_path / "m.csv"
    m.write_text("file,region,year,issuer,source_url\n"
                 "002_a7baccef2f883195.txt,410422,2021,叶县司法局,https://example.gov.cn/r.html\n", encoding="utf-8")
    g = tmp_path / "g"
    run_kg("build", str(corpus), "--graph", str(g), "--manifest", str(m), "-q")
    out = run_kg("query", "MATCH (rep:Report {file: '002_a7baccef2f883195.txt'})-[:ABOUT]->(r:Region), "
                 "(rep)-[:ISSUED_BY]->(a:Agency) RETURN r.name AS region, rep.year AS year, a.name AS issuer, "
                 "rep.source AS source", "--graph", str(g), "--format", "json").stdout
    assert json.loads(out) == [{"region": "叶县", "year": 2021, "issuer": "叶县司法局",
                                "source": "https://example.gov.cn/r.html"}]


@pytest.mark.parametrize("text, message", [
    ("file,county\na.txt,x\n", "unknown column"),
    ("file,year\na.txt,last year\n", "not a number"),
    ("file,year\na.txt,2020\na.txt,2021\n", "listed twice"),
    ("region\n410822\n", "no file"),
])
def test_bad_manifests(tmp_path, text, message):
    m = tmp_path / "m.csv"
    m.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(m)
    p = run_kg("build", str(tmp_path), "--graph", str(tmp_path / "g"), "--manifest", str(m), check=False)
    assert p.returncode == 1 and message in p.stderr and "Traceback" not in p.stderr


def test_yaml_manifest(tmp_path):
    m = tmp_path / "m.yaml"
    m.write_text("reports:\n  - {file: a.txt, region: 博爱县, year: 2022}\n", encoding="utf-8")
    assert read_manifest(m) == {"a.txt": {"region": "博爱县", "year": "2022"}}


def test_a_renamed_file_rebuilds_as_a_full_build_does(corpus, tmp_path):
    # 002 has no title line: its title is its file name.
    g, clean = tmp_path / "g", tmp_path / "clean"
    build([corpus], g)
    (corpus / "002_a7baccef2f883195.txt").rename(corpus / "郏县2023年报告.txt")
    again = build([corpus], g)
    assert (again.read, again.reused) == (5, 4)
    build([corpus], clean, incremental=False)
    assert build_files(g) == build_files(clean)
    titles = {d["file"]: d["title"] for _, d in open_graph(g).nodes(data=True) if d["label"] == "Report"}
    assert titles["郏县2023年报告.txt"] == "郏县2023年报告.txt"


def test_file_names_are_kept_in_both_stores_and_printed_on_one_line(tmp_path, seeds_dir):
    src = tmp_path / "in"
    src.mkdir()
    text = (seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8")
    raw_names = ["陕州区报告".encode("gbk") + b".txt",  # from a Windows zip: not UTF-8
                 '陕州区"2023"年报告.txt'.encode(), "a,b\tc\\d，e.txt".encode(),
                 b"x\nBuilt fake: 99 reports.txt"]
    for i, raw in enumerate(raw_names):
        with open(os.path.join(os.fsencode(src), raw), "w", encoding="utf-8") as fh:
            fh.write(text + f"\n{i}\n")
    (src / "notes\nnote: fake.txt").write_text("工作总结\n我们推进法律明白人培养工程。\n", encoding="utf-8")  # no region
    (src / "empty\nerror: fake.txt").write_bytes(b"")  # cannot be read
    g = tmp_path / "g"
    p = run_kg("build", str(src), "--graph", str(g), check=False)
    assert p.returncode == 3 and "Traceback" not in p.stderr
    lines = p.stderr.splitlines()
    assert [ln[:6] for ln in lines] == ["error:", "Built ", "note: "], p.stderr
    assert "empty\\nerror: fake.txt: empty file" in lines[0] and "notes\\nnote: fake.txt" in lines[2]
    expected = {text_name(os.fsdecode(raw)) for raw in raw_names} | {"notes\nnote: fake.txt"}
    assert "\\xc9\\xc2\\xd6\\xdd\\xc7\\xf8\\xb1\\xa8\\xb8\\xe6.txt" in expected
    _, rows = query_graph(g, "MATCH (r:Report) RETURN r.file AS file")
    assert {r["file"] for r in rows} == expected
    assert {d["file"] for _, d in open_graph(g).nodes(data=True) if d["label"] == "Report"} == expected
    assert_stores_agree(g)
    assert json.loads((g / "build.json").read_text(encoding="utf-8"))["reports"] == 5
    # The cache holds the same names: a rebuild reuses every report and changes nothing.
    before = (g / "graph.json").read_bytes()
    again = build([src], g)
    assert (again.read, again.reused) == (5, 5) and (g / "graph.json").read_bytes() == before


def test_1300_unique_copies_of_the_seeds_build_and_both_stores_agree(tmp_path, seeds_dir):
    # Three of the five seeds hold ASCII commas; the store used to guess the
    # CSV dialect from a table's first rows and fail past about 256 of them.
    src = tmp_path / "copies"
    src.mkdir()
    seeds = {f.name: f.read_text(encoding="utf-8") for f in sorted(seeds_dir.glob("*.txt"))}
    for i in range(260):
        for name, text in seeds.items():
            (src / f"{i:03d}_{name}").write_text(text + f"\n本报告副本{i}。\n", encoding="utf-8")
    g = tmp_path / "g"
    run_kg("build", str(src), "--graph", str(g), "-q")
    counts = assert_stores_agree(g)
    assert counts["Report"] == 1300
    assert min(counts[t] for t in ("IMPLEMENTS", "RECEIVED", "MENTIONS", "CITES", "PLANS")) > 1000


def test_a_report_over_a_million_characters_is_built_with_the_others(tmp_path, seeds_dir):
    # spaCy refuses texts over nlp.max_length (E088): the whole build stopped, good files too.
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    (src / "long.txt").write_text(long_text(1_100_000), encoding="utf-8")
    s = build([src], tmp_path / "g")
    assert (s.read, s.failed, s.errors) == (6, 0, [])
    facts = {e.facts.file: e.facts for e in iter_entries(tmp_path / "g" / "facts")}
    assert len(facts["long.txt"].policies) > 2000


def test_a_long_report_tagged_in_sections_has_the_facts_of_the_whole(seeds_dir):
    from govkg.ingest.extract import report_facts
    from govkg.ingest.nlp import make_nlp
    from govkg.ingest.readers import document_from_text

    d = document_from_text(long_text(300_000), "long.txt")
    nlp = make_nlp()
    nlp.max_length = 70_000  # five sections
    sectioned = report_facts(nlp, d)
    nlp.max_length = 1_000_000
    whole = report_facts(nlp, d)
    assert sectioned == whole
    mentions = sectioned.people + sectioned.policies
    assert max(m.evidence.start for m in mentions) > 280_000
    assert all(d.text[m.evidence.start:m.evidence.end] == m.name for m in mentions)
    assert all(d.text[p.evidence.start:p.evidence.end] == p.surface for p in sectioned.programs)
