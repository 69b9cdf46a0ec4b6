"""govkg.kg.neo4j_store against a real Neo4j 5.26 (fixture ``neo4j_server``)."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import time
from collections import Counter

import neo4j
import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import KG
from govkg import queries
from govkg.kg.neo4j_plan import StoredState, plan_writes, writer_lanes
from govkg.kg.neo4j_store import Neo4jError, PushSummary, bulk_import, push, query, relationship_rows, to_plain
from govkg.kg.rows import edge_rows, node_rows
from govkg.queries import neo4j_write
from govkg.schema import graph_schema
from neo4j_server import Neo4jServer, admin_tool, free_port

# Two reports' worth of facts, shaped the way `kg build` shapes them: every
# label and relationship type, Chinese text, lists, ints and missing values.
REPORTS = {
    "report:5587728e0baa21d6": {
        "file": "000_5587728e0baa21d6.txt", "title": "博爱县2023年法治政府建设情况报告", "year": 2023,
        "region": "region:410822", "agency": "agency:410822/司法局",
        "implements": [("program:falv_mingbairen", "培养“法律明白人”1200名", 120, 133, "法律明白人"),
                       ("program:shufa", "开展领导干部述法", 300, 310, "述法")],
        "plans": [("program:falv_guwen", "推进一村（社区）一法律顾问", 900, 915, "一村一法律顾问")],
        "honors": [("region:410822", "honor:minzhu_fazhi_shifan", "被命名为全国民主法治示范村", 400, 415)],
        "people": [("person:410822/张明", "张明", "县长")],
        "policies": [("policy:fazhi_zhengfu_gangyao", "法治政府建设实施纲要（2021—2025年）")],
    },
    "report:8af15fb0e70292a2": {
        "file": "001_8af15fb0e70292a2.txt", "title": "温县2022年法治政府建设年度报告", "year": 2022,
        "region": "region:410825", "agency": "agency:410825/人民政府",
        "implements": [("program:falv_mingbairen", "“法律明白人”培养工程", 50, 61, "法律明白人")],
        "plans": [],
        "honors": [("agency:410825/人民政府", "honor:fazhi_xianjin", "获评法治建设先进单位", 70, 82)],
        "people": [("person:410825/李红", "李红", None)],
        "policies": [("policy:xingzheng_fuyi_fa", "中华人民共和国行政复议法")],
    },
}

NODES = {
    "region:410000": {"label": "Region", "name": "河南省", "level": "province", "adcode": "410000", "province": "河南省"},
    "region:410800": {"label": "Region", "name": "焦作市", "level": "city", "adcode": "410800", "province": "河南省"},
    "region:410822": {"label": "Region", "name": "博爱县", "level": "county", "adcode": "410822", "province": "河南省"},
    "region:410825": {"label": "Region", "name": "温县", "level": "county", "adcode": "410825", "province": "河南省"},
    "agency:410822/司法局": {"label": "Agency", "name": "博爱县司法局", "kind": "justice_bureau", "kind_en": "Justice Bureau"},
    "agency:410825/人民政府": {"label": "Agency", "name": "温县人民政府", "kind": "government", "kind_en": "People's Government"},
    "program:falv_mingbairen": {"label": "Program", "name": "法律明白人", "name_en": "Legal Understanders",
                                "aliases": ["法律明白人培养工程", "“法律明白人”"], "category": "legal_literacy"},
    "program:shufa": {"label": "Program", "name": "述法", "name_en": "Reporting on rule of law", "aliases": [],
                      "category": "accountability"},
    "program:falv_guwen": {"label": "Program", "name": "一村（社区）一法律顾问", "name_en": "One legal adviser per village",
                           "aliases": ["一村一法律顾问"], "category": "legal_services"},
    "honor:minzhu_fazhi_shifan": {"label": "Honor", "name": "全国民主法治示范村", "name_en": "National democracy and rule-of-law model village",
                                  "level": "national"},
    "honor:fazhi_xianjin": {"label": "Honor", "name": "法治建设先进单位", "name_en": "Advanced unit in rule-of-law building",
                            "level": "provincial"},
}


def build_graph(report_ids: list[str] | None = None) -> nx.MultiDiGraph:
    """The graph a rebuild from these reports gives: nodes only where a fact needs them."""
    G = nx.MultiDiGraph()

    def node(node_id: str, **attrs: object) -> None:
        G.add_node(node_id, id=node_id, **{**NODES.get(node_id, {}), **attrs})

    def region_chain(region: str) -> None:
        node(region)
        for child, parent in [("region:410822", "region:410800"), ("region:410825", "region:410800"),
                              ("region:410800", "region:410000")]:
            if child == region:
                node(parent)
                if not G.has_edge(child, parent):
                    G.add_edge(child, parent, type="PART_OF")
                region_chain(parent)

    for rid in report_ids or sorted(REPORTS):
        r = REPORTS[rid]
        node(rid, label="Report", name=r["title"], title=r["title"], file=r["file"],
             path=f"corpus/seeds/{r['file']}", year=r["year"], sha256=rid.split(":")[1] * 4)
        region_chain(r["region"])
        node(r["agency"])
        G.add_edge(rid, r["region"], type="ABOUT")
        G.add_edge(rid, r["agency"], type="ISSUED_BY")
        G.add_edge(rid, r["agency"], type="MENTIONS", evidence=NODES[r["agency"]]["name"], char_start=0, char_end=6)
        if not G.has_edge(r["agency"], r["region"]):
            G.add_edge(r["agency"], r["region"], type="PART_OF")
        for rel_type, facts in (("IMPLEMENTS", r["implements"]), ("PLANS", r["plans"])):
            for program, evidence, start, end, surface in facts:
                node(program)
                G.add_edge(r["region"], program, type=rel_type, report=rid, year=r["year"], evidence=evidence,
                           char_start=start, char_end=end, surface=surface)
        for holder, honor, evidence, start, end in r["honors"]:
            node(honor)
            G.add_edge(holder, honor, type="RECEIVED", report=rid, year=r["year"], evidence=evidence, char_start=start, char_end=end)
        for person, name, role in r["people"]:
            node(person, label="Person", name=name, **({"role": role} if role else {}))
            G.add_edge(rid, person, type="MENTIONS", evidence=name, char_start=500, char_end=502)
        for policy, name in r["policies"]:
            node(policy, label="Policy", name=name)
            G.add_edge(rid, policy, type="CITES", evidence=f"《{name}》", char_start=20, char_end=20 + len(name) + 2)
    return G


def snapshot(uri: str, user: str, password: str) -> tuple[list[dict], list[dict]]:
    """Every node and relationship in the database, as plain sorted values."""
    _, nodes = query("MATCH (n) RETURN n ORDER BY n.id", None, uri, user, password)
    _, rels = query("MATCH (a)-[r]->(b) RETURN a, r, b ORDER BY r.key", None, uri, user, password)
    return [row["n"] for row in nodes], [row["r"] for row in rels]


def expected(G: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """What a database mirroring G holds, in the shape :func:`snapshot` reads."""
    nodes = [{"_label": label, **{k: v for k, v in row.items() if v is not None}, "govkg": True}
             for label, rows in node_rows(G).items() for row in rows]
    rels = [{"_label": t, "_src": row["from"], "_dst": row["to"], "key": row["key"],
             **{k: v for k, v in row["props"].items() if v is not None}}
            for (t, _, _), rows in relationship_rows(G).items() for row in rows]
    return sorted(nodes, key=lambda n: n["id"]), sorted(rels, key=lambda r: r["key"])


@pytest.fixture
def neo4j_db(neo4j_server):
    """The session's server, emptied: each test starts from no data."""
    uri, user, password = neo4j_server
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_server


