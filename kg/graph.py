"""Facts in, one property graph out (NetworkX), plus its canonical JSON form.

The graph contract: a ``networkx.MultiDiGraph`` whose node keys are the
nodes' ``id``; every node has ``label`` and the properties
``schema/graph.yaml`` lists for it; every edge has ``type`` and its
properties, and a key ``TYPE|report`` (or ``TYPE``) so parallel edges of
different reports stay apart.

Ids are stable across builds: ``region:<adcode>`` (below county level
``region:<county adcode>/<name>``), ``program:<lexicon id>``,
``report:<first 16 hex of the text's SHA-256>``, ``agency:<region>/<kind>``,
``honor:<lexicon id or normalised name>``.

Examples
--------
>>> from govkg.ingest.records import Evidence, ProgramFact, RegionRef, ReportFacts
>>> ev = Evidence("report:1", "推进述法。", 2, 4)
>>> boai = RegionRef("博爱县", "county", "410822", (("河南省", "province", "410000"), ("焦作市", "city", "410800")))
>>> f = ReportFacts("report:1", "a.txt", "报告", 2023, boai, None, programs=[ProgramFact("leaders_report_on_law", "implemented", ev, "述法")])
>>> G = build_graph([f])
>>> sorted(v for _, v, d in G.out_edges("region:410822", data=True) if d["type"] == "IMPLEMENTS")
['program:leaders_report_on_law']
>>> [G.nodes[v]["name"] for _, v, d in G.out_edges("region:410822", data=True) if d["type"] == "PART_OF"]
['焦作市']
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, Callable, Iterable

import networkx as nx
from govkg.ingest.records import (
    AgencyFact,
    Evidence,
    HonorFact,
    PersonFact,
    PolicyFact,
    ProgramFact,
    RegionRef,
    ReportFacts,
    region_id,
)
from govkg.schema.lexicon import Lexicon, load_lexicon
from govkg.schema.normalize import normalize
from govkg.schema.suffixes import place_suffixes

__all__ = ["build_graph", "GraphAssembler", "Held", "Edge", "SHARED_EDGE_TYPES", "region_id", "agency_id", "write_graph_json",
           "read_graph_json", "graph_to_json", "node_json", "edge_json", "JSON_HEAD", "JSON_MIDDLE", "JSON_TAIL",
           "GraphDamaged"]


#: Endings that make an agency without a region a local one, named by its name (see :func:`agency_id`).
_AGENCY_NAME_PLACES = place_suffixes().used_by("agency_name")


class GraphDamaged(ValueError):
    """A file of a graph folder cannot be read: missing, truncated or not written by govkg.

    The message names the folder and the file, and says to rebuild.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        path = Path(path)
        super().__init__(f"the graph at {path.parent} is damaged: {path.name} {problem}; "
                         f"rebuild it: kg build REPORTS... --graph {path.parent}")


def agency_id(kind: str, region: RegionRef | None, name: str) -> str:
    """``agency:<region>/<kind>``; central bodies ``agency:cn/<kind>``; no region known: by name.

    An agency named after a place below its region (孝丰司法所 in 安吉县) is one of
    several of its kind there: ``agency:<region>/<kind>/<name>``.
    """
    if region is not None:
        base = f"agency:{region_id(region)[len('region:'):]}/{kind}"
        return base if name.startswith(region.name) else f"{base}/{normalize(name)}"
    return f"agency:cn/{kind}" if not any(s in name for s in _AGENCY_NAME_PLACES) else f"agency:name/{normalize(name)}"


#: One edge: source id, target id, key, and its data (``type`` and properties).
Edge = tuple[str, str, str, dict[str, Any]]


