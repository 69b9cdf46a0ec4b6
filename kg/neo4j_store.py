"""Move the graph into a Neo4j server, and read answers back out of it.

:func:`push` makes the govkg labels in a Neo4j database mirror a graph:
the constraints and indexes that are missing first (but the ``key``
constraint of a relationship type the database holds nothing of, which is
made last, over the written rows, in one pass); then it reads the ids,
element ids and keys the database holds (nothing of an empty label or
type) and writes only the difference
(:func:`govkg.kg.neo4j_plan.plan_writes`): rows the database lacks
with ``CREATE``, nodes that changed with ``MERGE`` on their stable ``id``,
relationships whose stable ``key`` (see :func:`relationship_rows`) is
already stored not at all; last, nodes and relationships that the graph no
longer has are deleted. Writes go in ``UNWIND $rows`` batches, each in its
own retrying write transaction, from several sessions at once whose
relationships share no sparse node
(:func:`govkg.kg.neo4j_plan.writer_lanes`). Relationships find their
endpoints by the element ids the push read or got back from writing the
nodes. Pushing the same graph twice changes nothing; a push that was cut
off (server stopped, network gone) converges when run again.

:func:`bulk_import` loads a graph into an empty database without a server,
through ``neo4j-admin database import full`` and the CSV files of
:func:`govkg.kg.export.to_neo4j_import_csv`; a :func:`push` after it adds
the constraints and finds the rows in place (but for empty lists, which
the importer cannot write).

:func:`query` runs one Cypher statement in a read transaction and returns
plain Python values (:func:`to_plain`), so answers compare equal across
stores.

The statements live in :mod:`govkg.queries.neo4j_write`; this module only
batches rows, runs them and turns driver errors into :class:`Neo4jError`,
whose messages name the server and the user but never the password: it
reaches the driver only as credentials, and an address that is not Bolt, or
that carries a user name or password of its own, is refused before the
driver sees it (the driver would echo it in its errors).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("region:410822", label="Region", id="region:410822", name="博爱县")
>>> G.add_node("program:shufa", label="Program", id="program:shufa", name="述法")
>>> _ = G.add_edge("region:410822", "program:shufa", type="IMPLEMENTS", report="r1", year=2023)
>>> [row] = relationship_rows(G)[("IMPLEMENTS", "Region", "Program")]
>>> row["from"], row["to"], row["props"]["year"], len(row["key"])
('region:410822', 'program:shufa', 2023, 20)
>>> relationship_rows(G) == relationship_rows(G.copy())
True
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
from govkg.kg.neo4j_plan import DEFAULT_WRITERS, StoredState, WritePlan, plan_writes, writer_lanes
from govkg.kg.rows import edge_rows, node_rows
from govkg.queries import neo4j_write
from govkg.schema import GraphSchema, graph_schema
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath
from neo4j.spatial import Point

__all__ = ["Neo4jError", "PushSummary", "BulkImportSummary", "push", "bulk_import", "query", "relationship_rows",
           "to_plain", "check_uri", "shown_uri", "BOLT_SCHEMES", "DEFAULT_BATCH_SIZE", "DEFAULT_WRITERS"]

DEFAULT_BATCH_SIZE = neo4j_write.DEFAULT_BATCH_SIZE
#: The address schemes of the Bolt protocol, which govkg speaks (the driver's http:// needs extra packages).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jError(Exception):
    """Neo4j could not be reached, refused us, or failed a statement.

    The message is one line that says what to do next; it never contains
    the password.
    """


@dataclass(frozen=True)
class PushSummary:
    """What a push wrote and removed."""

    uri: str
    database: str | None
    nodes: int
    relationships: int
    nodes_deleted: int
    relationships_deleted: int
    schema_statements: int
    batches: int
    seconds: float
    nodes_by_label: dict[str, int] = field(default_factory=dict)
    relationships_by_type: dict[str, int] = field(default_factory=dict)
    #: Nodes and relationships created or merged; the rest of the graph was already in place.
    nodes_written: int = 0
    relationships_written: int = 0
    #: Seconds spent in each step: ``rows`` (from the graph, keys hashed), ``schema``, ``read``, ``nodes``,
    #: ``relationships``, ``prune``, ``constraints`` (the ``key`` constraints of types that were empty,
    #: made after their rows); they add up to ``seconds``.
    seconds_by_step: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        where = self.uri + (f" (database {self.database})" if self.database else "")
        return (
            f"pushed {self.nodes} nodes and {self.relationships} relationships to {where} "
            f"in {self.seconds:.1f} s; removed {self.nodes_deleted} stale nodes and "
            f"{self.relationships_deleted} stale relationships; wrote {self.nodes_written} nodes and "
            f"{self.relationships_written} relationships, the rest was in place"
        )


@dataclass(frozen=True)
class BulkImportSummary:
    """What :func:`bulk_import` loaded, and how long each step took."""

    command: list[str]
    files: list[Path]
    nodes: int
    relationships: int
    csv_seconds: float
    import_seconds: float


def relationship_rows(
    G: nx.MultiDiGraph, schema: GraphSchema | None = None
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Relationship rows ``{from, to, key, props}`` keyed by ``(type, from label, to label)``.

    ``key`` is a stable identity: a hash of the type, the endpoint labels
    and ids, and the properties, so a rebuild that produces the same fact
    produces the same key. Parallel edges that are identical in every
    property get ``-1``, ``-2``, ... appended, so every edge of ``G`` gets
    its own relationship.

    Raises
    ------
    ValueError
        If an edge breaks the schema (see :func:`govkg.kg.rows.edge_rows`).
    """
    return _keyed_rows(edge_rows(G, schema))