# -- rows and statements, no database ------------------------------------------------------------

def test_relationship_keys_are_stable_unique_and_follow_content():
    G = build_graph()
    rows = relationship_rows(G)
    keys = [row["key"] for group in rows.values() for row in group]
    assert len(keys) == len(set(keys)) == G.number_of_edges()
    assert relationship_rows(build_graph()) == rows
    # The key is what databases already hold: its definition may not drift, or every push would replace them all.
    for (group, edges), keyed in zip(edge_rows(G).items(), rows.values()):
        for edge, row in zip(edges, keyed):
            text = json.dumps([*group, edge], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            assert row["key"] == hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    changed = build_graph()
    for _, _, data in changed.edges(data=True):
        if data["type"] == "IMPLEMENTS" and data["surface"] == "述法":
            data["evidence"] = "全面推行领导干部述法"
    new_keys = {row["key"] for group in relationship_rows(changed).values() for row in group}
    assert len(set(keys) - new_keys) == 1 and len(new_keys - set(keys)) == 1


def test_identical_parallel_edges_each_get_a_key():
    G = build_graph()
    G.add_edge("report:5587728e0baa21d6", "region:410822", type="ABOUT")
    about = relationship_rows(G)[("ABOUT", "Report", "Region")]
    keys = sorted(row["key"] for row in about if row["from"] == "report:5587728e0baa21d6")
    assert len(keys) == 2 and keys[1] == keys[0] + "-1"


def test_statements_take_labels_only_from_the_schema():
    assert "MERGE (n:`Program` {id: row.id})" in neo4j_write.merge_nodes("Program")
    assert "[r:`IMPLEMENTS` {key: row.key}]" in neo4j_write.merge_relationships("IMPLEMENTS")
    assert "CREATE (a)-[r:`CITES` {`key`: row.`key`, `char_end`: row.`char_end`," in neo4j_write.create_relationships("CITES")
    assert "CREATE (n:`Policy` {`id`: row.`id`, `name`: row.`name`, govkg: true})" in neo4j_write.create_nodes("Policy")
    with pytest.raises(ValueError, match="unknown node label"):
        neo4j_write.merge_nodes("Program`) DETACH DELETE n //")
    with pytest.raises(ValueError, match="unknown relationship type"):
        neo4j_write.delete_relationships("KNOWS")


def test_writer_lanes_share_no_sparse_node_and_lose_no_row():
    G = build_graph()
    rels = relationship_rows(G)
    everything = sorted(row["key"] for rows in rels.values() for row in rows)
    for threshold in (3, 50):
        lanes = writer_lanes(rels, 3, dense_threshold=threshold)
        assert writer_lanes(rels, 3, dense_threshold=threshold) == lanes  # the same every time
        assert sorted(row["key"] for lane in lanes for _, rows in lane for row in rows) == everything
        degree = Counter(n for rows in rels.values() for row in rows for n in (row["from"], row["to"]))
        touched = [{n for _, rows in lane for row in rows for n in (row["from"], row["to"]) if degree[n] < threshold}
                   for lane in lanes]
        assert all(not (a & b) for i, a in enumerate(touched) for b in touched[i + 1:])
    # With every node sparse the two reports' facts meet in the shared city and program: one lane.
    assert [sum(len(rows) for _, rows in lane) for lane in writer_lanes(rels, 3)] == [21]
    # Nodes with 3 or more relationships take no exclusive lock: the rest splits evenly.
    assert [sum(len(rows) for _, rows in lane) for lane in writer_lanes(rels, 3, dense_threshold=3)] == [7, 7, 7]
    assert writer_lanes(rels, 1) == [[(group, rows) for group, rows in rels.items()]]
    with pytest.raises(ValueError, match="writers must be at least 1"):
        writer_lanes(rels, 0)


def test_plan_writes_only_what_differs():
    G = build_graph()
    nodes, rels = node_rows(G), relationship_rows(G)
    empty = plan_writes(nodes, rels, StoredState())
    assert (empty.nodes_written, empty.relationships_written, empty.unchanged) == (17, 21, 0)
    assert empty.merge_relationships == {} and (empty.stale_nodes, empty.stale_relationships) == ({}, {})
    # A database that mirrors G: nothing to write.
    mirrored = StoredState(
        nodes={label: {row["id"]: (True, {**{k: v for k, v in row.items() if v is not None}, "govkg": True})
                       for row in rows} for label, rows in nodes.items()},
        keys={t: {row["key"] for (t2, _, _), rows in rels.items() if t2 == t for row in rows} for t, _, _ in rels})
    same = plan_writes(nodes, rels, mirrored)
    assert (same.nodes_written, same.relationships_written, same.unchanged) == (0, 0, 38)
    again = plan_writes(nodes, rels, mirrored, rewrite=True)
    assert (again.nodes_written, again.relationships_written, sum(map(len, again.create_relationships.values()))) == (17, 21, 0)
    # A property added on the server is no difference (a merge would keep it); an edited or unmarked node is.
    [(label, rows)] = [(label, rows) for label, rows in nodes.items() if label == "Program"]
    held = mirrored.nodes[label]
    first, second, third = (row["id"] for row in rows[:3])
    edited = StoredState(nodes={**mirrored.nodes, label: {
        **held, first: (True, {**held[first][1], "note": "mine"}),
        second: (True, {**held[second][1], "name": "改过"}),
        third: (False, {k: v for k, v in held[third][1].items() if k != "govkg"})}}, keys=mirrored.keys)
    plan = plan_writes(nodes, rels, edited)
    assert [row["id"] for row in plan.merge_nodes[label]] == [second, third] and plan.unchanged == 36


def test_push_rejects_a_graph_that_breaks_the_schema_before_connecting():
    G = build_graph()
    G.add_node("x:1", id="x:1", label="Secret", name="x")
    with pytest.raises(ValueError, match="unknown node label 'Secret'"):
        push(G, f"bolt://127.0.0.1:{free_port()}", "neo4j", "irrelevant")


# -- a real Neo4j ---------------------------------------------------------------------------------

def test_push_round_trips_rows_with_real_values(neo4j_db):
    uri, user, password = neo4j_db
    G = build_graph()
    before = copy.deepcopy(G)
    seen: list[int] = []
    summary = push(G, uri, user, password, batch_size=4, progress=seen.append)

    assert nx.utils.graphs_equal(G, before)  # push does not touch its input
    assert isinstance(summary, PushSummary)
    assert (summary.nodes, summary.relationships) == (G.number_of_nodes(), G.number_of_edges()) == (17, 21)
    assert summary.nodes_by_label == {"Report": 2, "Region": 4, "Agency": 2, "Program": 3, "Honor": 2,
                                      "Person": 2, "Policy": 2}
    assert summary.relationships_by_type["IMPLEMENTS"] == 3
    assert (summary.nodes_deleted, summary.relationships_deleted) == (0, 0)
    assert sum(seen) == 38 and max(seen) == 4

    assert snapshot(uri, user, password) == expected(G)
    columns, rows = query(
        "MATCH (r:Region)-[i:IMPLEMENTS]->(p:Program {name: $name}) "
        "RETURN r.name AS region, i.year AS year, i.evidence AS evidence, i.char_start AS at, p.aliases AS aliases "
        "ORDER BY region",
        {"name": "法律明白人"}, uri, user, password)
    assert columns == ["region", "year", "evidence", "at", "aliases"]
    aliases = ["法律明白人培养工程", "“法律明白人”"]
    assert rows == [
        {"region": "博爱县", "year": 2023, "evidence": "培养“法律明白人”1200名", "at": 120, "aliases": aliases},
        {"region": "温县", "year": 2022, "evidence": "“法律明白人”培养工程", "at": 50, "aliases": aliases},
    ]
    _, [person] = query("MATCH (p:Person {name: '李红'}) RETURN p", None, uri, user, password)
    # No role: no property. govkg marks the nodes it owns.
    assert person == {"p": {"_label": "Person", "id": "person:410825/李红", "name": "李红", "govkg": True}}


def test_constraints_exist_for_every_label_and_type(neo4j_db):
    uri, user, password = neo4j_db
    push(build_graph(), uri, user, password)
    _, rows = query("SHOW CONSTRAINTS YIELD name, type RETURN name, type ORDER BY name", None, uri, user, password)
    names = {row["name"]: row["type"] for row in rows}
    assert names["govkg_Region_id"] == "UNIQUENESS"
    assert names["govkg_IMPLEMENTS_key"] == "RELATIONSHIP_UNIQUENESS"
    assert len([n for n in names if n.startswith("govkg_")]) == 7 + 8


def test_push_twice_leaves_the_same_graph(neo4j_db):
    uri, user, password = neo4j_db
    G = build_graph()
    first = push(G, uri, user, password, batch_size=5)
    once = snapshot(uri, user, password)
    second = push(G, uri, user, password, batch_size=7)
    assert snapshot(uri, user, password) == once
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)
    assert (second.nodes_deleted, second.relationships_deleted) == (0, 0)
    # The first push created everything; the second finds it all in place and writes nothing.
    assert (first.nodes_written, first.relationships_written) == (17, 21)
    assert (second.nodes_written, second.relationships_written, second.schema_statements, second.batches) == (0, 0, 0, 0)
    assert list(second.seconds_by_step) == ["rows", "schema", "read", "nodes", "relationships", "prune", "constraints"]
    assert sum(second.seconds_by_step.values()) == pytest.approx(second.seconds, abs=1e-6)
    _, [counts] = query("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels",
                        None, uri, user, password)
    assert counts == {"nodes": 17, "rels": 21}


