"""The Neo4j writer's statements: schema first, then ``UNWIND $rows`` batches.

Each function returns one Cypher statement for one label or relationship
type. Labels and types are checked against ``schema/graph.yaml`` before they
are written into the text, and every value travels as a parameter, so input
text can never change a statement.

Nodes are merged on ``id`` (one uniqueness constraint per label) and
marked ``govkg = true``: pruning deletes only marked nodes, so nodes a user
made by hand under the same labels are never touched.
Relationships are merged on ``key``, a stable identity the writer derives
from the relationship's type, endpoints and properties (one uniqueness
constraint per type), so pushing the same graph twice changes nothing and
stale relationships can be found and deleted by key.

Rows that the database does not hold yet are written with ``CREATE``
(:func:`create_nodes`, :func:`create_relationships`), which skips the
lookup ``MERGE`` makes; the writer knows which rows those are because it
reads the stored ids and keys first (:func:`node_state`,
:func:`relationship_keys`). ``MERGE`` stays for nodes that exist, and for a
batch the driver retries after a lost connection, whose first attempt may
have been committed. Node writes return the nodes' element ids, and
relationship writes find their endpoints by them, not by an index lookup
on ``id``.

Examples
--------
>>> print(merge_nodes("Region"))
UNWIND $rows AS row
MERGE (n:`Region` {id: row.id})
SET n += row, n.govkg = true
RETURN collect([n.id, elementId(n)]) AS ids
>>> merge_nodes("Region) DETACH DELETE (x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown node label 'Region) DETACH DELETE (x'; the schema allows [...]
"""
from __future__ import annotations

import re

from govkg.schema import graph_schema

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "STATE_PAGE",
    "node_id_constraint",
    "node_name_index",
    "relationship_key_constraint",
    "merge_nodes",
    "merge_relationships",
    "merge_relationship_one",
    "create_nodes",
    "create_relationships",
    "stored_counts",
    "schema_statements",
    "schema_names",
    "node_state",
    "relationship_keys",
    "delete_nodes",
    "delete_relationships",
]


#: Rows per ``UNWIND`` statement (one transaction each), chosen by measurement
#: with ``make bench-neo4j`` (see the README's Neo4j section).
DEFAULT_BATCH_SIZE = 2000
#: Ids or keys per page when reading what the database holds (:func:`node_state`, :func:`relationship_keys`).
STATE_PAGE = 50_000


def _label(label: str) -> str:
    return f"`{graph_schema().check_label(label)}`"


def _type(rel_type: str) -> str:
    return f"`{graph_schema().check_type(rel_type)}`"


def _property(name: str) -> str:
    """A property name from the schema, quoted; the schema's names are plain identifiers."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"property name {name!r} is not a plain identifier")
    return f"`{name}`"


def _row_properties(names: list[str], extra: str = "") -> str:
    """``{`a`: row.`a`, ...}``: each property from the row's field of that name (``null``: not set)."""
    return "{" + ", ".join([*(f"{_property(n)}: row.{_property(n)}" for n in names), *([extra] if extra else [])]) + "}"


def node_id_constraint(label: str) -> str:
    """``id`` is unique per label; the constraint's index also serves MERGE."""
    name = f"govkg_{graph_schema().check_label(label)}_id"
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE"


def node_name_index(label: str) -> str:
    """Queries look nodes up by ``name`` (``{name: '法律明白人'}``)."""
    name = f"govkg_{graph_schema().check_label(label)}_name"
    return f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{_label(label)}) ON (n.name)"


def relationship_key_constraint(rel_type: str) -> str:
    """``key`` is unique per relationship type."""
    name = f"govkg_{graph_schema().check_type(rel_type)}_key"
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{_type(rel_type)}]-() REQUIRE r.key IS UNIQUE"


def schema_statements() -> list[tuple[str, str]]:
    """``(name, statement)`` for every constraint and index the writer needs, constraints first.

    >>> schema_statements()[0]
    ('govkg_Report_id', 'CREATE CONSTRAINT govkg_Report_id IF NOT EXISTS FOR (n:`Report`) REQUIRE n.id IS UNIQUE')
    """
    schema = graph_schema()
    return [
        *((f"govkg_{label}_id", node_id_constraint(label)) for label in schema.nodes),
        *((f"govkg_{label}_name", node_name_index(label)) for label in schema.nodes),
        *((f"govkg_{rel_type}_key", relationship_key_constraint(rel_type)) for rel_type in schema.relationships),
    ]


def stored_counts() -> str:
    """How many nodes each govkg label holds and relationships each type: one record, maps ``nodes``, ``relationships``.

    Read from the count store, so it costs the same on any database. A push
    reads nothing of an empty label or type, and makes the ``key``
    constraint of a type that holds nothing yet after writing its rows.
    """
    schema = graph_schema()
    labels = ", ".join(f"{_label(label)}: COUNT {{ (:{_label(label)}) }}" for label in schema.nodes)
    types = ", ".join(f"{_type(rel_type)}: COUNT {{ ()-[:{_type(rel_type)}]->() }}" for rel_type in schema.relationships)
    return f"RETURN {{{labels}}} AS nodes, {{{types}}} AS relationships"


def schema_names() -> list[str]:
    """Statements listing the names of the constraints and the indexes that exist (column ``name``)."""
    return ["SHOW CONSTRAINTS YIELD name RETURN name", "SHOW INDEXES YIELD name RETURN name"]


