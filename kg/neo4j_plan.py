"""Which rows a Neo4j push writes, with which statement, in which writer lane.

Pure functions over the writer's rows (node rows grouped by label;
relationship rows ``{from, to, key, props}`` grouped by ``(type, from
label, to label)``) and what the database already holds, so the plan can be
tested without a database and the same inputs always give the same plan.

:func:`plan_writes` compares the rows with the stored state: a node whose
``id`` the label lacks is created, one whose properties differ from its
row is merged, one that is already as the graph has it (properties added
on the server do not count) is left alone; a relationship whose
``key`` the type lacks is created, and one whose key is stored is left
alone, since the key is a hash of the type, the endpoints and every
property (see :func:`govkg.kg.neo4j_store.relationship_rows`). Stored
relationships whose keys the graph lacks, and govkg's nodes whose ids it
lacks, are stale.

:func:`writer_lanes` splits relationship rows between concurrent writer
sessions so that no two lanes touch the same sparse node. Creating a
relationship locks a sparse node (fewer than
:data:`DENSE_NODE_THRESHOLD` relationships) exclusively, so two
transactions that share one wait for each other, and may deadlock; a dense
node takes only locks on the relationship chain it inserts into. Rows are
joined into components through their sparse endpoints, and whole
components are dealt to lanes, largest first.

Examples
--------
>>> rows = {("PART_OF", "Region", "Region"): [
...     {"from": "a", "to": "b"}, {"from": "c", "to": "d"}, {"from": "b", "to": "e"}]}
>>> [[(group[0], [row["from"] for row in part]) for group, part in lane] for lane in writer_lanes(rows, 2)]
[[('PART_OF', ['a', 'b'])], [('PART_OF', ['c'])]]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_WRITERS", "DENSE_NODE_THRESHOLD", "StoredState", "WritePlan", "plan_writes", "writer_lanes"]

#: Concurrent writer sessions, chosen by measurement with ``make bench-neo4j``. Here, not beside the
#: driver, so ``kg push`` shows it in its help without importing the driver.
DEFAULT_WRITERS = 2
#: Neo4j's default threshold above which a node keeps its relationships in groups by type.
DENSE_NODE_THRESHOLD = 50

Row = dict[str, Any]
Group = tuple[str, str, str]


@dataclass(frozen=True)
class StoredState:
    """What the database holds under govkg's labels and types.

    ``nodes[label][id]`` is ``(marked, properties)``: whether the node
    carries govkg's marker, and all its properties. ``keys[type]`` is the
    set of relationship keys stored for the type. ``element_ids[label][id]``
    is the node's element id, by which relationships find their endpoints.
    """

    nodes: dict[str, dict[str, tuple[bool, dict[str, Any]]]] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    element_ids: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class WritePlan:
    """The writes that make the database mirror the rows, grouped like the rows."""

    create_nodes: dict[str, list[Row]]
    merge_nodes: dict[str, list[Row]]
    create_relationships: dict[Group, list[Row]]
    merge_relationships: dict[Group, list[Row]]
    stale_relationships: dict[str, list[str]]
    stale_nodes: dict[str, list[str]]
    unchanged: int

    @property
    def nodes_written(self) -> int:
        """Nodes created or merged."""
        return sum(map(len, self.create_nodes.values())) + sum(map(len, self.merge_nodes.values()))

    @property
    def relationships_written(self) -> int:
        """Relationships created or merged."""
        return (sum(map(len, self.create_relationships.values()))
                + sum(map(len, self.merge_relationships.values())))


def _in_place(row: Row, stored: dict[str, Any]) -> bool:
    """Whether a stored node already holds what its row sets: each of the row's properties (``None``:
    absent) and govkg's marker. Properties someone added on the server are not the row's concern: a
    merge would keep them, so they do not make the node differ."""
    return stored.get("govkg") is True and all(stored.get(k) == v for k, v in row.items())


def plan_writes(
    nodes: dict[str, list[Row]],
    rels: dict[Group, list[Row]],
    stored: StoredState,
    rewrite: bool = False,
) -> WritePlan:
    """Compare the rows with the stored state: what to create, merge, keep and delete.

    Parameters
    ----------
    nodes, rels : dict
        The writer's rows (:func:`govkg.kg.rows.node_rows`,
        :func:`govkg.kg.neo4j_store.relationship_rows`).
    stored : StoredState
        What the database holds.
    rewrite : bool
        Merge every row that exists instead of skipping unchanged ones (and
        merge, rather than create, every relationship): repairs hand edits
        to govkg's properties, and is the benchmark's baseline.

    Returns
    -------
    WritePlan

    Examples
    --------
    >>> stored = StoredState(nodes={"Policy": {"p:1": (True, {"id": "p:1", "name": "x", "govkg": True, "note": "mine"}),
    ...                                        "p:2": (True, {"id": "p:2", "name": "old", "govkg": True}),
    ...                                        "p:9": (True, {"id": "p:9", "govkg": True}),
    ...                                        "mine": (False, {"id": "mine"})}},
    ...                      keys={"CITES": {"k1", "k0"}})
    >>> rows = {"Policy": [{"id": "p:1", "name": "x"}, {"id": "p:2", "name": "new"}, {"id": "p:3", "name": "y"}]}
    >>> rels = {("CITES", "Report", "Policy"): [{"from": "r", "to": "p:1", "key": "k1", "props": {}},
    ...                                         {"from": "r", "to": "p:3", "key": "k3", "props": {}}]}
    >>> plan = plan_writes(rows, rels, stored)
    >>> [r["id"] for r in plan.create_nodes["Policy"]], [r["id"] for r in plan.merge_nodes["Policy"]]
    (['p:3'], ['p:2'])
    >>> [r["key"] for r in plan.create_relationships[("CITES", "Report", "Policy")]], plan.unchanged
    (['k3'], 2)
    >>> plan.stale_relationships, plan.stale_nodes
    ({'CITES': ['k0']}, {'Policy': ['p:9']})
    """
    create_nodes: dict[str, list[Row]] = {}
    merge_nodes: dict[str, list[Row]] = {}
    stale_nodes: dict[str, list[str]] = {}
    unchanged = 0
    for label, rows in nodes.items():
        held = stored.nodes.get(label, {})
        create_nodes[label] = [row for row in rows if row["id"] not in held]
        merge_nodes[label] = [row for row in rows if row["id"] in held
                              and (rewrite or not _in_place(row, held[row["id"]][1]))]
        unchanged += len(rows) - len(create_nodes[label]) - len(merge_nodes[label])
        wanted = {row["id"] for row in rows}
        stale = sorted(node_id for node_id, (marked, _) in held.items() if marked and node_id not in wanted)
        if stale:
            stale_nodes[label] = stale
    for label, held in stored.nodes.items():
        if label not in nodes:
            stale = sorted(node_id for node_id, (marked, _) in held.items() if marked)
            if stale:
                stale_nodes[label] = stale

    create_rels: dict[Group, list[Row]] = {}
    merge_rels: dict[Group, list[Row]] = {}
    wanted_keys: dict[str, set[str]] = {}
    for group, rows in rels.items():
        keys = stored.keys.get(group[0], set())
        wanted_keys.setdefault(group[0], set()).update(row["key"] for row in rows)
        if rewrite:
            merge_rels[group] = list(rows)
            continue
        create_rels[group] = [row for row in rows if row["key"] not in keys]
        unchanged += len(rows) - len(create_rels[group])
    stale_rels = {rel_type: sorted(keys - wanted_keys.get(rel_type, set()))
                  for rel_type, keys in stored.keys.items() if keys - wanted_keys.get(rel_type, set())}
    return WritePlan(create_nodes, merge_nodes, create_rels, merge_rels, stale_rels, stale_nodes, unchanged)


def writer_lanes(
    rels: dict[Group, list[Row]], writers: int, dense_threshold: int = DENSE_NODE_THRESHOLD
) -> list[list[tuple[Group, list[Row]]]]:
    """Deal relationship rows to ``writers`` lanes that share no sparse node.

    A node is sparse if fewer than ``dense_threshold`` of the rows touch
    it. Rows joined through sparse nodes form one component; a row between
    two dense nodes is a component of its own start node. Components go,
    largest first, to the lane with the fewest rows (the first such lane
    on ties), so the lanes come out balanced and the same every time.
    Within a lane, groups and rows keep their order; empty lanes are left
    out.

    Raises
    ------
    ValueError
        If ``writers`` < 1.
    """
    if writers < 1:
        raise ValueError(f"writers must be at least 1, not {writers}")
    if writers == 1:
        return [[(group, rows) for group, rows in rels.items() if rows]]
    degree: Counter[str] = Counter()
    for rows in rels.values():
        for row in rows:
            degree[row["from"]] += 1
            degree[row["to"]] += 1
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while (up := parent.get(node, node)) != node:
            parent[node] = parent.get(up, up)  # path halving
            node = up
        return node

    def anchor(row: Row) -> str:
        if degree[row["from"]] < dense_threshold:
            return find(row["from"])
        return find(row["to"]) if degree[row["to"]] < dense_threshold else row["from"]

    for rows in rels.values():
        for row in rows:
            a, b = row["from"], row["to"]
            if degree[a] < dense_threshold and degree[b] < dense_threshold:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    sizes: Counter[str] = Counter(anchor(row) for rows in rels.values() for row in rows)
    load = [0] * writers
    lane_of: dict[str, int] = {}
    for root, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        lane = min(range(writers), key=lambda i: (load[i], i))
        lane_of[root] = lane
        load[lane] += size
    lanes: list[list[tuple[Group, list[Row]]]] = [[] for _ in range(writers)]
    for group, rows in rels.items():
        parts: list[list[Row]] = [[] for _ in range(writers)]
        for row in rows:
            parts[lane_of[anchor(row)]].append(row)
        for lane, part in zip(lanes, parts):
            if part:
                lane.append((group, part))
    return [lane for lane in lanes if lane]