def test_push_after_a_report_disappears_removes_its_facts(neo4j_db):
    uri, user, password = neo4j_db
    push(build_graph(), uri, user, password)
    kept = build_graph(["report:5587728e0baa21d6"])
    summary = push(kept, uri, user, password, batch_size=3)

    assert snapshot(uri, user, password) == expected(kept)
    # The report, its county, agency, person, policy and honor go; so do its 8 relationships
    # (ABOUT, ISSUED_BY, 2 MENTIONS, CITES, IMPLEMENTS, RECEIVED, the county's and agency's PART_OF).
    assert summary.nodes_deleted == 6
    assert summary.relationships_deleted == 9
    _, rows = query("MATCH (r:Region)-[:IMPLEMENTS]->(:Program {name: '法律明白人'}) RETURN r.name AS name",
                    None, uri, user, password)
    assert rows == [{"name": "博爱县"}]
    _, rows = query("MATCH (n {id: 'report:8af15fb0e70292a2'}) RETURN n", None, uri, user, password)
    assert rows == []


@pytest.mark.parametrize("writers", [1, 3])
def test_create_into_an_empty_database_gives_what_merge_gives(neo4j_db, writers):
    uri, user, password = neo4j_db
    G = build_graph()
    merged = push(G, uri, user, password, batch_size=3, writers=1, rewrite=True)
    by_merge = snapshot(uri, user, password)
    assert by_merge == expected(G) and merged.relationships_written == 21
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    created = push(G, uri, user, password, batch_size=3, writers=writers)
    assert snapshot(uri, user, password) == by_merge
    assert (created.nodes_written, created.relationships_written) == (17, 21)


