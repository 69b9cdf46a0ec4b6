"""Move the graph into a Neo4j server, and read answers back out of it.

:func:`push` makes the govkg labels in a Neo4j database mirror a graph:
constraints and indexes first, then nodes and relationships in ``UNWIND
$rows`` batches merged on stable identities (node ``id``; relationship
``key``, see :func:`relationship_rows`), each batch in its own retrying
write transaction; last, nodes and relationships that the graph no longer
has are deleted. Pushing the same graph twice changes nothing; a push that
was cut off (server stopped, network gone) converges when run again.

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
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import neo4j
import networkx as nx
from govkg.kg.rows import edge_rows, node_rows
from govkg.queries import neo4j_write
from govkg.schema import GraphSchema, graph_schema
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point

__all__ = ["Neo4jError", "PushSummary", "push", "query", "relationship_rows", "to_plain", "check_uri", "shown_uri",
           "BOLT_SCHEMES"]

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

    def __str__(self) -> str:
        where = self.uri + (f" (database {self.database})" if self.database else "")
        return (
            f"pushed {self.nodes} nodes and {self.relationships} relationships to {where} "
            f"in {self.seconds:.1f} s; removed {self.nodes_deleted} stale nodes and "
            f"{self.relationships_deleted} stale relationships"
        )


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
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for group, rows in edge_rows(G, schema).items():
        seen: Counter[str] = Counter()
        keyed = []
        for row in rows:
            payload = json.dumps([*group, row], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            base = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]
            key = base if not seen[base] else f"{base}-{seen[base]}"
            seen[base] += 1
            props = {k: v for k, v in row.items() if k not in ("from", "to")}
            keyed.append({"from": row["from"], "to": row["to"], "key": key, "props": props})
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
        Called with the number of rows after each batch is committed.
    max_retry_time : float
        Seconds the driver keeps retrying a batch that failed for a
        transient reason (server restarting, connection lost).

    Returns
    -------
    PushSummary

    Raises
    ------
    ValueError
        If ``G`` breaks the schema or ``batch_size`` < 1 (before connecting).
    Neo4jError
        If the server cannot be reached, refuses the credentials, or fails
        a statement. What was committed stays; running again converges.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    schema = graph_schema()
    nodes = node_rows(G, schema)
    rels = relationship_rows(G, schema)
    started = time.perf_counter()
    with _session(uri, user, password, database, max_retry_time) as session:
        statements = _schema_statements(schema)
        for statement in statements:
            session.execute_write(_run, statement, {})
        batches = 0
        for statement, rows in _upserts(nodes, rels):
            for chunk in _chunks(rows, batch_size):
                session.execute_write(_run, statement, {"rows": chunk})
                batches += 1
                if progress:
                    progress(len(chunk))
        rels_deleted, nodes_deleted = _prune(session, schema, nodes, rels, batch_size)

    by_type: Counter[str] = Counter()
    for (rel_type, _, _), rows in rels.items():
        by_type[rel_type] += len(rows)
    return PushSummary(
        uri=uri,
        database=database,
        nodes=sum(len(rows) for rows in nodes.values()),
        relationships=sum(by_type.values()),
        nodes_deleted=nodes_deleted,
        relationships_deleted=rels_deleted,
        schema_statements=len(statements),
        batches=batches,
        seconds=time.perf_counter() - started,
        nodes_by_label={label: len(rows) for label, rows in nodes.items() if rows},
        relationships_by_type=dict(sorted(by_type.items())),
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
    if isinstance(value, Path):
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


def _schema_statements(schema: GraphSchema) -> list[str]:
    return [
        *(neo4j_write.node_id_constraint(label) for label in schema.nodes),
        *(neo4j_write.node_name_index(label) for label in schema.nodes),
        *(neo4j_write.relationship_key_constraint(rel_type) for rel_type in schema.relationships),
    ]


def _upserts(
    nodes: dict[str, list[dict[str, Any]]], rels: dict[tuple[str, str, str], list[dict[str, Any]]]
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Statements with their rows: every node before any relationship that needs it."""
    for label, rows in nodes.items():
        yield neo4j_write.merge_nodes(label), rows
    for (rel_type, from_label, to_label), rows in rels.items():
        yield neo4j_write.merge_relationships(rel_type, from_label, to_label), rows


def _prune(
    session: neo4j.Session,
    schema: GraphSchema,
    nodes: dict[str, list[dict[str, Any]]],
    rels: dict[tuple[str, str, str], list[dict[str, Any]]],
    batch_size: int,
) -> tuple[int, int]:
    """Delete what the graph no longer has: relationships by key, then nodes by id.

    Reading the stored keys and ids and diffing them here costs one scan
    per label and type, and deletes touch only stale items.
    """
    rels_deleted = 0
    for rel_type in schema.relationships:
        wanted = {row["key"] for (t, _, _), rows in rels.items() if t == rel_type for row in rows}
        stale = sorted(set(session.execute_read(_column, neo4j_write.relationship_keys(rel_type))) - wanted)
        for chunk in _chunks(stale, batch_size):
            session.execute_write(_run, neo4j_write.delete_relationships(rel_type), {"keys": chunk})
        rels_deleted += len(stale)
    nodes_deleted = 0
    for label in schema.nodes:
        wanted = {row["id"] for row in nodes.get(label, [])}
        stale = sorted(set(session.execute_read(_column, neo4j_write.node_ids(label))) - wanted)
        for chunk in _chunks(stale, batch_size):
            session.execute_write(_run, neo4j_write.delete_nodes(label), {"ids": chunk})
        nodes_deleted += len(stale)
    return rels_deleted, nodes_deleted


def _run(tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def _column(tx: neo4j.ManagedTransaction, statement: str) -> list[Any]:
    return [record[0] for record in tx.run(statement)]


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
def _session(
    uri: str,
    user: str,
    password: str,
    database: str | None,
    max_retry_time: float,
    access_mode: str = neo4j.WRITE_ACCESS,
) -> Iterator[neo4j.Session]:
    """A session on a server we have just reached, with driver errors made into :class:`Neo4jError`."""
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
            with driver.session(database=database, default_access_mode=access_mode) as session:
                yield session
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
        raise Neo4jError(_message(exc, uri, user, database, connected)) from None


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