def merge_nodes(label: str) -> str:
    """Upsert a batch of node rows (each with ``id`` and every schema property); return their element ids.

    ``SET n += row`` sets each property; a ``None`` removes it. ``govkg = true``
    marks the node as one the writer owns (see :func:`node_state`). The one
    record's column ``ids`` holds ``[id, elementId]`` per row, by which the
    push then finds the relationships' endpoints.
    """
    return (f"UNWIND $rows AS row\nMERGE (n:{_label(label)} {{id: row.id}})\nSET n += row, n.govkg = true\n"
            "RETURN collect([n.id, elementId(n)]) AS ids")


def create_nodes(label: str) -> str:
    """Create a batch of node rows known not to exist; return their element ids like :func:`merge_nodes`.

    Same result as :func:`merge_nodes` on ids the label does not hold. The
    ``CREATE`` sets the properties itself (a ``None`` sets nothing): no
    ``SET`` step after it, and no eager buffer between them.
    """
    schema = graph_schema()
    names = ["id", *(name for name in schema.nodes[schema.check_label(label)] if name != "id")]
    return (f"UNWIND $rows AS row\nCREATE (n:{_label(label)} {_row_properties(names, 'govkg: true')})\n"
            "RETURN collect([n.id, elementId(n)]) AS ids")


def create_relationships(rel_type: str) -> str:
    """Create a batch of rows ``{a, b, key, <properties>}`` whose keys the type does not hold.

    ``a`` and ``b`` are the endpoints' element ids, which the push read with
    the nodes or got back from writing them (:func:`merge_nodes`), so each
    endpoint is one record read, not an index lookup. The ``CREATE`` sets
    ``key`` and the type's properties itself (a ``None`` sets nothing). Same
    result as :func:`merge_relationships` for such rows, without the search
    along the endpoints' relationships that ``MERGE`` makes.
    """
    names = ["key", *sorted(graph_schema().relationships[graph_schema().check_type(rel_type)].props)]
    return ("UNWIND $rows AS row\n"
            "MATCH (a) WHERE elementId(a) = row.a\n"
            "MATCH (b) WHERE elementId(b) = row.b\n"
            f"CREATE (a)-[r:{_type(rel_type)} {_row_properties(names)}]->(b)")


def merge_relationships(rel_type: str) -> str:
    """Upsert a batch of rows ``{a, b, key, <properties>}`` (see :func:`create_relationships`) on ``key``.

    Found along the endpoints' relationships, so it needs no index: it is
    also the retry of a :func:`create_relationships` batch whose commit may
    have gone through, before the type's ``key`` constraint exists.
    """
    names = sorted(graph_schema().relationships[graph_schema().check_type(rel_type)].props)
    sets = ", ".join(f"r.{_property(name)} = row.{_property(name)}" for name in names)
    return ("UNWIND $rows AS row\n"
            "MATCH (a) WHERE elementId(a) = row.a\n"
            "MATCH (b) WHERE elementId(b) = row.b\n"
            f"MERGE (a)-[r:{_type(rel_type)} {{key: row.key}}]->(b)" + (f"\nSET {sets}" if sets else ""))


def merge_relationship_one(rel_type: str, from_label: str, to_label: str) -> str:
    """One relationship per statement: the naive load the benchmark compares against."""
    return (
        f"MATCH (a:{_label(from_label)} {{id: $from}})\n"
        f"MATCH (b:{_label(to_label)} {{id: $to}})\n"
        f"MERGE (a)-[r:{_type(rel_type)} {{key: $key}}]->(b)\n"
        "SET r += $props"
    )


def node_state(label: str) -> str:
    """One page of the nodes under ``label``: ``[id, marked, properties, elementId]`` for ids after ``$after``, in id order.

    At most ``$limit`` nodes, in one record (column ``rows``), read in key
    order through the ``id`` constraint's index: a list per page costs the
    driver far less than a record per node. ``marked`` says whether the
    node carries govkg's marker; the writer compares the properties with its
    rows to skip nodes that are already as the graph has them.
    """
    return (f"MATCH (n:{_label(label)}) WHERE n.id > $after\n"
            "WITH n ORDER BY n.id LIMIT $limit\n"
            "RETURN collect([n.id, n.govkg = true, properties(n), elementId(n)]) AS rows")


def relationship_keys(rel_type: str) -> str:
    """One page of the keys stored on ``rel_type`` (those govkg wrote): keys after ``$after``, in order.

    At most ``$limit`` keys, in one record (column ``keys``), read through
    the ``key`` constraint's index.
    """
    return (f"MATCH ()-[r:{_type(rel_type)}]->() WHERE r.key > $after\n"
            "WITH r.key AS key ORDER BY key LIMIT $limit\n"
            "RETURN collect(key) AS keys")


def delete_nodes(label: str) -> str:
    """Delete a batch of govkg's nodes by ``id`` (``$ids``), with their relationships."""
    return f"UNWIND $ids AS id\nMATCH (n:{_label(label)} {{id: id}})\nWHERE n.govkg = true\nDETACH DELETE n"


def delete_relationships(rel_type: str) -> str:
    """Delete a batch of relationships by ``key`` (``$keys``)."""
    return f"UNWIND $keys AS key\nMATCH ()-[r:{_type(rel_type)} {{key: key}}]->()\nDELETE r"