def _order(value: Any) -> str:
    """A total order over property values of any type (see :meth:`GraphAssembler.node`)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class GraphAssembler:
    """The graph of reports added one at a time, in any order, with the same result.

    The assembler holds the nodes and the edges that several reports share
    (``PART_OF``, the regions' and agencies' places); every other edge belongs
    to one report (its key or its source is the report's), so :meth:`add`
    hands those back instead of keeping them: a caller with a large corpus
    writes them out as it goes. :func:`build_graph` keeps them in a NetworkX
    graph.

    Where reports disagree the result does not depend on their order: a node
    several reports name differently gets the most used name (ties: an
    agency's or honor's fuller one, a policy's shorter one, then the first in
    code-point order); any other property takes,
    of the values given, the first in :func:`_order`.

    >>> from govkg.ingest.records import Evidence, PolicyFact, ReportFacts
    >>> a = GraphAssembler()
    >>> f = ReportFacts("report:1", "a.txt", "报告", 2023, None, None, policies=[PolicyFact("条例", Evidence("report:1", "依据《条例》。", 3, 5))])
    >>> [(u, v, k) for u, v, k, _ in a.add(f)]
    [('report:1', 'policy:条例', 'CITES')]
    >>> a.finish()["policy:条例"]["name"]
    '条例'
    """

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.nodes: dict[str, dict[str, Any]] = {}
        #: The shared edges (``PART_OF``, which carry no properties): (source, target).
        self.shared: set[tuple[str, str]] = set()
        #: The names each agency, honor and policy was given (see :func:`_count_name`).
        self.agency_names: dict[str, _Names] = {}
        self.honor_names: dict[str, _Names] = {}
        self.policy_names: dict[str, _Names] = {}
        self.regions: dict[RegionRef, str] = {}
        self.reports: set[str] = set()
        self._edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        for p in self.lex.programs.values():
            self.node(f"program:{p.id}", "Program", name=p.name, name_en=p.name_en, aliases=list(p.aliases),
                      category=p.category)

    def add(self, facts: ReportFacts) -> list[Edge]:
        """Add the nodes of one report and return its own edges, in order of (source, target, key).

        A report whose id was added before adds nothing (the first file of
        equal texts stands for them all).
        """
        if facts.id in self.reports:
            return []
        self.reports.add(facts.id)
        self._edges = {}
        r = _add_report(self, facts)
        for kind, add in _ADD_FACTS:
            for fact in getattr(facts, kind):
                add(self, r, fact)
        edges, self._edges = self._edges, {}
        return [(u, v, k, d) for (u, v, k), d in sorted(edges.items(), key=lambda e: e[0])]

    def node(self, nid: str, label: str, **props: Any) -> str:
        data = self.nodes.get(nid)
        if data is None:
            self.nodes[nid] = {"id": nid, "label": label, **props}
            return nid
        for k, v in props.items():
            if v is None:
                continue
            old = data.get(k)
            if old is None or (old != v and _order(v) < _order(old)):
                data[k] = v
        return nid

    def edge(self, u: str, v: str, typ: str, report: str | None = None, **props: Any) -> None:
        if typ in SHARED_EDGE_TYPES:
            self.shared.add((u, v))
            return
        key = f"{typ}|{report}" if report else typ
        if (u, v, key) not in self._edges:
            extra = {"report": report} if report else {}
            self._edges[(u, v, key)] = {"type": typ, **extra, **props}

    def region(self, ref: RegionRef) -> str:
        # Reports name the same few regions over and over (every agency
        # mention carries its region); their chain is added once.
        nid = self.regions.get(ref)
        if nid is None:
            nid = self.regions[ref] = self._add_region(ref)
        return nid

    def _add_region(self, ref: RegionRef) -> str:
        chain = [RegionRef(n, lvl, code, ref.parents[:i]) for i, (n, lvl, code) in enumerate(ref.parents)] + [ref]
        prev = None
        for r in chain:
            province = r.parents[0][0] if r.parents else (r.name if r.level == "province" else None)
            extra = {"candidates": list(r.candidates)} if r.candidates else {}
            nid = self.node(region_id(r), "Region", name=r.name, level=r.level, adcode=r.adcode, province=province,
                            ambiguous=bool(r.candidates), **extra)
            if prev is not None:
                self.edge(nid, prev, "PART_OF")
            prev = nid
        return prev  # type: ignore[return-value]

    def agency(self, a: AgencyFact) -> str:
        nid = agency_id(a.kind, a.region, a.name)
        kind = self.lex.agencies.get(a.kind)
        self.node(nid, "Agency", kind=a.kind, kind_en=kind.name_en if kind else None)
        _count_name(self.agency_names, nid, a.name)
        if a.region is not None:
            self.edge(nid, self.region(a.region), "PART_OF")
        return nid

    def held(self) -> "Held":
        """What this assembler holds of the reports added (not its lexicon): what :meth:`merge` takes.

        A worker process assembles its partition of the reports and hands
        this back; the parent merges it. Merging in the order the reports
        would have been added gives the same graph as adding them here.

        >>> from govkg.ingest.records import Evidence, PolicyFact, ReportFacts
        >>> def policy(i, name):
        ...     return ReportFacts(f"report:{i}", "a.txt", "报告", 2023, None, None, policies=[PolicyFact(name, Evidence(f"report:{i}", "", 0, 1))])
        >>> one, two = GraphAssembler(), GraphAssembler()
        >>> _ = one.add(policy(1, "条例")), two.add(policy(2, "条例")), two.add(policy(3, "条 例"))
        >>> one.merge(two.held())
        >>> one.finish()["policy:条例"]["name"], sorted(one.reports)
        ('条例', ['report:1', 'report:2', 'report:3'])
        """
        return Held(self.nodes, self.agency_names, self.honor_names, self.policy_names, self.shared, self.reports)

    def merge(self, held: "Held") -> None:
        """Add what another assembler :meth:`held`, as if its reports had been added here next."""
        for nid, data in held.nodes.items():
            mine = self.nodes.get(nid)
            if mine is None:
                self.nodes[nid] = data
                continue
            for k, v in data.items():  # the rule of node(), value by value
                if v is None:
                    continue
                old = mine.get(k)
                if old is None or (old != v and _order(v) < _order(old)):
                    mine[k] = v
        for mine_names, theirs in ((self.agency_names, held.agency_names), (self.honor_names, held.honor_names),
                                   (self.policy_names, held.policy_names)):
            for nid, names in theirs.items():
                for name, times in ((names,) if isinstance(names, tuple) else names.items()):
                    _count_name(mine_names, nid, name, times)
        self.shared |= held.shared
        self.reports |= held.reports

    def finish(self) -> dict[str, dict[str, Any]]:
        """The nodes by id, with the names settled (call once every report is added)."""
        # A node several reports name differently gets the most used name: of
        # agencies and honors the longer (the fuller), of policies the shorter
        # (the same title without the stray spaces of a PDF's text layer).
        for names_by_id, longer in ((self.agency_names, -1), (self.honor_names, -1), (self.policy_names, 1)):
            for nid, names in names_by_id.items():
                if isinstance(names, tuple):
                    self.nodes[nid]["name"] = names[0]
                else:
                    self.nodes[nid]["name"] = min(names.items(), key=lambda x: (-x[1], longer * len(x[0]), x[0]))[0]
        return self.nodes

    def shared_edges(self) -> list[Edge]:
        """The edges several reports share, in order of (source, target, key)."""
        return [(u, v, typ, {"type": typ}) for u, v in sorted(self.shared) for typ in ("PART_OF",)]


@dataclass
class Held:
    """The nodes, name counts, shared edges and report ids a :class:`GraphAssembler` holds (see :meth:`~GraphAssembler.held`)."""

    nodes: dict[str, dict[str, Any]]
    agency_names: dict[str, "_Names"]
    honor_names: dict[str, "_Names"]
    policy_names: dict[str, "_Names"]
    shared: set[tuple[str, str]]
    reports: set[str]


#: Edge types that join places and agencies rather than belong to one report; they carry no properties.
SHARED_EDGE_TYPES = frozenset({"PART_OF"})

#: A node's names: ``(name, times)`` while it has one (most have), else a counter of each.
_Names = tuple[str, int] | Counter[str]


def _count_name(names: dict[str, _Names], nid: str, name: str, times: int = 1) -> None:
    """Count ``times`` more ``name`` for ``nid`` in ``names``, compactly: a national build names 10^5 agencies.

    >>> names = {}
    >>> for n in ["县司法局", "县司法局", "司法局"]:
    ...     _count_name(names, "a", n)
    >>> names["a"]
    Counter({'县司法局': 2, '司法局': 1})
    """
    got = names.get(nid)
    if got is None:
        names[nid] = (name, times)
    elif isinstance(got, tuple):
        names[nid] = (name, got[1] + times) if got[0] == name else Counter({got[0]: got[1], name: times})
    else:
        got[name] += times


def _ev(e: Evidence) -> dict[str, Any]:
    return {"evidence": e.sentence, "char_start": e.start, "char_end": e.end}


@dataclass(frozen=True)
class _Report:
    """The report whose facts are being added: its facts, its node and its region's node."""

    facts: ReportFacts
    node: str
    region: str | None


def _add_report(b: GraphAssembler, f: ReportFacts) -> _Report:
    """The Report node, the region it is ABOUT and the agency it was ISSUED_BY."""
    rep = b.node(f.id, "Report", name=f.title, file=f.file, title=f.title, year=f.year, sha256=f.sha256,
                 source=f.source or None)
    region = b.region(f.region) if f.region else None
    if region:
        b.edge(rep, region, "ABOUT")
    if f.issuer is not None:
        b.edge(rep, b.agency(f.issuer), "ISSUED_BY")
    return _Report(f, rep, region)


def _add_agency(b: GraphAssembler, r: _Report, a: AgencyFact) -> None:
    b.edge(r.node, b.agency(a), "MENTIONS", **_ev(a.evidence))


def _add_program(b: GraphAssembler, r: _Report, p: ProgramFact) -> None:
    # A report that names no region keeps its programs: the report itself is their subject.
    typ = "IMPLEMENTS" if p.status == "implemented" else "PLANS"
    b.edge(r.region or r.node, f"program:{p.program}", typ, report=r.facts.id, year=r.facts.year, surface=p.surface,
           **_ev(p.evidence))


def _add_honor(b: GraphAssembler, r: _Report, h: HonorFact) -> None:
    hid = f"honor:{h.honor}" if h.honor else f"honor:{normalize(h.name)}"
    entry = b.lex.honors.get(h.honor)
    b.node(hid, "Honor", name_en=entry.name_en if entry else None, level=h.level)
    _count_name(b.honor_names, hid, h.name)
    if h.recipient_kind == "Region" and h.recipient_region is not None:
        who = b.region(h.recipient_region)
    elif h.recipient_kind == "Agency":
        who = b.agency(AgencyFact(h.recipient, h.recipient_agency_kind or "unknown", h.recipient_region, h.evidence))
    else:
        anchor = region_id(h.recipient_region)[len("region:"):] if h.recipient_region else "?"
        who = b.node(f"person:{anchor}/{h.recipient}", "Person", name=h.recipient, role=None)  # the keys _add_person gives
    b.edge(who, hid, "RECEIVED", report=r.facts.id, year=r.facts.year, **_ev(h.evidence))


def _add_person(b: GraphAssembler, r: _Report, person: PersonFact) -> None:
    anchor = region_id(r.facts.region)[len("region:"):] if r.facts.region else "?"
    pid = b.node(f"person:{anchor}/{person.name}", "Person", name=person.name, role=person.role)
    b.edge(r.node, pid, "MENTIONS", **_ev(person.evidence))


def _add_policy(b: GraphAssembler, r: _Report, pol: PolicyFact) -> None:
    pid = b.node(f"policy:{normalize(pol.name)}", "Policy")
    _count_name(b.policy_names, pid, pol.name)
    b.edge(r.node, pid, "CITES", **_ev(pol.evidence))


#: Each list of facts in :class:`ReportFacts` and the function that adds one of its facts, in the
#: order they are added (the first to set a node's property wins). A test checks that none is missing.
_ADD_FACTS: tuple[tuple[str, Callable[[GraphAssembler, _Report, Any], None]], ...] = (
    ("agencies", _add_agency),
    ("programs", _add_program),
    ("honors", _add_honor),
    ("people", _add_person),
    ("policies", _add_policy),
)


def build_graph(facts: Iterable[ReportFacts], lexicon: Lexicon | None = None) -> nx.MultiDiGraph:
    """The property graph of all ``facts``; the same facts give the same graph, in any order.

    Every program of the lexicon is a node, adopted or not, so that a query
    for a known program with no adopters answers "none" rather than "unknown".
    Nodes and edges are added in the order of their ids, as
    :func:`read_graph_json` adds them. For a corpus too large to hold its
    evidence in memory, see :class:`GraphAssembler`.
    """
    a = GraphAssembler(lexicon)
    edges: list[Edge] = []
    for f in facts:
        edges += a.add(f)
    nodes = a.finish()
    G = nx.MultiDiGraph()
    G.add_nodes_from((nid, nodes[nid]) for nid in sorted(nodes))
    edges += a.shared_edges()
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    G.add_edges_from(edges)
    return G


def node_json(data: dict[str, Any]) -> str:
    """One node's line of :func:`graph_to_json`."""
    return _dumps(data)


def edge_json(u: str, v: str, key: str, data: dict[str, Any]) -> str:
    """One edge's line of :func:`graph_to_json`."""
    return _dumps({**data, "source": u, "target": v, "key": key})


def _line_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True)``, made once: a build writes a line per node and edge.

    ``JSONEncoder.encode`` makes a new C encoder on every call, which took
    more time than the encoding of a line; one C encoder (without the check
    for circular references: lines are made of plain values) writes the same
    text in half the time. Where Python has no C encoder, the plain one.

    >>> _line_encoder()({"b": [1, None], "a": "法治 \\"x\\""}) == json.dumps({"b": [1, None], "a": "法治 \\"x\\""}, ensure_ascii=False, sort_keys=True)
    True
    """
    encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
    if c_make_encoder is None:  # pragma: no cover - CPython has it
        return encoder.encode
    chunks = c_make_encoder(None, encoder.default, encode_basestring, None, encoder.key_separator,
                            encoder.item_separator, True, False, True)
    return lambda value: "".join(chunks(value, 0))


_dumps = _line_encoder()

#: What :func:`graph_to_json` writes before the nodes, between nodes and edges, and after the edges.
JSON_HEAD, JSON_MIDDLE, JSON_TAIL = '{"directed": true, "multigraph": true, "graph": {},\n"nodes": [\n', '\n],\n"edges": [\n', "\n]}\n"


def graph_to_json(G: nx.MultiDiGraph) -> str:
    """Canonical node-link JSON: nodes by id, edges by (source, target, key), keys sorted,
    UTF-8 text, one line per node or edge. Equal graphs give equal text, whatever
    order their nodes and edges were added in."""
    nodes = (node_json({**G.nodes[n], "id": n}) for n in sorted(G.nodes))
    edges = (edge_json(u, v, k, d) for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return JSON_HEAD + ",\n".join(nodes) + JSON_MIDDLE + ",\n".join(edges) + JSON_TAIL


def write_graph_json(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write :func:`graph_to_json` to ``path``."""
    Path(path).write_text(graph_to_json(G), encoding="utf-8")


def read_graph_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph_json`.

    Raises
    ------
    GraphDamaged
        If the file is not the node-link JSON that :func:`write_graph_json`
        writes (cut off by a full disk, say, or edited by hand).
    FileNotFoundError
        If there is no file at ``path``.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except ValueError as e:  # JSONDecodeError, UnicodeDecodeError
        raise GraphDamaged(path, f"is cut off or not JSON ({' '.join(str(e).split())})") from None
    if not (isinstance(data, dict) and isinstance(data.get("nodes"), list) and isinstance(data.get("edges"), list)):
        raise GraphDamaged(path, "is not a node-link graph (no lists of nodes and edges)")
    try:
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as e:
        raise GraphDamaged(path, f"has a node or edge without its fields ({type(e).__name__}: {e})") from None
    for n, d in G.nodes(data=True):
        d["id"] = n  # node_link_graph takes "id" as the key; the contract keeps it as a property too
    return G
