"""Exports: GraphML, GEXF, node-link JSON and neo4j-admin CSV, each read back."""
from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from govkg.kg import export
from govkg.kg.analysis import network_for_export, project_regions
from govkg.kg.export import (
    ENCODED,
    from_gexf,
    from_graphml,
    from_neo4j_import_csv,
    from_node_link_json,
    neo4j_admin_command,
    to_gexf,
    to_graphml,
    to_neo4j_import_csv,
    to_node_link_json,
)
from govkg.kg.rows import edge_rows, node_rows
from graph_fixtures import HOSTILE, seed_like_graph

ROUND_TRIP = [("graphml", to_graphml, from_graphml), ("gexf", to_gexf, from_gexf),
              ("json", to_node_link_json, from_node_link_json)]


def awkward_graph(edge_attr_named_key: bool = True) -> nx.MultiDiGraph:
    """The seed-like graph plus every kind of value the XML formats cannot hold as is."""
    G = seed_like_graph(hostile=True)
    G.graph.update(name="seeds", built={"reports": 7, "files": ["a.txt", "b.txt"]}, note=None)
    G.nodes["legal_literate_villagers"].update(
        score=0.1 + 0.2, active=True, tags=[], meta={"k": [1, 2]}, nothing=None,
        tricky=ENCODED + '["not a list"]', control="a\x0bb\r\nc", label_like="_x")
    G.nodes["region:410822"]["score"] = 3  # an int where another node has a float: a mixed column
    # Attribute names GEXF gives meanings of its own, and one starting with "_".
    G.nodes["eighth_five_year_legal_education"].update(start=1, end=2, pid="p", viz="v", _private="q")
    first = next(iter(G.edges(keys=True)))
    G.edges[first].update(weight=2.5, id="edge-attr-id", label="e", networkx_key="k2")
    if edge_attr_named_key:  # node-link JSON has a "key" field of its own and refuses this one
        G.edges[first]["key"] = "attr-named-key"
    G.add_edge("report:000", "policy:法治政府建设实施纲要", key=7, type="CITES", evidence="整数键")
    return G


def assert_same(H: nx.Graph, G: nx.Graph) -> None:
    assert type(H) is type(G)
    assert H.graph == G.graph
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    if G.is_multigraph():
        key = lambda e: (str(e[0]), str(e[1]), str(e[2]))  # noqa: E731
        assert sorted(H.edges(keys=True, data=True), key=key) == sorted(G.edges(keys=True, data=True), key=key)
    else:
        assert {frozenset((u, v)): d for u, v, d in H.edges(data=True)} == {
            frozenset((u, v)): d for u, v, d in G.edges(data=True)}
    for n, d in G.nodes(data=True):
        for k, v in d.items():
            assert type(H.nodes[n][k]) is type(v), (n, k)


@pytest.mark.parametrize("fmt,write,read", ROUND_TRIP)
def test_round_trip_keeps_every_attribute(tmp_path, fmt, write, read):
    G = awkward_graph(edge_attr_named_key=fmt != "json")
    path = write(G, tmp_path / f"g.{fmt}")
    assert_same(read(path), G)


@pytest.mark.parametrize("fmt,write,read", ROUND_TRIP)
def test_round_trip_of_a_projection(tmp_path, fmt, write, read):
    H = project_regions(seed_like_graph(), "idf", top_k=2)
    assert_same(read(write(H, tmp_path / f"h.{fmt}")), H)


@pytest.mark.parametrize("fmt,write,read", ROUND_TRIP)
def test_same_graph_same_bytes_whatever_the_build_order(tmp_path, fmt, write, read):
    G = awkward_graph(edge_attr_named_key=fmt != "json")
    R = nx.MultiDiGraph(**G.graph)
    R.add_nodes_from(reversed(list(G.nodes(data=True))))
    R.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    a = write(G, tmp_path / f"a.{fmt}").read_bytes()
    b = write(R, tmp_path / f"b.{fmt}").read_bytes()
    assert a == b


