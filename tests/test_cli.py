"""The command line, run for real in a subprocess."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, run_kg
from govkg.kg.cli import main


def test_every_command_has_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name in main.commands:
        out = runner.invoke(main, [name, "--help"]).output
        assert re.search(r"Examples?:\s*\n\s+kg ", out), f"kg {name} --help has no example"
        assert f"kg {name}" in readme, f"kg {name} is not documented in the README"


def test_shared_lists_the_four_regions(seed_graph):
    out = run_kg("shared", "法律明白人", "--graph", str(seed_graph), "--format", "json").stdout
    regions = sorted({r["region"] for r in json.loads(out)})
    assert regions == ["博爱县", "李庄乡", "泽州县", "郏县"]
    # Aliases and English names find the same program.
    out2 = run_kg("shared", "法治明白人", "--graph", str(seed_graph), "--format", "json").stdout
    assert json.loads(out2) == json.loads(out)


def test_query_json_and_csv(seed_graph):
    out = run_kg("query", "MATCH (r:Report) RETURN r.year AS year, count(*) AS n", "--graph", str(seed_graph),
                 "--format", "json").stdout
    assert json.loads(out) == [{"year": 2023, "n": 5}]
    csv_out = run_kg("query", "--name", "programs_shared_by_regions", "-p", "a=博爱县", "-p", "b=郏县",
                     "--graph", str(seed_graph), "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "program,name_en,category"


@pytest.mark.parametrize("args, message", [
    (["query", "MATCH (r:Region RETURN r"], "query failed"),
    (["shared", "no such programme"], "no program"),
    (["query", "--name", "nope"], "no named query"),
])
def test_bad_input_is_one_clear_line(seed_graph, args, message):
    p = run_kg(*args, "--graph", str(seed_graph), check=False)
    assert p.returncode == 1
    assert message in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_missing_graph(tmp_path):
    p = run_kg("query", "MATCH (n) RETURN n", "--graph", str(tmp_path / "none"), check=False)
    assert p.returncode == 1 and "kg build" in p.stderr and "Traceback" not in p.stderr


def test_bad_files_are_named_and_the_rest_is_built(tmp_path, seeds_dir):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text((seeds_dir / "002_a7baccef2f883195.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (src / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"), check=False)
    assert p.returncode == 3
    for name in ("empty.txt", "binary.txt", "latin.txt"):
        assert name in p.stderr
    assert "Traceback" not in p.stderr
    out = run_kg("query", "MATCH (r:Report) RETURN r.file AS f", "--graph", str(tmp_path / "g"), "--format", "json").stdout
    assert json.loads(out) == [{"f": "good.txt"}]


def test_a_failed_rebuild_keeps_the_previous_graph(tmp_path, seeds_dir):
    g = tmp_path / "g"
    run_kg("build", str(seeds_dir), "--graph", str(g), "-q")
    before = (g / "graph.json").read_bytes()
    p = run_kg("build", str(tmp_path / "missing"), "--graph", str(g), check=False)
    assert p.returncode == 1 and "no such file" in p.stderr
    assert (g / "graph.json").read_bytes() == before
    assert not [x for x in Path(tmp_path).iterdir() if x.name.startswith(".g.")]


def test_build_names_reports_without_a_region_and_the_manifest_fixes_them(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text("工作总结\n我们推进法律明白人培养工程，开展八五普法。\n", encoding="utf-8")
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"))
    assert "note: 1 report names no region" in p.stderr and "notes.txt" in p.stderr and "--manifest" in p.stderr
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,region\nnotes.txt,郏县\n", encoding="utf-8")
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"), "--manifest", str(manifest))
    assert "note:" not in p.stderr
    out = run_kg("shared", "法律明白人", "--graph", str(tmp_path / "g"), "--format", "json").stdout
    assert "郏县" in out



def test_seed_honors_and_their_recipients(seed_graph):
    # Pinned, not only scored: the seed scores count matches, so an honor lost
    # along with its unexpected twin would leave them at 1.0.
    out = run_kg("query", "MATCH (x)-[:RECEIVED]->(h:Honor) RETURN x.name AS who, h.name AS honor ORDER BY who, honor",
                 "--graph", str(seed_graph), "--format", "json").stdout
    assert [(r["who"], r["honor"]) for r in json.loads(out)] == [
        ("七方村", "省级民主法治示范村"), ("南道村", "全国民主法治示范村"), ("博爱县", "全市三零平安创建工作表现突出集体"),
        ("博爱县", "全省平安建设先进单位"), ("博爱县医保局", "市级行政执法责任制示范点"),
        ("博爱县市场监管局", "市级行政执法责任制示范点"), ("张中央", "全国优秀调解员"), ("李庄乡", "省级民主法治示范村"),
        ("泗沟村", "省级民主法治示范村"), ("郏县", "全国基层治理类信用承诺优秀案例"), ("郏县", "全国民主法治示范村"),
        ("郏县", "全国行政复议行政应诉先进集体"), ("郏县", "市级民主法治示范乡镇"), ("郏县", "省级优秀县"),
        ("郏县", "社区矫正教育帮扶项目示范点"), ("郏县审计局", "省级服务型行政执法示范单位"),
    ]