def govkg_schema(driver: neo4j.Driver) -> set[str]:
    """The names of govkg's constraints and indexes in the database."""
    names = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    names |= {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records}
    return {name for name in names if name.startswith("govkg_")}


def drop_govkg_schema(driver: neo4j.Driver) -> None:
    """Drop govkg's constraints (with their indexes) and indexes: the schema of a new database."""
    constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
    for name in sorted(govkg_schema(driver)):
        driver.execute_query(f"DROP {'CONSTRAINT' if name in constraints else 'INDEX'} {name} IF EXISTS")


def test_key_constraints_of_empty_types_are_made_after_their_rows(neo4j_db):
    uri, user, password = neo4j_db
    G = build_graph()
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        drop_govkg_schema(driver)
        during: list[set[str]] = []
        # Called on the pushing thread after each committed batch: what schema the writes ran with.
        summary = push(G, uri, user, password, batch_size=4, progress=lambda rows: during.append(govkg_schema(driver)))
        after = govkg_schema(driver)
        assert summary.schema_statements == 7 + 7 + 8 and summary.relationships_written == 21
        assert snapshot(uri, user, password) == expected(G)
        node_schema = {f"govkg_{label}_{what}" for label in graph_schema().nodes for what in ("id", "name")}
        keys = {f"govkg_{rel_type}_key" for rel_type in graph_schema().relationships}
        assert after == node_schema | keys
        assert all(names == node_schema for names in during)  # nodes indexed while written, keys not yet
        # The constraint made last holds: a second relationship with a stored key is refused.
        with pytest.raises(neo4j.exceptions.ConstraintError):
            driver.execute_query("MATCH (a:Report)-[r:CITES]->(b:Policy) WITH a, b, r LIMIT 1 "
                                 "CREATE (a)-[:CITES {key: r.key}]->(b)")

        # A type that holds rows gets its missing constraint first, as before; the rows are found in place.
        driver.execute_query("DROP CONSTRAINT govkg_IMPLEMENTS_key")
        again = push(G, uri, user, password)
        assert (again.schema_statements, again.relationships_written, again.seconds_by_step["constraints"] < 1) == (1, 0, True)
        assert govkg_schema(driver) == after
    assert snapshot(uri, user, password) == expected(G)