def test_plain_networkx_reads_the_xml_exports(tmp_path):
    G = awkward_graph()
    g = nx.read_graphml(to_graphml(G, tmp_path / "g.graphml"))
    assert g.nodes["legal_literate_villagers"]["name"] == "法律明白人"
    assert g.nodes["region:410822"]["level"] == "county"
    assert g.nodes["legal_literate_villagers"]["aliases"] == ENCODED + '["法治明白人", "法律明白人培养工程"]'
    x = nx.read_gexf(to_gexf(G, tmp_path / "g.gexf"))
    # Gephi shows the GEXF label: the name, not the node's kind.
    assert x.nodes["region:410822"]["label"] == "博爱县"
    assert x.nodes["region:410822"]["_label"] == "Region"
    assert x.nodes["micro_lectures"]["label"] == HOSTILE
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "博爱县" in text
    ET.parse(tmp_path / "g.gexf")  # well-formed despite control characters in values


def test_gexf_edge_weight_is_native_for_gephi(tmp_path):
    H = project_regions(seed_like_graph(), "jaccard")
    x = nx.read_gexf(to_gexf(H, tmp_path / "h.gexf"))
    u, v, w = next(iter(H.edges(data="weight")))
    assert x.edges[u, v]["weight"] == pytest.approx(w)


def test_node_link_refuses_to_lose_attributes(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("a", id="b")
    with pytest.raises(ValueError, match="differs from its key"):
        to_node_link_json(G, tmp_path / "x.json")
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", source="x")
    with pytest.raises(ValueError, match="collide"):
        to_node_link_json(G, tmp_path / "x.json")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_neo4j_import_csv_headers_and_values(tmp_path):
    G = seed_like_graph()
    files = to_neo4j_import_csv(G, tmp_path / "neo")
    names = [f.name for f in files]
    assert names[:2] == ["nodes_Report.csv", "nodes_Region.csv"] and "rels_IMPLEMENTS.csv" in names
    programs = read_csv(tmp_path / "neo" / "nodes_Program.csv")
    assert programs[0] == ["id:ID", ":LABEL", "name", "name_en", "aliases:string[]", "category", "govkg:boolean"]
    row = next(r for r in programs if r[0] == "legal_literate_villagers")
    assert row[1] == "Program" and row[4] == "法治明白人;法律明白人培养工程" and row[6] == "true"
    reports = read_csv(tmp_path / "neo" / "nodes_Report.csv")
    assert "year:long" in reports[0]
    rels = read_csv(tmp_path / "neo" / "rels_IMPLEMENTS.csv")
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "key", "report", "year:long", "evidence", "char_start:long",
                       "char_end:long", "surface"]
    assert all(r[2] == "IMPLEMENTS" for r in rels[1:]) and len(rels) - 1 == sum(
        1 for *_, d in G.edges(data=True) if d["type"] == "IMPLEMENTS")
    # The key kg push merges on, so a push after neo4j-admin finds the relationships in place.
    from govkg.kg.neo4j_store import relationship_rows

    keys = {row["key"] for (t, _, _), rows in relationship_rows(G).items() if t == "IMPLEMENTS" for row in rows}
    assert {r[3] for r in rels[1:]} == keys
    regions = read_csv(tmp_path / "neo" / "nodes_Region.csv")
    lizhuang = next(r for r in regions if r[0] == "region:410421/李庄乡")
    assert lizhuang[regions[0].index("adcode")] == ""  # missing value: empty field
    cmd = neo4j_admin_command(files)
    # The database comes first: --nodes and --relationships take any number of files and would take it for one.
    assert cmd.startswith("neo4j-admin database import full neo4j '--array-delimiter=;'")
    assert f"--nodes=Program={tmp_path / 'neo' / 'nodes_Program.csv'}" in cmd
    assert f"--relationships=IMPLEMENTS={tmp_path / 'neo' / 'rels_IMPLEMENTS.csv'}" in cmd


def test_neo4j_import_csv_round_trip(tmp_path):
    G = seed_like_graph(hostile=True)
    G.nodes["report:000"]["title"] = '引号"与,逗号\n和换行'
    to_neo4j_import_csv(G, tmp_path / "neo")
    H = from_neo4j_import_csv(tmp_path / "neo")
    assert node_rows(H) == node_rows(G)
    assert edge_rows(H) == edge_rows(G)
    # kg push's marker and keys are Neo4j's business, not the graph's.
    assert not any("govkg" in d for _, d in H.nodes(data=True)) and not any("key" in d for *_, d in H.edges(data=True))


def test_neo4j_import_csv_refuses_the_array_delimiter(tmp_path):
    G = seed_like_graph()
    G.nodes["legal_literate_villagers"]["aliases"] = ["a;b"]
    with pytest.raises(ValueError, match="array delimiter"):
        to_neo4j_import_csv(G, tmp_path / "neo")


