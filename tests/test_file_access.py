"""kg query only reads the graph: statements that reach files are found and refused, on the real store."""
import pytest
from conftest import run_kg
from govkg.queries.file_access import file_access


@pytest.mark.parametrize("cypher, found", [
    ("COPY (MATCH (r:Report) RETURN r.file) TO '/tmp/x.csv'", ["COPY"]),
    ("copy Report FROM '/tmp/x.csv'", ["COPY"]),
    ("LOAD FROM '/etc/passwd' (file_format='csv') RETURN *", ["LOAD"]),
    ("MATCH (r:Report) WITH r LOAD WITH HEADERS (a STRING) FROM '/etc/hostname' RETURN *", ["LOAD"]),
    ("EXPORT DATABASE '/tmp/db'", ["EXPORT"]),
    ("IMPORT DATABASE '/tmp/db'", ["IMPORT"]),
    ("INSTALL httpfs; LOAD EXTENSION httpfs", ["INSTALL", "LOAD"]),
    ("UNINSTALL httpfs", ["UNINSTALL"]),
    ("ATTACH '/tmp/other.lbug' AS other (dbtype lbug)", ["ATTACH"]),
    ("CALL read_csv_serial('/etc/passwd') RETURN *", ["CALL read_csv_serial"]),
    ("CALL home_directory='/tmp'", ["CALL home_directory"]),
    ("MATCH (r:Report) RETURN r.file;\nCOPY (RETURN 1) TO '/tmp/x.csv'", ["COPY"]),
    ("RETURN 'a\\\\'; COPY (RETURN 1) TO '/tmp/x.csv'", ["COPY"]),  # the string is one backslash
    ("RETURN 1 AS x // a comment\nCOPY (RETURN 1) TO '/tmp/x.csv'", ["COPY"]),
    ("RETURN 1 AS x /* a comment */ ; COPY (RETURN 1) TO '/tmp/x.csv'", ["COPY"]),
    ("MATCH (copy:Report) RETURN copy.file", ["COPY"]),  # a variable: rename it
    ("RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"file:///x\" AS l RETURN l', {})", ["apoc.*"]),
])
def test_statements_that_reach_outside_the_graph_are_found(cypher, found):
    assert file_access(cypher) == found


@pytest.mark.parametrize("cypher", [
    "MATCH (p:Program {name: 'COPY (RETURN 1) TO x'}) RETURN p.name AS `LOAD`",
    "MATCH (r:Report) // LOAD FROM '/etc/passwd'\nRETURN r.copy AS copy_, {load: 1} AS m, $attach AS a",
    "RETURN \"it\\\"s; COPY (RETURN 1) TO 'x'\" AS s",
    "/* COPY (RETURN 1) TO 'x' */ MATCH (n:Copy) RETURN count(n) AS export_count",
    "CALL show_tables() RETURN *",
    "CALL table_info('Report') RETURN *",
    "MATCH (r:Region)-[:IMPLEMENTS]->(p:Program) RETURN p.name AS program, count(r) AS regions ORDER BY regions DESC",
])
def test_reading_the_graph_is_not_refused(cypher):
    assert file_access(cypher) == []


def test_neo4j_dialect():
    assert file_access("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "neo4j") == ["LOAD"]
    assert file_access("CALL apoc.load.json('file:///x') YIELD value RETURN value", "neo4j") == ["CALL apoc.load.json",
                                                                                                "apoc.*"]
    assert file_access("CALL db.labels() YIELD label RETURN label", "neo4j") == []
    assert file_access("MATCH (r:Region) CALL (r) { RETURN 1 AS one } RETURN r.name, one", "neo4j") == []
    assert file_access("CALL show_tables() RETURN *", "neo4j") == ["CALL show_tables"]


# Each writes or reads a file on the real embedded store unless refused; some hide the statement from a
# careless scanner in a comment's or string's edge.
PAYLOADS = [
    "COPY (MATCH (r:Report) RETURN r.file) TO '{out}'",
    "MATCH (r:Report) RETURN r.file AS f; COPY (RETURN 1) TO '{out}'",
    "RETURN 'a\\\\' AS s; COPY (RETURN 1) TO '{out}'",
    "RETURN 1 AS x // comment\nCOPY (RETURN 1) TO '{out}'",
    "RETURN 1 AS x /* comment */; COPY (RETURN 1) TO '{out}'",
    "RETURN 1 AS `x``y`; COPY (RETURN 1) TO '{out}'",
    "LOAD FROM '{secret}' (file_format='csv', header=false) RETURN *",
    "CALL read_csv_serial('{secret}') RETURN *",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_kg_query_refuses_file_access_on_the_real_store(seed_graph, tmp_path, payload):
    out, secret = tmp_path / "out.csv", tmp_path / "secret.csv"
    secret.write_text("column\ntop-secret-31337\n", encoding="utf-8")
    cypher = payload.format(out=out, secret=secret)
    p = run_kg("query", cypher, "--graph", str(seed_graph), check=False)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.startswith("Error: the query reaches outside the graph (") and "--allow-files" in p.stderr
    assert not out.exists() and "top-secret" not in p.stdout


def test_allow_files_runs_them(seed_graph, tmp_path):
    out = tmp_path / "out.csv"
    run_kg("query", f"COPY (MATCH (r:Report) RETURN r.file ORDER BY r.file) TO '{out}'", "--graph", str(seed_graph),
           "--allow-files")
    assert out.read_text(encoding="utf-8").splitlines()[0] == "000_5587728e0baa21d6.txt"


def test_neo4j_queries_are_checked_too_and_named_queries_are_not(seed_graph):
    p = run_kg("query", "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "--neo4j", check=False)
    assert p.returncode == 1 and p.stderr.startswith("Error: the query reaches outside the graph (LOAD: ")
    run_kg("query", "--name", "honors_by_level", "--graph", str(seed_graph))
