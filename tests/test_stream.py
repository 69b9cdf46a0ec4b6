"""Streaming the graph out: the same graph.json as build_graph, whatever the partitions, and both stores."""
import json
import pickle

from govkg.ingest.pipeline import extract_all
from govkg.ingest.readers import document_from_text, read_document
from govkg.kg.graph import build_graph, graph_to_json
from govkg.kg.ladybug_store import query_ladybug
from govkg.kg.stream import GraphWriter, graph_part, write_graph_files


def _facts(seeds_dir):
    return list(extract_all([read_document(p) for p in sorted(seeds_dir.glob("*.txt"))]))


def test_the_streamed_graph_is_the_built_one_whatever_the_partitions(seeds_dir, tmp_path):
    facts = _facts(seeds_dir)
    expected = graph_to_json(build_graph(facts))
    for i, cut in enumerate(([facts], [[f] for f in facts], [facts[3:], [], facts[:3]])):
        out = tmp_path / str(i)
        out.mkdir()
        counts = write_graph_files(cut, out)
        assert (out / "graph.json").read_text(encoding="utf-8") == expected
        assert counts["nodes"] == len(json.loads(expected)["nodes"]) and counts["edges"] == len(json.loads(expected)["edges"])
        assert sorted(p.name for p in out.iterdir()) == ["graph.json", "graph.lbug"]  # the work files are gone


def test_a_report_given_twice_is_added_once(seeds_dir, tmp_path):
    facts = _facts(seeds_dir)
    counts = write_graph_files([facts, facts[:2]], tmp_path)
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == graph_to_json(build_graph(facts))
    _, rows = query_ladybug(tmp_path / "graph.lbug", "MATCH (r:Report) RETURN count(r) AS n")
    assert rows == [{"n": 5}] and counts["tables"]["Report"] == 5


def test_the_embedded_store_holds_every_edge_of_every_partition(seeds_dir, tmp_path):
    facts = _facts(seeds_dir)
    write_graph_files([[f] for f in facts], tmp_path)
    G = build_graph(facts)
    _, rows = query_ladybug(tmp_path / "graph.lbug", "MATCH ()-[e]->() RETURN count(e) AS n")
    assert rows == [{"n": G.number_of_edges()}]
    _, rows = query_ladybug(tmp_path / "graph.lbug", "MATCH ()-[e:IMPLEMENTS]->(p:Program) RETURN e.evidence AS ev "
                                                     "ORDER BY ev LIMIT 1")
    assert rows[0]["ev"] == min(d["evidence"] for _, _, d in G.edges(data=True) if d["type"] == "IMPLEMENTS")


def test_where_reports_disagree_on_a_node_the_order_does_not_matter():
    texts = ["博爱县2023年报告\n依据《法治政府建设实施纲要(2021-2025年)》推进。",
             "博爱县2024年报告\n依据《法治政府建设实施纲要(2021 - 2025年)》推进。"]
    facts = list(extract_all([document_from_text(t, f"{i}.txt") for i, t in enumerate(texts)]))
    assert graph_to_json(build_graph(facts)) == graph_to_json(build_graph(facts[::-1]))


def test_parts_sent_from_workers_merge_into_the_built_graph(seeds_dir, tmp_path):
    facts = _facts(seeds_dir)
    with GraphWriter(tmp_path) as w:
        # as a worker hands its part back: pickled, so the writer shares nothing with the assembler that made it
        parts = [pickle.loads(pickle.dumps(graph_part(i, [f], w.work))) for i, f in enumerate(facts)]
        shared = set().union(*(p.held.shared for p in parts))  # PART_OF, which several reports give
        assert sum(p.edges for p in parts) + len(shared) == build_graph(facts).number_of_edges()
        for p in parts:
            w.add(p)
        w.finish()
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == graph_to_json(build_graph(facts))


def test_a_discarded_part_leaves_no_file(seeds_dir, tmp_path):
    facts = _facts(seeds_dir)
    with GraphWriter(tmp_path) as w:
        part = graph_part(0, facts[:1], w.work)
        assert part.run.exists() and all(c.path.exists() for c in part.copies)
        part.discard()
        assert not any(f.is_file() for f in w.work.rglob("*"))
    assert not w.work.exists()
