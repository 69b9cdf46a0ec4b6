"""The library face, govkg.open: the same answers as the command line, on the real seed graph."""
import json
import shutil
import sys

import govkg
import pytest
from conftest import run_kg
from govkg.kg.analysis import project_regions
from govkg.kg.library import fact_kinds
from govkg.kg.results import Rows
from govkg.kg.store import GraphNotFound, open_graph
from govkg.queries.file_access import FileAccessRefused


def kg_json(*args: str) -> list:
    return json.loads(run_kg(*args, "--format", "json").stdout)


def test_open_refuses_a_folder_with_no_graph(tmp_path):
    with pytest.raises(GraphNotFound, match="no graph at"):
        govkg.open(tmp_path / "nothing")


@pytest.mark.parametrize("program, planned", [("法律明白人", False), ("Fengqiao experience", True)])
def test_shared_gives_the_rows_of_kg_shared(seed_graph, program, planned):
    rows = govkg.open(seed_graph).shared(program, planned=planned)
    assert rows == kg_json("shared", program, "--graph", str(seed_graph), *(["--planned"] if planned else []))
    assert rows.columns == ["region", "level", "adcode", "ambiguous", "year", "report", "evidence"]
    assert rows  # the seeds implement one and plan the other


def test_similar_gives_the_rows_of_kg_similar(seed_graph):
    g = govkg.open(seed_graph)
    assert g.similar("郏县") == kg_json("similar", "郏县", "--graph", str(seed_graph))
    idf = g.similar("博爱县", k=2, weight="idf", status="any")
    assert idf == kg_json("similar", "博爱县", "--graph", str(seed_graph), "--k", "2", "--weight", "idf", "--status", "any")
    assert [r["name"] for r in idf] == ["郏县", "泽州县"] and list(idf[0]) == idf.columns


def test_query_and_named_give_the_rows_of_kg_query(seed_graph):
    g = govkg.open(seed_graph)
    cypher = "MATCH (r:Region)-[:IMPLEMENTS]->(p:Program {name: $name}) RETURN r.name AS region ORDER BY region"
    assert g.query(cypher, name="法律明白人") == [{"region": r} for r in ["博爱县", "李庄乡", "泽州县", "郏县"]]
    # A parameter may be called like anything, the query itself included.
    assert g.query("RETURN $cypher AS c", cypher="x") == [{"c": "x"}]
    assert g.named("programs_shared_by_regions", a="博爱县", b="郏县") == kg_json(
        "query", "--name", "programs_shared_by_regions", "-p", "a=博爱县", "-p", "b=郏县", "--graph", str(seed_graph))
    # A program parameter may be a name, as on the command line.
    assert g.named("program_first_year", program="法律明白人") == g.named(
        "program_first_year", program="program:legal_literate_villagers")


def test_query_only_reads_the_graph_unless_allowed(seed_graph, tmp_path):
    g = govkg.open(seed_graph)
    out = tmp_path / "out.csv"
    with pytest.raises(FileAccessRefused, match="allow_files=True") as e:
        g.query(f"COPY (MATCH (r:Report) RETURN r.file) TO '{out}'")
    assert e.value.found == ["COPY"] and not out.exists()
    g.query(f"COPY (MATCH (r:Report) RETURN r.file ORDER BY r.file) TO '{out}'", allow_files=True)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "000_5587728e0baa21d6.txt"


def test_network_has_the_options_and_defaults_of_the_cli(seed_graph, tmp_path):
    g = govkg.open(seed_graph)
    G = open_graph(seed_graph)
    assert sorted(g.network().edges(data="weight")) == sorted(
        project_regions(G, weight="jaccard", status="implemented", top_k=5).edges(data="weight"))
    H = g.network(weight="idf", status="any", top_k=1, min_weight=2.0)
    assert sorted(H.edges(data="weight")) == sorted(project_regions(G, "idf", "any", 1, 2.0).edges(data="weight"))
    # kg export --network regions writes the same network, with the same defaults.
    out = tmp_path / "regions.json"
    run_kg("export", "--graph", str(seed_graph), "--format", "json", "--network", "regions", "-o", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert sorted((e["source"], e["target"], e["weight"]) for e in exported["edges"]) == sorted(
        (*sorted((u, v)), w) for u, v, w in g.network().edges(data="weight"))


def test_facts_are_the_builds_with_evidence_unpacked(seed_graph):
    g = govkg.open(seed_graph)
    assert fact_kinds() == ("agencies", "programs", "honors", "policies", "people")
    programs = g.facts("programs")
    assert programs.columns == ["report", "file", "year", "report_region", "program", "status", "surface", "sentence",
                                "start", "end"]
    # Each IMPLEMENTS / PLANS edge quotes the sentence of the fact it came from.
    by_mention = {(r["report"], r["start"], r["end"]): r for r in programs}
    edges = [d for _, _, d in open_graph(seed_graph).edges(data=True) if d["type"] in ("IMPLEMENTS", "PLANS")]
    assert len(edges) == len(programs) == 130  # one fact per program and report, one edge per fact
    for d in edges:
        row = by_mention[(d["report"], d["char_start"], d["char_end"])]
        assert row["sentence"] == d["evidence"] and row["surface"] == d["surface"]
    mbr = [r for r in programs if r["program"] == "legal_literate_villagers" and r["report_region"] == "郏县"]
    # 郏县 trains 基层法治明白人 in 2023 and names 法律明白人 again among its plans: implemented, as first written.
    assert [(r["status"], r["surface"], r["year"]) for r in mbr] == [("implemented", "基层法治明白人", 2023)]
    people = g.facts("people")
    assert {"name": "张中央", "report_region": "郏县"}.items() <= next(r for r in people if r["name"] == "张中央").items()
    with pytest.raises(ValueError, match="kind must be one of"):
        g.facts("regions")


def test_facts_keep_their_sentences_when_the_report_files_are_gone(seeds_dir, tmp_path):
    src = tmp_path / "reports"
    shutil.copytree(seeds_dir, src)
    run_kg("build", str(src), "--graph", str(tmp_path / "g"), "-q")
    before = govkg.open(tmp_path / "g").facts("policies")
    shutil.rmtree(src)
    rows = govkg.open(tmp_path / "g").facts("policies")
    assert rows == before and all(r["sentence"] for r in rows)


def test_rows_become_a_data_frame(seed_graph):
    df = govkg.open(seed_graph).similar("郏县", k=3).to_pandas()
    assert list(df.columns) == ["region", "name", "province", "level", "score", "n_shared", "programs"]
    assert df["name"].tolist() == ["泽州县", "陕州区", "博爱县"]


def test_rows_say_how_to_get_pandas_when_it_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what a failed import of pandas looks like
    with pytest.raises(ImportError, match=r"pip install pandas"):
        Rows([{"a": 1}]).to_pandas()


def test_rows_render_as_an_escaped_html_table():
    rows = Rows([{"name": "<script>alert(1)</script>", "aliases": ["a&b"], "year": None}] * 101)
    page = rows._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<td>[&quot;a&amp;b&quot;]</td><td></td>" in page
    assert page.count("<tr>") == 101 and page.endswith("<p>… and 1 more rows</p>")