#: The JSON whose SHA-256 is a relationship's key: one encoder, made once (json.dumps makes one per call).
_KEY_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _keyed_rows(edges: dict[tuple[str, str, str], list[dict[str, Any]]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """:func:`relationship_rows` from the rows of :func:`govkg.kg.rows.edge_rows`.

    The key is the first 20 hex digits of the SHA-256 of the compact,
    key-sorted JSON of ``[type, from label, to label, row]``; the group's
    part is hashed once and the hash copied for each row, which gives the
    same digest as hashing the whole text.
    """
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    encode = _KEY_JSON.encode
    for group, rows in edges.items():
        head = hashlib.sha256((encode(list(group))[:-1] + ",").encode("utf-8"))
        seen: dict[str, int] = {}
        keyed = []
        for row in rows:
            digest = head.copy()
            digest.update((encode(row) + "]").encode("utf-8"))
            base = digest.hexdigest()[:20]
            twins = seen.get(base, 0)
            seen[base] = twins + 1
            props = row.copy()
            start, end = props.pop("from"), props.pop("to")
            keyed.append({"from": start, "to": end, "key": f"{base}-{twins}" if twins else base, "props": props})
        out[group] = keyed
    return out


def push(
    G: nx.MultiDiGraph,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    max_retry_time: float = 15.0,
    writers: int = DEFAULT_WRITERS,
    rewrite: bool = False,
) -> PushSummary:
    """Make the govkg labels in a Neo4j database mirror ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following the contract of :mod:`govkg.kg.rows`. Not modified.
    uri, user, password : str
        Where the server is and who we are (``bolt://127.0.0.1:7687``).
    database : str, optional
        The database to write; the server's default when ``None``.
    batch_size : int
        Rows per ``UNWIND`` statement; each batch is one transaction.
    progress : callable, optional
        Called, on the calling thread, with the number of rows after each
        batch is committed, and once with the number of rows already in
        place; the calls add up to the nodes and relationships of ``G``.
    max_retry_time : float
        Seconds the driver keeps retrying a batch that failed for a
        transient reason (server restarting, connection lost, deadlock).
    writers : int
        Sessions writing at once. Nodes are dealt to them in batches;
        relationships so that no two sessions touch the same sparse node
        (see :func:`govkg.kg.neo4j_plan.writer_lanes`).
    rewrite : bool
        Merge every node and relationship, even those already in place:
        repairs hand edits to govkg's properties, and is the benchmark's
        baseline (with ``writers=1``, the load before CREATE existed).

    Returns
    -------
    PushSummary

    Raises
    ------
    ValueError
        If ``G`` breaks the schema, or ``batch_size`` or ``writers`` < 1
        (before connecting).
    Neo4jError
        If the server cannot be reached, refuses the credentials, or fails
        a statement. What was committed stays; running again converges.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if writers < 1:
        raise ValueError(f"writers must be at least 1, not {writers}")
    started = step_started = time.perf_counter()
    seconds: dict[str, float] = {}

    def step(name: str) -> None:
        nonlocal step_started
        now = time.perf_counter()
        seconds[name] = now - step_started
        step_started = now

    schema = graph_schema()
    nodes = node_rows(G, schema)
    rels = relationship_rows(G, schema)
    step("rows")
    report = progress or (lambda rows: None)
    with _driver(uri, user, password, database, max_retry_time) as driver:
        with driver.session(database=database) as session:
            names = {name for statement in neo4j_write.schema_names()
                     for name in session.execute_read(_column, statement)}
            counts = session.execute_read(_record, neo4j_write.stored_counts())
            missing = [(name, statement) for name, statement in neo4j_write.schema_statements() if name not in names]
            later = [statement for name, statement in missing if _after_writes(name, counts, schema)]
            first = [statement for name, statement in missing if statement not in later]
            if first:  # schema commands may share a transaction (not with data writes)
                session.execute_write(_run_all, first)
            step("schema")
            stored = _stored_state(session, schema, counts)
        step("read")
        plan = plan_writes(nodes, rels, stored, rewrite)
        if plan.unchanged:
            report(plan.unchanged)
        node_batches = [
            *(_Batch(neo4j_write.create_nodes(label), neo4j_write.merge_nodes(label), chunk, label)
              for label, rows in plan.create_nodes.items() for chunk in _chunks(rows, batch_size)),
            *(_Batch(neo4j_write.merge_nodes(label), neo4j_write.merge_nodes(label), chunk, label)
              for label, rows in plan.merge_nodes.items() for chunk in _chunks(rows, batch_size)),
        ]
        # Node batches never touch the same node: deal them round the writers. Each returns the element
        # ids of its nodes, by which the relationships then find their endpoints.
        element_ids = {label: dict(ids) for label, ids in stored.element_ids.items()}
        written: list[tuple[_Batch, Any]] = []
        batches = _write_lanes(driver, database, [node_batches[i::writers] for i in range(writers)], report, written)
        for batch, ids in written:
            element_ids.setdefault(batch.label, {}).update(ids)
        step("nodes")
        batches += _write_lanes(driver, database, _relationship_lanes(plan, writers, batch_size, element_ids), report)
        step("relationships")
        with driver.session(database=database) as session:
            batches += _prune(session, plan, batch_size)
            step("prune")
            if later:
                session.execute_write(_run_all, later)
        step("constraints")

    by_type: Counter[str] = Counter()
    for (rel_type, _, _), rows in rels.items():
        by_type[rel_type] += len(rows)
    return PushSummary(
        uri=uri,
        database=database,
        nodes=sum(len(rows) for rows in nodes.values()),
        relationships=sum(by_type.values()),
        nodes_deleted=sum(map(len, plan.stale_nodes.values())),
        relationships_deleted=sum(map(len, plan.stale_relationships.values())),
        schema_statements=len(first) + len(later),
        batches=batches,
        seconds=step_started - started,
        nodes_by_label={label: len(rows) for label, rows in nodes.items() if rows},
        relationships_by_type=dict(sorted(by_type.items())),
        nodes_written=plan.nodes_written,
        relationships_written=plan.relationships_written,
        seconds_by_step=seconds,
    )


def bulk_import(
    G: nx.MultiDiGraph,
    directory: str | os.PathLike[str],
    admin: Sequence[str] = ("neo4j-admin",),
    database: str = "neo4j",
    env: dict[str, str] | None = None,
    options: Sequence[str] = (),
) -> BulkImportSummary:
    """Load ``G`` into an empty, stopped database with ``neo4j-admin database import full``.

    Writes the CSV files of :func:`govkg.kg.export.to_neo4j_import_csv`
    (nodes carry govkg's marker, relationships their ``key``) into
    ``directory`` and runs the importer on them. Start the server afterwards
    and run :func:`push` once: it creates the constraints and indexes and
    finds every relationship in place, and every node but those with an
    empty list (a program without aliases), which it sets: the importer
    reads an empty field as no value, and has no way to write ``[]``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The property graph. Not modified.
    directory : path
        Where the CSV files go (created if missing).
    admin : sequence of str
        The command that runs ``neo4j-admin``: ``("neo4j-admin",)`` on the
        ``PATH`` of a Neo4j installation, ``("/opt/neo4j/bin/neo4j-admin",)``,
        or ``("java", "-cp", CLASSPATH, "org.neo4j.cli.AdminTool")`` for the
        Maven artifacts the tests use.
    database : str
        The database to create; it must not exist, or be empty.
    env : dict, optional
        Environment for the importer (``NEO4J_HOME``, ``NEO4J_CONF`` say
        where the database goes); this process's when ``None``.
    options : sequence of str
        More importer options (``--threads=2``, ``--overwrite-destination``).
        Its report goes to ``directory/import.report`` unless one says
        ``--report-file``.

    Returns
    -------
    BulkImportSummary

    Raises
    ------
    ValueError
        If ``G`` breaks the schema.
    Neo4jError
        If the importer cannot be run or fails; the message ends with the
        last lines it printed.
    """
    from govkg.kg.export import neo4j_admin_args, to_neo4j_import_csv

    started = time.perf_counter()
    files = to_neo4j_import_csv(G, directory)
    csv_seconds = time.perf_counter() - started
    report = [] if any(o.startswith("--report-file") for o in options) else [f"--report-file={Path(directory) / 'import.report'}"]
    command = [*admin, *neo4j_admin_args(files, database), *report, *options]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise Neo4jError(f"cannot run {admin[0]!r} ({exc.strerror}); give the neo4j-admin of a Neo4j installation") from None
    if done.returncode != 0:
        tail = " / ".join(line.strip() for line in (done.stdout + done.stderr).strip().splitlines()[-3:])
        raise Neo4jError(f"neo4j-admin database import full failed (exit {done.returncode}): {tail}")
    return BulkImportSummary(
        command=command,
        files=files,
        nodes=G.number_of_nodes(),
        relationships=G.number_of_edges(),
        csv_seconds=csv_seconds,
        import_seconds=time.perf_counter() - started - csv_seconds,
    )


def query(
    cypher: str,
    params: dict[str, Any] | None,
    uri: str,
    user: str,
    password: str,
    database: str | None = None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run one statement in a read transaction; return its columns and rows.

    Values come back as plain Python (:func:`to_plain`). A statement that
    writes is refused by the server and raises :class:`Neo4jError`.
    """

    def read(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(cypher, params or {})
        columns = list(result.keys())
        return columns, [{c: to_plain(v) for c, v in zip(columns, record.values())} for record in result]

    with _session(uri, user, password, database, 15.0, neo4j.READ_ACCESS) as session:
        return session.execute_read(read)


def to_plain(value: Any) -> Any:
    """A driver value as plain, deterministic Python; :func:`govkg.kg.ladybug_store.to_plain`
    is the embedded store's half, so both stores answer in the same shapes.

    Nodes become ``{"_label": ..., **properties}`` (several labels joined
    by ``:`` in sorted order); relationships ``{"_label": type, "_src":
    start id, "_dst": end id, **properties}``, where ``_src`` and ``_dst``
    are there only if the result also holds the endpoint nodes (return ``a,
    r, b`` or a path, not ``r`` alone); paths ``{"_nodes": [...], "_rels":
    [...]}``. Internal element ids are left out: they differ
    between databases. Temporal values become ISO 8601 strings.

    Examples
    --------
    >>> to_plain({"b": (1, 2), "a": None})
    {'a': None, 'b': [1, 2]}
    """
    if isinstance(value, Node):
        return {"_label": ":".join(sorted(value.labels)), **to_plain(dict(value.items()))}
    if isinstance(value, Relationship):
        ends = {}
        for name, node in (("_src", value.start_node), ("_dst", value.end_node)):
            if node is not None and "id" in node:  # only when the result holds the endpoint node
                ends[name] = node["id"]
        return {"_label": value.type, **ends, **to_plain(dict(value.items()))}
    if isinstance(value, GraphPath):
        return {"_nodes": [to_plain(n) for n in value.nodes], "_rels": [to_plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: to_plain(value[k]) for k in sorted(value)}
    if hasattr(value, "iso_format"):  # neo4j.time Date, Time, DateTime, Duration
        return value.iso_format()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    return value


@dataclass(frozen=True)
class _Batch:
    """One ``UNWIND $rows`` transaction: its statement, and the idempotent one to use if it is retried.

    A retry follows a failure whose commit may have gone through (the
    connection broke while committing), so it must not create twice.
    """

    statement: str
    retry: str
    rows: list[dict[str, Any]]
    #: The label of the nodes the batch writes, whose ``[id, elementId]`` pairs it returns; ``None`` for
    #: relationships.
    label: str | None = None
    #: Makes the rows sent from ``rows``, on the writer's thread just before the batch is sent.
    convert: Callable[[list[dict[str, Any]]], list[dict[str, Any]]] | None = None


def _relationship_lanes(
    plan: WritePlan, writers: int, batch_size: int, element_ids: dict[str, dict[str, str]]
) -> list[list[_Batch]]:
    """The relationship batches of ``plan``, one list per writer, lanes sharing no sparse node.

    A plan either creates or merges relationships (merges only with
    ``rewrite``, which creates none), so the lanes of the two never meet.
    The batches hold the rows as planned; each is made into the statement's
    rows (endpoints by element id) on its writer's thread, just before it
    is sent.
    """
    lanes: list[list[_Batch]] = [[] for _ in range(writers)]
    for rows_by_group, create in ((plan.create_relationships, True), (plan.merge_relationships, False)):
        for i, lane in enumerate(writer_lanes(rows_by_group, writers)):
            for (rel_type, from_label, to_label), rows in lane:
                merge = neo4j_write.merge_relationships(rel_type)
                first = neo4j_write.create_relationships(rel_type) if create else merge
                convert = _endpoint_rows(element_ids[from_label], element_ids[to_label])
                lanes[i].extend(_Batch(first, merge, chunk, convert=convert) for chunk in _chunks(rows, batch_size))
    return lanes


def _endpoint_rows(starts: dict[str, str], ends: dict[str, str]) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    """Rows ``{from, to, key, props}`` as the statement takes them: ``{a, b, key, <properties>}``."""
    def convert(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"a": starts[row["from"]], "b": ends[row["to"]], "key": row["key"], **row["props"]} for row in rows]
    return convert


def _write_batch(session: neo4j.Session, batch: _Batch) -> Any:
    """Run one batch in a retrying write transaction; return a node batch's ``[id, elementId]`` pairs."""
    attempts = 0
    rows = batch.convert(batch.rows) if batch.convert else batch.rows

    def work(tx: neo4j.ManagedTransaction) -> Any:
        nonlocal attempts
        attempts += 1
        result = tx.run(batch.statement if attempts == 1 else batch.retry, {"rows": rows})
        if batch.label is None:
            result.consume()
            return None
        return result.single(strict=True)[0]

    return session.execute_write(work)


def _write_lanes(
    driver: neo4j.Driver, database: str | None, lanes: list[list[_Batch]], progress: Callable[[int], None],
    results: list[tuple[_Batch, Any]] | None = None,
) -> int:
    """Run each lane's batches in order in a session of its own, the lanes at once; return the batches run.

    What a node batch returns is appended to ``results`` with the batch.
    ``progress`` is called on this thread. The first error stops every lane
    before its next batch and is raised here once all have stopped.
    """
    lanes = [lane for lane in lanes if lane]
    if not lanes:
        return 0
    if len(lanes) == 1:
        with driver.session(database=database) as session:
            for batch in lanes[0]:
                result = _write_batch(session, batch)
                if results is not None and result is not None:
                    results.append((batch, result))
                progress(len(batch.rows))
        return len(lanes[0])
    events: queue.Queue[tuple[_Batch, Any] | BaseException | None] = queue.Queue()
    stop = threading.Event()

    def write(lane: list[_Batch]) -> None:
        try:
            with driver.session(database=database) as session:
                for batch in lane:
                    if stop.is_set():
                        return
                    events.put((batch, _write_batch(session, batch)))
        except BaseException as exc:  # noqa: BLE001 - handed to the calling thread, which raises it
            events.put(exc)
        finally:
            events.put(None)

    threads = [threading.Thread(target=write, args=(lane,), name=f"govkg-neo4j-writer-{i}", daemon=True)
               for i, lane in enumerate(lanes)]
    for thread in threads:
        thread.start()
    error: BaseException | None = None
    running = len(threads)
    try:
        while running:
            event = events.get()
            if event is None:
                running -= 1
            elif isinstance(event, BaseException):
                stop.set()
                error = error or event
            elif error is None:
                batch, result = event
                if results is not None and result is not None:
                    results.append((batch, result))
                progress(len(batch.rows))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    if error is not None:
        raise error
    return sum(map(len, lanes))


def _stored_state(session: neo4j.Session, schema: GraphSchema, counts: dict[str, dict[str, int]] | None = None) -> StoredState:
    """The ids, markers, properties and element ids of the nodes under govkg's labels, and the keys of its types.

    Labels and types that ``counts`` (:func:`govkg.queries.neo4j_write.stored_counts`) shows empty are not read.
    """
    nodes: dict[str, dict[str, tuple[bool, dict[str, Any]]]] = {}
    element_ids: dict[str, dict[str, str]] = {}
    for label in schema.nodes:
        nodes[label], element_ids[label] = {}, {}
        if counts is not None and not counts["nodes"].get(label):
            continue
        for node_id, marked, props, element_id in _pages(session, neo4j_write.node_state(label), key=lambda r: r[0]):
            nodes[label][node_id] = (bool(marked), props)
            element_ids[label][node_id] = element_id
    keys = {rel_type: set() if counts is not None and not counts["relationships"].get(rel_type)
            else set(_pages(session, neo4j_write.relationship_keys(rel_type), key=lambda k: k))
            for rel_type in schema.relationships}
    return StoredState(nodes=nodes, keys=keys, element_ids=element_ids)


def _after_writes(name: str, counts: dict[str, dict[str, int]], schema: GraphSchema) -> bool:
    """Whether the missing constraint ``name`` is made after the push's writes rather than before.

    So is the ``key`` constraint of a type that holds no relationship yet:
    made first, it would check and index each row as it is written; made
    after, the index is built in one pass over them, and the keys are
    unique by construction (:func:`relationship_rows`), so it comes out the
    same. Nothing needs it during the writes: relationships are found by
    their endpoints. The nodes' ``id`` constraints come first: a node batch
    that is retried merges on ``id``. Only two pushes into the same new
    database at once can both write a type before its constraint exists;
    making it then fails, and the push raises :class:`Neo4jError`.
    """
    return any(name == f"govkg_{rel_type}_key" and not counts["relationships"].get(rel_type)
               for rel_type in schema.relationships)


def _record(tx: neo4j.ManagedTransaction, statement: str) -> dict[str, Any]:
    return tx.run(statement).single(strict=True).data()


def _pages(session: neo4j.Session, statement: str, key: Callable[[Any], str]) -> Iterator[Any]:
    """The items of a paged statement (``$after``, ``$limit``; one list per page), page after page."""
    after = ""
    while True:
        page = session.execute_read(_single_list, statement, {"after": after, "limit": neo4j_write.STATE_PAGE})
        yield from page
        if len(page) < neo4j_write.STATE_PAGE:
            return
        after = key(page[-1])


def _prune(session: neo4j.Session, plan: WritePlan, batch_size: int) -> int:
    """Delete what the graph no longer has: relationships by key, then govkg's nodes by id; return the batches."""
    batches = 0
    for rel_type, keys in plan.stale_relationships.items():
        for chunk in _chunks(keys, batch_size):
            session.execute_write(_run, neo4j_write.delete_relationships(rel_type), {"keys": chunk})
            batches += 1
    for label, ids in plan.stale_nodes.items():
        for chunk in _chunks(ids, batch_size):
            session.execute_write(_run, neo4j_write.delete_nodes(label), {"ids": chunk})
            batches += 1
    return batches


def _run(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _run_all(tx: neo4j.ManagedTransaction, statements: list[str]) -> None:
    for statement in statements:
        tx.run(statement).consume()


def _column(tx: neo4j.ManagedTransaction, statement: str) -> list[Any]:
    return [record[0] for record in tx.run(statement)]


def _single_list(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> list[Any]:
    return tx.run(statement, params).single(strict=True)[0]


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def shown_uri(uri: str) -> str:
    """``uri`` with any user name and password in it replaced by ``***``.

    >>> shown_uri("bolt://neo4j:secret@db.example:7687"), shown_uri("neo4j://db.example")
    ('bolt://***@db.example:7687', 'neo4j://db.example')
    """
    return re.sub(r"^([^:/?#]*://)[^/?#]*@", r"\1***@", uri.strip())


def check_uri(uri: str) -> None:
    """Refuse an address the driver cannot use, or would echo credentials from, in words that say what to write.

    Raises
    ------
    Neo4jError
        If ``uri`` is not ``bolt://``, ``neo4j://`` (or their ``+s``/``+ssc``
        forms), or holds a user name or password.
    """
    scheme, sep, rest = uri.strip().partition("://")
    if not sep or scheme.lower() not in BOLT_SCHEMES:
        hint = " (7474 is Neo4j Browser's HTTP port; Bolt listens on 7687)" if scheme.lower() in ("http", "https") else ""
        raise Neo4jError(f"{shown_uri(uri)!r} is not a Bolt address{hint}; "
                         "set NEO4J_URI to bolt://HOST:7687 or neo4j://HOST:7687")
    if "@" in re.split(r"[/?#]", rest, maxsplit=1)[0]:
        raise Neo4jError(f"{shown_uri(uri)!r} holds a user name or password; give the address alone in NEO4J_URI "
                         "and the credentials in NEO4J_USER and NEO4J_PASSWORD")


@contextmanager
def _driver(
    uri: str, user: str, password: str, database: str | None, max_retry_time: float
) -> Iterator[neo4j.Driver]:
    """A driver for a server we have just reached, with driver errors made into :class:`Neo4jError`.

    Errors raised in the ``with`` block (from any session of the driver)
    are translated too; ``database`` only names the database in them.
    """
    check_uri(uri)
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(user, password),
            max_transaction_retry_time=max_retry_time,
            connection_timeout=15.0,
            notifications_min_severity="OFF",
        )
    except (neo4j_errors.DriverError, ValueError) as exc:
        raise Neo4jError(f"{uri!r} is not a Neo4j address ({_first_line(exc)}); "
                         "set NEO4J_URI to bolt://HOST:7687 or neo4j://HOST:7687") from None
    connected = False
    try:
        with driver:
            # Fail fast (no retries) when the server is down or refuses us.
            driver.verify_connectivity()
            connected = True
            yield driver
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
        raise Neo4jError(_message(exc, uri, user, database, connected)) from None


@contextmanager
def _session(
    uri: str,
    user: str,
    password: str,
    database: str | None,
    max_retry_time: float,
    access_mode: str = neo4j.WRITE_ACCESS,
) -> Iterator[neo4j.Session]:
    """One session on a server we have just reached (see :func:`_driver`)."""
    with _driver(uri, user, password, database, max_retry_time) as driver:
        with driver.session(database=database, default_access_mode=access_mode) as session:
            yield session


def _message(exc: Exception, uri: str, user: str, database: str | None, connected: bool) -> str:
    """One line saying what went wrong and what to do next."""
    where = uri + (f", database {database!r}" if database else "")
    rerun = "run again: a re-run converges to the full graph"
    if isinstance(exc, neo4j_errors.AuthError):
        return (f"Neo4j at {uri} refused user {user!r}: wrong user name or password; "
                "set NEO4J_USER and NEO4J_PASSWORD to the server's credentials")
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)):
        if not connected:
            return (f"cannot connect to Neo4j at {uri} ({_reason(exc)}); is it running? "
                    "Start it (make neo4j-up) or set NEO4J_URI to your server")
        return f"lost the connection to Neo4j at {where} ({_reason(exc)}); once the server is back, {rerun}"
    if isinstance(exc, neo4j_errors.TransientError):
        return f"Neo4j at {where} is unavailable ({exc.code}); once it is back, {rerun}"
    if isinstance(exc, neo4j_errors.Neo4jError):
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return f"Neo4j at {uri} has no database {database!r}; create it or leave out --database"
        if exc.code in ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden"):
            return f"Neo4j at {where} refused the statement ({_first_line(exc)}); queries run read-only"
        return f"Neo4j at {where} failed: {exc.code}: {_first_line(exc)}"
    return f"the Neo4j driver failed talking to {where}: {type(exc).__name__}: {_first_line(exc)}"


def _reason(exc: Exception) -> str:
    """The OS-level reason inside a driver connection error, if it names one."""
    found = re.findall(r"reason (.+?)\)", str(exc))
    return found[-1] if found else _first_line(exc)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