@pytest.mark.parametrize("with_key_constraint", [True, False])
def test_a_retried_batch_writes_nothing_twice(neo4j_db, with_key_constraint):
    """A batch whose commit went through unseen is retried with MERGE: by element id, with or without the
    ``key`` constraint (made only after the writes into an empty type), it finds every row in place."""
    uri, user, password = neo4j_db
    G = build_graph()
    push(G, uri, user, password)
    once = snapshot(uri, user, password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        if not with_key_constraint:
            driver.execute_query("DROP CONSTRAINT govkg_IMPLEMENTS_key")
        element_ids = {r["id"]: r["e"] for r in driver.execute_query("MATCH (n) RETURN n.id AS id, elementId(n) AS e").records}
        for label, rows in node_rows(G).items():
            if rows:
                result = driver.execute_query(neo4j_write.merge_nodes(label), rows=rows)
                assert result.summary.counters.nodes_created == 0
                assert dict(result.records[0]["ids"]) == {row["id"]: element_ids[row["id"]] for row in rows}
        for (rel_type, _, _), rows in relationship_rows(G).items():
            sent = [{"a": element_ids[row["from"]], "b": element_ids[row["to"]], "key": row["key"], **row["props"]}
                    for row in rows]
            counters = driver.execute_query(neo4j_write.merge_relationships(rel_type), rows=sent).summary.counters
            assert counters.relationships_created == 0
    assert snapshot(uri, user, password) == once == expected(G)


def test_a_relationship_edited_by_hand_is_kept_unless_rewritten(neo4j_db):
    uri, user, password = neo4j_db
    G = build_graph()
    push(G, uri, user, password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query("MATCH ()-[r:IMPLEMENTS {surface: '述法'}]->() SET r.evidence = 'edited'")
    # The key still names the relationship's content, so a push sees it in place ...
    assert push(G, uri, user, password).relationships_written == 0
    _, [row] = query("MATCH ()-[r:IMPLEMENTS {surface: '述法'}]->() RETURN r.evidence AS e", None, uri, user, password)
    assert row == {"e": "edited"}
    # ... and rewrite=True merges every row, which puts the graph's value back.
    assert push(G, uri, user, password, rewrite=True).relationships_written == 21
    assert snapshot(uri, user, password) == expected(G)


def test_properties_added_by_hand_survive_a_push_that_writes_nothing(neo4j_db):
    uri, user, password = neo4j_db
    G = build_graph()
    push(G, uri, user, password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query("MATCH (p:Program {id: 'program:shufa'}) SET p.note = 'mine'")
        driver.execute_query("MATCH ()-[r:IMPLEMENTS {surface: '述法'}]->() SET r.note = 'mine'")
    summary = push(G, uri, user, password)
    assert (summary.nodes_written, summary.relationships_written, summary.batches) == (0, 0, 0)
    _, rows = query("MATCH (p:Program {id: 'program:shufa'})<-[r:IMPLEMENTS {surface: '述法'}]-() "
                    "RETURN p.note AS p, r.note AS r", None, uri, user, password)
    assert rows == [{"p": "mine", "r": "mine"}]


def test_what_is_stored_is_read_page_by_page(neo4j_db, monkeypatch):
    uri, user, password = neo4j_db
    monkeypatch.setattr(neo4j_write, "STATE_PAGE", 2)  # 17 nodes and 21 relationships: many pages, some full
    push(build_graph(), uri, user, password)
    assert push(build_graph(), uri, user, password).nodes_written == 0
    kept = build_graph(["report:5587728e0baa21d6"])
    summary = push(kept, uri, user, password)
    assert (summary.nodes_deleted, summary.relationships_deleted, summary.relationships_written) == (6, 9, 0)
    assert snapshot(uri, user, password) == expected(kept)


def test_push_updates_changed_properties_and_keeps_foreign_data(neo4j_db):
    uri, user, password = neo4j_db
    push(build_graph(), uri, user, password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query("CREATE (:Team {name: 'ours'})")  # a label govkg does not own
    G = build_graph()
    G.nodes["program:shufa"]["name_en"] = "Officials report on the rule of law"
    del G.nodes["region:410000"]["adcode"]
    push(G, uri, user, password)
    _, [row] = query("MATCH (p:Program {id: 'program:shufa'}) RETURN p.name_en AS en", None, uri, user, password)
    assert row == {"en": "Officials report on the rule of law"}
    _, [row] = query("MATCH (r:Region {id: 'region:410000'}) RETURN r", None, uri, user, password)
    assert "adcode" not in row["r"]
    _, rows = query("MATCH (t:Team) RETURN t.name AS name", None, uri, user, password)
    assert rows == [{"name": "ours"}]


def test_push_never_deletes_nodes_a_user_made_under_govkg_labels(neo4j_db):
    uri, user, password = neo4j_db
    push(build_graph(), uri, user, password)
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        # A researcher's own annotation, under a label govkg also writes.
        driver.execute_query("CREATE (:Region {id: 'mine:1', name: '试点片区'})-[:NOTE]->(:Memo {text: 'x'})")
    G = build_graph()
    G.remove_node("program:shufa")
    summary = push(G, uri, user, password)
    assert summary.nodes_deleted == 1
    _, rows = query("MATCH (r:Region {id: 'mine:1'})-[:NOTE]->(m:Memo) RETURN r.name AS name, m.text AS text",
                    None, uri, user, password)
    assert rows == [{"name": "试点片区", "text": "x"}]
    _, rows = query("MATCH (p:Program {id: 'program:shufa'}) RETURN p", None, uri, user, password)
    assert rows == []


def test_query_returns_plain_values_and_refuses_writes(neo4j_db):
    uri, user, password = neo4j_db
    push(build_graph(), uri, user, password)
    columns, rows = query(
        "MATCH p = (:Report {year: 2022})-[:ABOUT]->(:Region)-[:PART_OF]->(c:Region) "
        "RETURN p, date('2024-02-29') AS d, duration({days: 3}) AS dur", None, uri, user, password)
    assert columns == ["p", "d", "dur"]
    [row] = rows
    assert row["d"] == "2024-02-29" and row["dur"] == "P3D"
    assert [n["id"] for n in row["p"]["_nodes"]] == ["report:8af15fb0e70292a2", "region:410825", "region:410800"]
    assert [(r["_label"], r["_src"], r["_dst"]) for r in row["p"]["_rels"]] == [
        ("ABOUT", "report:8af15fb0e70292a2", "region:410825"), ("PART_OF", "region:410825", "region:410800")]
    with pytest.raises(Neo4jError, match="read-only"):
        query("CREATE (:Region {id: 'region:999999'})", None, uri, user, password)
    assert to_plain([{"z": 1, "a": [2]}]) == [{"a": [2], "z": 1}]


def test_wrong_password_gives_a_clear_error_without_the_password(neo4j_server):
    uri, user, _ = neo4j_server
    wrong = "not-the-password-31415"
    with pytest.raises(Neo4jError) as caught:
        push(build_graph(), uri, user, wrong)
    message = str(caught.value)
    assert "refused user 'neo4j'" in message and "NEO4J_PASSWORD" in message and uri in message
    assert wrong not in message and "\n" not in message


def test_server_down_gives_a_clear_error(neo4j_server):
    uri = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    _, user, password = neo4j_server
    refused = rf"cannot connect to Neo4j at {re.escape(uri)} \(.*Connection refused\); is it running\? Start it"
    with pytest.raises(Neo4jError, match=refused) as caught:
        push(build_graph(), uri, user, password)
    assert password not in str(caught.value)
    with pytest.raises(Neo4jError, match="cannot connect to Neo4j"):
        query("RETURN 1", None, uri, user, password)


def test_unknown_database_gives_a_clear_error(neo4j_db):
    uri, user, password = neo4j_db
    with pytest.raises(Neo4jError, match="has no database 'nosuchdb'; create it or leave out --database"):
        push(build_graph(), uri, user, password, database="nosuchdb")


def test_server_stopped_mid_push_then_rerun_converges(neo4j_db):
    server = neo4j_db
    uri, user, password = server
    G = build_graph()
    total = G.number_of_nodes() + G.number_of_edges()
    written = 0

    def stop_halfway(rows: int) -> None:
        nonlocal written
        written += rows
        if written >= total // 2 and server.running:
            server.stop()

    try:
        with pytest.raises(Neo4jError, match="once the server is back, run again") as caught:
            push(G, uri, user, password, batch_size=2, progress=stop_halfway, max_retry_time=2.0)
    finally:
        if not server.running:
            server.start()
    assert str(caught.value).startswith(f"lost the connection to Neo4j at {uri}")
    assert password not in str(caught.value)
    partial_nodes, partial_rels = snapshot(uri, user, password)
    assert 0 < len(partial_nodes) + len(partial_rels) < total  # really cut off in the middle

    summary = push(G, uri, user, password, batch_size=2)
    assert snapshot(uri, user, password) == expected(G)
    assert (summary.nodes_deleted, summary.relationships_deleted) == (0, 0)


def test_bulk_import_gives_the_graph_push_gives(neo4j_db, tmp_path):
    uri, user, password = neo4j_db
    G = build_graph()
    G.nodes["report:5587728e0baa21d6"]["title"] = '引号"与,逗号\n和换行'  # quoting and a multi-line field
    push(G, uri, user, password)
    pushed = snapshot(uri, user, password)
    assert pushed == expected(G)

    home = tmp_path / "imported"
    admin, env = admin_tool(home)
    summary = bulk_import(G, tmp_path / "csv", admin=admin, env=env, options=["--max-off-heap-memory=256M"])
    assert (summary.nodes, summary.relationships) == (17, 21)
    assert summary.command[len(admin):len(admin) + 4] == ["database", "import", "full", "neo4j"]
    assert (tmp_path / "csv" / "import.report").exists()
    server = Neo4jServer(home)
    server.start()
    try:
        # The push adds the constraints and finds every relationship in place, and every node but those
        # with an empty list (a program without aliases), which the importer's CSV cannot hold.
        after = push(G, *server)
        with_empty_list = sum(1 for rows in node_rows(G).values() for row in rows if [] in row.values())
        assert with_empty_list == 5
        assert (after.schema_statements, after.nodes_written, after.relationships_written) == (7 + 7 + 8, 5, 0)
        assert (after.nodes_deleted, after.relationships_deleted) == (0, 0)
        assert snapshot(*server) == pushed
    finally:
        server.stop()

    with pytest.raises(Neo4jError, match=r"neo4j-admin database import full failed \(exit [1-9]"):
        bulk_import(G, tmp_path / "csv", admin=admin, env=env)  # the database exists now
    with pytest.raises(Neo4jError, match="cannot run '/nonexistent/neo4j-admin'"):
        bulk_import(G, tmp_path / "csv", admin=["/nonexistent/neo4j-admin"])


# -- the command line -----------------------------------------------------------------------------

def test_the_import_command_kg_export_prints_loads_the_graph(tmp_path):
    # The bulk path of the command line (kg push --help points to it): the printed command, run as printed
    # but for where neo4j-admin is, imports every node and relationship.
    import shlex

    from govkg.kg.cli.export import export_command

    graph_dir = _save(build_graph(), tmp_path / "g")
    result = CliRunner().invoke(export_command, ["--graph", graph_dir, "--format", "neo4j-csv", "-o",
                                                 str(tmp_path / "import")])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Load with: ")]
    printed = shlex.split(line.removeprefix("Load with: "))
    assert printed[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    admin, env = admin_tool(tmp_path / "home")
    done = subprocess.run([*admin, *printed[1:], f"--report-file={tmp_path / 'import.report'}",
                           "--max-off-heap-memory=256M"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Imported:\s+17 nodes\s+21 relationships", done.stdout), done.stdout


def _save(G: nx.MultiDiGraph, graph_dir) -> str:
    from govkg.kg.store import save_graph_dir

    save_graph_dir(G, graph_dir, {"reports": 2})
    return str(graph_dir)


def test_cli_push_prints_a_summary(neo4j_db, tmp_path):
    from govkg.kg.cli.push import push as push_command

    uri, user, password = neo4j_db
    graph_dir = _save(build_graph(), tmp_path / "g")
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    result = CliRunner().invoke(push_command, ["--graph", graph_dir, "--batch-size", "5"], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed 17 nodes and 21 relationships to {uri} in ")
    assert "  IMPLEMENTS         3 relationships" in result.stdout
    assert f"pushing to {uri}" in result.stderr
    assert snapshot(uri, user, password) == expected(build_graph())


def test_cli_push_leaves_hand_edits_unless_told_to_rewrite(neo4j_db, tmp_path):
    from govkg.kg.cli.push import push as push_command

    uri, user, password = neo4j_db
    graph_dir = _save(build_graph(), tmp_path / "g")
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    runner = CliRunner()
    result = runner.invoke(push_command, ["--graph", graph_dir, "--writers", "3", "--batch-size", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert "wrote 17 nodes and 21 relationships, the rest was in place" in result.stdout
    edit = "MATCH ()-[r:IMPLEMENTS {surface: '述法'}]->() SET r.evidence = 'edited'"
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.execute_query(edit)
    result = runner.invoke(push_command, ["--graph", graph_dir], env=env)
    assert result.exit_code == 0, result.output
    assert "wrote 0 nodes and 0 relationships, the rest was in place" in result.stdout
    _, [row] = query("MATCH ()-[r:IMPLEMENTS {surface: '述法'}]->() RETURN r.evidence AS e", None, uri, user, password)
    assert row == {"e": "edited"}
    result = runner.invoke(push_command, ["--graph", graph_dir, "--rewrite", "--writers", "1"], env=env)
    assert result.exit_code == 0, result.output
    assert "wrote 17 nodes and 21 relationships, the rest was in place" in result.stdout
    assert snapshot(uri, user, password) == expected(build_graph())
    result = runner.invoke(push_command, ["--graph", graph_dir, "--writers", "0"], env=env)
    assert result.exit_code == 2 and "Invalid value for '--writers'" in result.stderr


def test_cli_push_errors_are_one_line_without_the_password(neo4j_server, tmp_path):
    from govkg.kg.cli.push import push as push_command

    uri, user, _ = neo4j_server
    graph_dir = _save(build_graph(), tmp_path / "g")
    runner = CliRunner()
    wrong = "wrong-password-27182"
    result = runner.invoke(push_command, ["--graph", graph_dir], env={"NEO4J_URI": uri, "NEO4J_PASSWORD": wrong})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: Neo4j at {uri} refused user 'neo4j': wrong user name or password; "
        "set NEO4J_USER and NEO4J_PASSWORD to the server's credentials")
    assert wrong not in result.output and "Traceback" not in result.output

    down = f"bolt://127.0.0.1:{free_port()}"
    result = runner.invoke(push_command, ["--graph", graph_dir], env={"NEO4J_URI": down, "NEO4J_PASSWORD": wrong})
    assert result.exit_code == 1 and f"Error: cannot connect to Neo4j at {down}" in result.stderr

    result = runner.invoke(push_command, ["--graph", graph_dir], env={"NEO4J_URI": uri, "NEO4J_PASSWORD": ""})
    assert result.exit_code == 1 and "Error: set NEO4J_PASSWORD" in result.stderr

    result = runner.invoke(push_command, ["--graph", str(tmp_path / "nothing")], env={"NEO4J_PASSWORD": wrong})
    assert result.exit_code == 1 and "no graph at" in result.stderr


def test_a_short_password_leaves_messages_whole(neo4j_server):
    # Replacing every occurrence of the password garbled messages and, by
    # where the stars fell, gave the password away.
    uri, user, right = neo4j_server
    for password in ("a", "e", "o"):
        query("RETURN 1", None, uri, user, right)  # a login resets the server's count of failed ones
        with pytest.raises(Neo4jError) as caught:
            query("RETURN 1", None, uri, user, password)
        assert str(caught.value) == (f"Neo4j at {uri} refused user 'neo4j': wrong user name or password; "
                                     "set NEO4J_USER and NEO4J_PASSWORD to the server's credentials")
    down = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(Neo4jError, match=rf"^cannot connect to Neo4j at {re.escape(down)} \(.*Connection refused\); "
                                         r"is it running\? Start it \(make neo4j-up\) or set NEO4J_URI to your server$"):
        push(build_graph(), down, user, "e")


@pytest.mark.parametrize("address, message", [
    ("http://127.0.0.1:{port}", "'http://127.0.0.1:{port}' is not a Bolt address (7474 is Neo4j Browser's HTTP port; "
                                "Bolt listens on 7687); set NEO4J_URI to bolt://HOST:7687 or neo4j://HOST:7687"),
    ("127.0.0.1:{port}", "'127.0.0.1:{port}' is not a Bolt address; set NEO4J_URI to bolt://HOST:7687 or neo4j://HOST:7687"),
    ("bolt://neo4j:{password}@127.0.0.1:{port}", "'bolt://***@127.0.0.1:{port}' holds a user name or password; give the "
                                                 "address alone in NEO4J_URI and the credentials in NEO4J_USER and "
                                                 "NEO4J_PASSWORD"),
])
def test_an_address_that_is_not_bolt_is_one_line(neo4j_server, tmp_path, address, message):
    uri, user, password = neo4j_server
    port = uri.rsplit(":", 1)[1]
    address, message = (x.replace("{port}", port).replace("{password}", password) for x in (address, message))
    with pytest.raises(Neo4jError) as caught:
        push(build_graph(), address, user, password)
    assert str(caught.value) == message
    graph_dir = _save(build_graph(), tmp_path / "g")
    env = {**os.environ, "NEO4J_URI": address, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    for args in (["push", "--graph", graph_dir], ["query", "RETURN 1 AS x", "--neo4j"]):
        p = subprocess.run(KG + args, env=env, capture_output=True, text=True, timeout=120)
        assert (p.returncode, p.stdout, p.stderr) == (1, "", f"Error: {message}\n")


def test_kg_push_cut_off_by_a_dying_server_prints_the_error_and_nothing_of_the_driver(neo4j_db, seed_graph):
    server = neo4j_db
    uri, user, password = server
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    proc = subprocess.Popen(KG + ["push", "--graph", str(seed_graph), "--batch-size", "1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            deadline = time.monotonic() + 120
            while driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] < 20:
                assert proc.poll() is None and time.monotonic() < deadline, "the push ended before it could be cut off"
                time.sleep(0.05)
        server.stop()
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if not server.running:
            server.start()
    assert proc.returncode == 1
    *before, last = err.splitlines()
    assert last.startswith(f"Error: lost the connection to Neo4j at {uri} (") and last.endswith("a re-run converges "
                                                                                                 "to the full graph")
    assert [line for line in before if line.strip() and not line.startswith("pushing to ")] == []


def test_push_is_a_kg_command():
    from govkg.kg.cli import main
    from govkg.kg.cli.push import push as push_command

    assert main.commands.get("push") is push_command


# -- the seed corpus on both stores --------------------------------------------------------------

# Values for every parameter a named query may take, true of the seed corpus.
SEED_PARAMS = {"program": "program:legal_literate_villagers", "a": "博爱县", "b": "郏县", "region": "郏县"}


@pytest.fixture
def seeds_in_neo4j(neo4j_db, seed_graph):
    """The seed graph pushed twice through ``kg push`` into an empty database, with both outputs."""
    from govkg.kg.cli.push import push as push_command

    uri, user, password = neo4j_db
    env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
    outputs = []
    for _ in range(2):
        result = CliRunner().invoke(push_command, ["--graph", str(seed_graph)], env=env)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    return neo4j_db, seed_graph, outputs


@pytest.fixture
def seeds_mirrored(neo4j_server, seed_graph):
    """Neo4j's govkg labels mirroring the seed graph (cheap when they already do)."""
    from govkg.kg.store import open_graph

    push(open_graph(seed_graph), *neo4j_server)
    return neo4j_server, seed_graph


def test_seeds_pushed_twice_give_identical_counts(seeds_in_neo4j):
    from govkg.kg.store import open_graph

    (uri, user, password), seed_graph, (first, second) = seeds_in_neo4j
    G = open_graph(seed_graph)
    counts = [line.split(" in ")[0] for line in (first, second)]
    assert counts[0] == counts[1] == f"pushed {G.number_of_nodes()} nodes and {G.number_of_edges()} relationships to {uri}"
    assert "removed 0 stale nodes and 0 stale relationships" in second
    _, [row] = query("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels",
                     None, uri, user, password)
    assert row == {"nodes": G.number_of_nodes(), "rels": G.number_of_edges()}
    assert snapshot(uri, user, password) == expected(G)


def test_legal_literate_villagers_regions_match_the_embedded_store(seeds_mirrored):
    from govkg.kg.store import query_graph

    (uri, user, password), seed_graph = seeds_mirrored
    cypher = ("MATCH (r:Region)-[:IMPLEMENTS]->(p:Program {name: '法律明白人'}) "
              "RETURN DISTINCT r.name AS region ORDER BY region")
    in_neo4j = query(cypher, None, uri, user, password)
    assert in_neo4j == query_graph(seed_graph, cypher)
    assert [row["region"] for row in in_neo4j[1]] == ["博爱县", "李庄乡", "泽州县", "郏县"]


# Every seed names its region: test_a_report_with_no_region_keeps_its_programs_in_neo4j compares the last query.
@pytest.mark.parametrize("name", [n for n in queries.names() if n != "reports_without_region_for_program"])
def test_named_query_gives_the_same_rows_on_both_stores(seeds_mirrored, name):
    from govkg.kg.store import query_graph

    (uri, user, password), seed_graph = seeds_mirrored
    named = queries.load(name)
    params = {p: SEED_PARAMS[p] for p in named.params}
    if name == "regions_planning_program":  # few programs are only planned; take one the seeds have
        _, [row] = query_graph(seed_graph, "MATCH (:Region)-[:PLANS]->(p:Program) RETURN min(p.id) AS id")
        params["program"] = row["id"]
    in_neo4j = query(named.text, params, uri, user, password)
    embedded = query_graph(seed_graph, named.text, params)
    if not _ordered(named.text):
        in_neo4j, embedded = _sorted(in_neo4j), _sorted(embedded)
    assert in_neo4j == embedded
    assert in_neo4j[1], f"{name} found nothing in the seeds, so the comparison proves little"


def test_a_report_with_no_region_keeps_its_programs_in_neo4j(neo4j_server, tmp_path):
    from govkg.kg.build import build
    from govkg.kg.store import open_graph, query_graph

    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.txt").write_text("县司法局2022年工作总结\n一、工作成效\n我局培养法律明白人。\n二、下一步打算\n推进府院联动。\n",
                                          encoding="utf-8")
    build([tmp_path / "r"], tmp_path / "g")
    push(open_graph(tmp_path / "g"), *neo4j_server)
    named = queries.load("reports_without_region_for_program")
    for program, status in (("program:legal_literate_villagers", "implemented"), ("program:government_court_linkage", "planned")):
        in_neo4j = _sorted(query(named.text, {"program": program}, *neo4j_server))
        assert in_neo4j == _sorted(query_graph(tmp_path / "g", named.text, {"program": program}))
        assert [(r["file"], r["status"]) for r in in_neo4j[1]] == [("a.txt", status)]


def _ordered(cypher: str) -> bool:
    """Whether the query fixes its row order (an ORDER BY, and no UNION whose parts come in any order)."""
    return "ORDER BY" in cypher and "UNION" not in cypher


def _sorted(answer: tuple[list[str], list[dict]]) -> tuple[list[str], list[dict]]:
    columns, rows = answer
    return columns, sorted(rows, key=repr)