def test_export_writes_the_network_it_is_given(tmp_path):
    G = seed_like_graph()
    [path] = export.export_graph(network_for_export(G, "regions", weight="jaccard"), "gexf", tmp_path / "regions.gexf")
    H = from_gexf(path)
    assert sorted(H) == sorted(project_regions(G, "jaccard"))
    assert all("community" in d for _, d in H.nodes(data=True))
    [path] = export.export_graph(network_for_export(G, "bipartite", status="any"), "graphml", tmp_path / "b.graphml")
    assert from_graphml(path).number_of_edges() == 15  # 17 adoption edges, 2 pairs seen twice
    assert export.export_bytes(G, "json") == export.export_bytes(network_for_export(G, "property"), "json")
    with pytest.raises(ValueError, match="format must be one of"):
        export.export_graph(G, "dot", tmp_path / "x")
    with pytest.raises(ValueError, match="network must be one of"):
        network_for_export(G, "agencies")


# ---------------------------------------------------------------- kg export

from click.testing import CliRunner  # noqa: E402
from govkg.kg.cli.export import export_command  # noqa: E402
from graph_fixtures import saved_graph_dir  # noqa: E402


def test_kg_export(tmp_path):
    graph = str(saved_graph_dir(tmp_path / "graph"))
    runner = CliRunner()
    out = tmp_path / "regions.gexf"
    result = runner.invoke(export_command, ["--graph", graph, "--format", "gexf", "-o", str(out),
                                            "--network", "regions", "--weight", "jaccard"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    H = from_gexf(out)
    assert H.edges["region:410425", "region:410421/李庄乡"]["weight"] == pytest.approx(2 / 3)
    out = tmp_path / "g.graphml"
    assert runner.invoke(export_command, ["--graph", graph, "--format", "graphml", "-o", str(out)]).exit_code == 0
    assert from_graphml(out).nodes["legal_literate_villagers"]["aliases"] == ["法治明白人", "法律明白人培养工程"]
    result = runner.invoke(export_command, ["--graph", graph, "--format", "neo4j-csv", "-o", str(tmp_path / "neo")])
    assert result.exit_code == 0 and "nodes_Program.csv" in result.output
    assert "neo4j-admin database import full" in result.output  # the load command (stderr)
    bad = runner.invoke(export_command, ["--graph", graph, "--format", "neo4j-csv", "-o", str(tmp_path / "x"),
                                         "--network", "regions"])
    assert bad.exit_code == 1 and bad.output.startswith("Error: neo4j-csv writes the property graph only")
    assert "Examples:" in runner.invoke(export_command, ["--help"]).output


def test_kg_export_parquet_writes_the_facts_pandas_reads(seed_graph, tmp_path):
    import pandas as pd
    from conftest import run_kg
    from govkg.ingest.tables import FACT_KINDS, iter_entries

    out = run_kg("export", "--graph", str(seed_graph), "--format", "parquet", "-o", str(tmp_path / "facts")).stdout
    assert [p.rsplit("/", 1)[1] for p in out.split()] == [f"{k}.parquet" for k in FACT_KINDS]
    programs = pd.read_parquet(tmp_path / "facts" / "programs.parquet")
    entries = list(iter_entries(seed_graph / "facts"))
    assert len(programs) == sum(len(e.facts.programs) for e in entries)
    row = programs.iloc[0]
    assert row["report"] == entries[0].facts.id and row["evidence.sentence"] == entries[0].facts.programs[0].evidence.sentence
    reports = pd.read_parquet(tmp_path / "facts" / "reports.parquet")
    assert reports["report"].tolist() == [e.facts.id for e in entries]


@pytest.mark.parametrize("args, message", [
    (["-o", "-"], "parquet writes the facts as a folder of files"),
    (["-o", "{tmp}/f", "--network", "regions"], "parquet writes the facts as a folder of files"),
])
def test_kg_export_parquet_errors_are_one_line(seed_graph, tmp_path, args, message):
    from conftest import run_kg

    p = run_kg("export", "--graph", str(seed_graph), "--format", "parquet",
               *[a.replace("{tmp}", str(tmp_path)) for a in args], check=False)
    assert p.returncode == 1 and message in p.stderr and len(p.stderr.strip().splitlines()) == 1
