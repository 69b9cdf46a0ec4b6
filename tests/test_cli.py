"""The command line, run for real in a subprocess."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import KG, ROOT, run_kg
from govkg.kg.cli import main
from read_only import run_kg_read_only


def test_every_command_has_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name in main.commands:
        out = runner.invoke(main, [name, "--help"]).output
        assert re.search(r"Examples?:\s*\n\s+kg ", out), f"kg {name} --help has no example"
        assert f"kg {name}" in readme, f"kg {name} is not documented in the README"
    # Switches that widen what a command may touch are explained there too.
    for switch in ("--allow-files", "`-o -`", "--manifest"):
        assert switch in readme, f"{switch} is not documented in the README"


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


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_listing_ends_in_exactly_one_newline(seed_graph, fmt):
    g = str(seed_graph)
    runner = CliRunner()
    for args in (["query", "MATCH (r:Report) RETURN r.year AS year ORDER BY year", "--graph", g],
                 ["shared", "法律明白人", "--graph", g], ["similar", "郏县", "--graph", g],
                 ["candidates", "--graph", g, "--limit", "2"], ["query", "--list"]):
        result = runner.invoke(main, [*args, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n"), (args, result.stdout[-20:])
    out = runner.invoke(main, ["query", "MATCH (r:Report) RETURN r.year AS year", "--graph", g, "--format", "csv"]).stdout
    assert out == "year\n" + "2023\n" * 5


def test_shared_options_mean_the_same_everywhere():
    # --graph, the network options and --database are declared once (kg/cli/options.py), so one
    # option has one default and one type in every command that takes it.
    seen: dict[str, set] = {}
    for command in main.commands.values():
        for p in command.params:
            if p.name in ("weight", "status", "top_k", "min_weight", "database", "graph_dir"):
                seen.setdefault(p.name, set()).add((p.default, json.dumps(p.type.to_info_dict(), sort_keys=True)))
    assert {n: len(v) for n, v in seen.items()} == {
        "weight": 1, "status": 1, "top_k": 1, "min_weight": 1, "database": 1, "graph_dir": 1}
    assert {d for d, _ in seen["weight"]} == {"jaccard"} and {d for d, _ in seen["top_k"]} == {5}


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


def _one_line_error(p) -> str:
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert p.stderr.startswith("Error: ") and p.stderr.count("\n") == 1, p.stderr
    return p.stderr.strip()


@pytest.mark.parametrize("args", [
    ["shared", "法律明白人"], ["similar", "郏县"], ["viz", "-o", "{tmp}/x.html"],
    ["export", "--format", "json", "-o", "{tmp}/x.json"],
    ["query", "--name", "regions_sharing_program", "-p", "program=法律明白人"],
])
def test_a_cut_off_graph_json_is_one_line_that_says_rebuild(seed_graph, tmp_path, args):
    g = shutil.copytree(seed_graph, tmp_path / "g")
    text = (g / "graph.json").read_bytes()
    (g / "graph.json").write_bytes(text[: len(text) // 2])
    p = run_kg(*[a.replace("{tmp}", str(tmp_path)) for a in args], "--graph", str(g), check=False)
    message = _one_line_error(p)
    assert message.startswith(f"Error: the graph at {g} is damaged: graph.json is cut off or not JSON (")
    assert message.endswith(f"rebuild it: kg build REPORTS... --graph {g}")
    assert not (tmp_path / "x.html").exists() and not (tmp_path / "x.json").exists()


def test_candidates_of_a_graph_without_build_json_or_with_damaged_facts(seed_graph, tmp_path):
    g = shutil.copytree(seed_graph, tmp_path / "g")
    (g / "build.json").unlink()
    assert _one_line_error(run_kg("candidates", "--graph", str(g), check=False)) == (
        f"Error: the graph at {g} is damaged: build.json is missing; rebuild it: kg build REPORTS... --graph {g}")
    g = shutil.copytree(seed_graph, tmp_path / "g2", symlinks=True)
    part = (g / "current").resolve() / "facts" / "candidates" / "part-00000.parquet"
    part.write_bytes(part.read_bytes()[:100])  # cut off
    message = _one_line_error(run_kg("candidates", "--graph", str(g), check=False))
    assert message.startswith(f"Error: the graph at {g} is damaged: facts cannot be read (")


WRITERS = {"viz": ["viz"], "export": ["export", "--format", "graphml"]}


@pytest.mark.parametrize("command", sorted(WRITERS))
@pytest.mark.parametrize("output, message", [
    ("", "Error: -o is empty; give the file to write, e.g. -o "),
    ("{tmp}", "Error: {tmp} is a folder; give a file name in it, e.g. -o {tmp}/"),
    ("{tmp}/file.txt/x", "Error: cannot write {tmp}/file.txt/x: {tmp}/file.txt is a file, not a folder; choose another -o"),
    ("/dev/full", "Error: cannot write /dev/full: No space left on device; free some space or choose another -o"),
])
def test_an_output_that_cannot_be_written_is_one_line(seed_graph, tmp_path, command, output, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    output, message = output.replace("{tmp}", str(tmp_path)), message.replace("{tmp}", str(tmp_path))
    p = run_kg(*WRITERS[command], "--graph", str(seed_graph), "-o", output, check=False)
    assert _one_line_error(p).startswith(message)


@pytest.mark.parametrize("args", [WRITERS["viz"] + ["-o", "{ro}/x.html"], WRITERS["export"] + ["-o", "{ro}/new/x.graphml"],
                                  ["export", "--format", "neo4j-csv", "-o", "{ro}/csv"]])
def test_an_output_in_a_read_only_folder_is_one_line(seed_graph, tmp_path, args):
    ro = tmp_path / "ro"
    ro.mkdir()
    args = [a.replace("{ro}", str(ro)) for a in args]
    p = run_kg_read_only(ro, *args, "--graph", str(seed_graph))
    assert _one_line_error(p).startswith(f"Error: cannot write {args[-1]}: {ro} is read-only; choose a folder you can "
                                         "write to with -o")
    assert list(ro.iterdir()) == []


def test_export_to_dash_writes_standard_output(seed_graph, tmp_path):
    for fmt in ("graphml", "gexf", "json"):
        run_kg("export", "--graph", str(seed_graph), "--format", fmt, "-o", str(tmp_path / f"g.{fmt}"))
        p = subprocess.run(KG + ["export", "--graph", str(seed_graph), "--format", fmt, "-o", "-"], cwd=tmp_path,
                           capture_output=True, timeout=600)
        assert p.returncode == 0 and p.stdout == (tmp_path / f"g.{fmt}").read_bytes()
    p = subprocess.run(KG + ["export", "--graph", str(seed_graph), "--format", "neo4j-csv", "-o", "-"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=600)
    assert _one_line_error(p) == "Error: neo4j-csv writes a folder of files, not one stream; give -o FOLDER"
    p = subprocess.run(KG + ["viz", "--graph", str(seed_graph), "-o", "-"], cwd=tmp_path, capture_output=True, timeout=600)
    assert p.returncode == 0 and p.stdout.startswith(b"<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


def test_build_into_a_folder_it_cannot_write_is_one_line_and_keeps_the_graph(tmp_path, seeds_dir):
    ro = tmp_path / "ro"
    ro.mkdir()
    run_kg("build", str(seeds_dir), "--graph", str(ro / "g"), "-q")
    before = (ro / "g" / "graph.json").read_bytes()
    for target in (ro / "g", ro / "new" / "g"):
        p = run_kg_read_only(ro, "build", str(seeds_dir), "--graph", str(target), "-q")
        assert _one_line_error(p) == (f"Error: cannot write {target}: {ro} is read-only; "
                                      "choose a folder you can write to with --graph")
    assert (ro / "g" / "graph.json").read_bytes() == before and sorted(ro.iterdir()) == [ro / "g"]
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    p = run_kg("build", str(seeds_dir), "--graph", str(tmp_path / "file.txt" / "g"), check=False)
    assert _one_line_error(p) == (f"Error: cannot write {tmp_path}/file.txt/g: {tmp_path}/file.txt is a file, "
                                  "not a folder; choose another --graph")
    # Root may write in /proc as far as permissions go; the build itself fails there.
    assert _one_line_error(run_kg("build", str(seeds_dir), "--graph", "/proc/g", check=False)).startswith(
        "Error: cannot write /proc/g: ")


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


def test_the_summary_counts_one_report_in_the_singular(tmp_path):
    src = tmp_path / "one"
    src.mkdir()
    (src / "a.txt").write_text("博爱县2023年法治政府建设情况报告\n我县推进述法。\n", encoding="utf-8")
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"))
    assert f"Built {tmp_path / 'g'}: 1 report (1 with a region" in p.stderr
    assert "0 warnings, 0 duplicates and 0 other files skipped" in p.stderr
