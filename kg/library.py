"""The library face: :func:`govkg.open` a graph folder, ask it what ``kg`` asks.

The ``kg`` commands are a thin layer over :class:`Graph`: ``kg query``,
``kg shared`` and ``kg similar`` call its methods and print what they
return, so a notebook gets the same rows with the same keys as
``--format json``. Answers are :class:`~govkg.kg.results.Rows` (a list of
dicts that also converts to pandas and shows as a table in Jupyter);
:meth:`Graph.network` is a NetworkX graph.

Examples
--------
A graph folder as ``kg build`` writes it (here from a hand-made graph):

>>> import tempfile, networkx as nx
>>> from govkg.kg.store import save_graph_dir
>>> G = nx.MultiDiGraph()
>>> for rid, name in [("region:410822", "博爱县"), ("region:410425", "郏县"), ("region:140525", "泽州县")]:
...     G.add_node(rid, id=rid, label="Region", name=name, level="county")
>>> for pid, name in [("program:mbr", "法律明白人"), ("program:shufa", "述法")]:
...     G.add_node(pid, id=pid, label="Program", name=name, aliases=[])
>>> for r, p in [("region:410822", "program:mbr"), ("region:410425", "program:mbr"),
...              ("region:410425", "program:shufa"), ("region:140525", "program:shufa")]:
...     _ = G.add_edge(r, p, key="IMPLEMENTS|rep:1", type="IMPLEMENTS", report="rep:1", year=2023, evidence="……")
>>> d = tempfile.mkdtemp() + "/g"
>>> _ = save_graph_dir(G, d, {"reports": 1})

>>> import govkg
>>> g = govkg.open(d)
>>> [(r["region"], r["year"]) for r in g.shared("法律明白人")]
[('博爱县', 2023), ('郏县', 2023)]
>>> g.query("MATCH (r:Region) WHERE r.name = $name RETURN r.level AS level", name="郏县")
[{'level': 'county'}]
>>> [(r["name"], r["score"], r["programs"]) for r in g.similar("郏县")]
[('泽州县', 0.5, ['述法']), ('博爱县', 0.5, ['法律明白人'])]
>>> sorted(g.network(top_k=0).edges(data="n_shared"))
[('region:140525', 'region:410425', 1), ('region:410425', 'region:410822', 1)]
"""
from __future__ import annotations

import json
import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import networkx as nx
from govkg.kg.analysis import AmbiguousError, NotFoundError, resolve_program, resolve_region
from govkg.kg.graph import GraphDamaged, read_graph_json
from govkg.kg.ladybug_store import LadybugError
from govkg.kg.results import Rows
from govkg.kg.store import BUILD_JSON, GRAPH_JSON, GraphNotFound, current_build, query_graph
from govkg.queries import UnknownQuery
from govkg.queries import load as load_query
from govkg.queries.file_access import FileAccessRefused, check_file_access

__all__ = ["open_graph_folder", "Graph", "FactsNotRecorded", "USER_ERRORS", "SIMILAR_COLUMNS",
           "fact_kinds"]

#: Keys of :meth:`Graph.similar`'s rows, in order (``kg similar --format json``).
SIMILAR_COLUMNS = ["region", "name", "province", "level", "score", "n_shared", "programs"]


class FactsNotRecorded(FileNotFoundError):
    """The graph folder holds no per-report facts (its ``facts`` folder): it was built by an older govkg."""

    def __init__(self, graph_dir: str | Path) -> None:
        super().__init__(f"the graph at {graph_dir} holds no facts; rebuild it: kg build REPORTS... --graph {graph_dir}")


#: The errors a user can fix (a missing graph, a name that names nothing, a
#: Cypher error ...): the command line prints them as one line. Anything else
#: is a bug, and keeps its traceback.
USER_ERRORS: tuple[type[Exception], ...] = (GraphNotFound, GraphDamaged, NotFoundError, AmbiguousError, LadybugError,
                                            UnknownQuery, FileAccessRefused, FactsNotRecorded)


def open_graph_folder(graph_dir: str | Path) -> Graph:
    """The graph that ``kg build`` wrote to ``graph_dir``, to query and analyse (``govkg.open``).

    Raises
    ------
    GraphNotFound
        If nothing was built there.
    """
    return Graph(graph_dir)


def fact_kinds() -> tuple[str, ...]:
    """The kinds of per-report facts :meth:`Graph.facts` reads: the lists of ``ReportFacts`` whose items carry evidence.

    >>> fact_kinds()
    ('agencies', 'programs', 'honors', 'policies', 'people')
    """
    return tuple(_fact_records())


def _fact_records() -> dict[str, type]:
    from govkg.ingest import records

    hints = typing.get_type_hints(records.ReportFacts)
    out = {}
    for f in fields(records.ReportFacts):
        args = typing.get_args(hints[f.name])
        if typing.get_origin(hints[f.name]) is list and args and "evidence" in {x.name for x in fields(args[0])}:
            out[f.name] = args[0]
    return out


class Graph:
    """A built graph folder: Cypher on its embedded store, and the analyses of ``kg``.

    Every call reads the build the folder holds at that moment, so a graph
    rebuilt meanwhile is seen at the next call.

    Parameters
    ----------
    graph_dir : str or path
        The folder given to ``kg build --graph``.

    Raises
    ------
    GraphNotFound
        If nothing was built there.
    """

    def __init__(self, graph_dir: str | Path) -> None:
        self.path = Path(graph_dir)
        current_build(self.path)
        self._networkx: tuple[Path, nx.MultiDiGraph] | None = None

    def __repr__(self) -> str:
        return f"govkg.Graph({str(self.path)!r})"

    @property
    def info(self) -> dict[str, Any]:
        """What ``build.json`` recorded: reports, files, node and edge counts, tables."""
        return json.loads((current_build(self.path) / BUILD_JSON).read_text(encoding="utf-8"))

    def networkx(self) -> nx.MultiDiGraph:
        """The property graph as a ``networkx.MultiDiGraph`` (the contract of :mod:`govkg.kg.graph`).

        Read once per build: the same object comes back until the folder is
        rebuilt, so copy it before changing it.

        Raises
        ------
        GraphDamaged
            If ``graph.json`` cannot be read.
        """
        folder = current_build(self.path)
        if self._networkx is None or self._networkx[0] != folder:
            self._networkx = (folder, read_graph_json(folder / GRAPH_JSON))
        return self._networkx[1]

    def query(self, cypher: str, /, *, allow_files: bool = False, **params: Any) -> Rows:
        """Run Cypher on the embedded store; values come in as parameters (``$name``), never pasted in.

        Statements that read or write files, load extensions or open other
        databases are refused unless ``allow_files`` (see
        :mod:`govkg.queries.file_access`).

        Raises
        ------
        LadybugError
            On a syntax error, an unknown label or property, or a missing parameter.
        FileAccessRefused
            If the query reaches outside the graph and ``allow_files`` is false.
        """
        if not allow_files:
            check_file_access(cypher, "ladybug")
        columns, rows = query_graph(self.path, cypher, params)
        return Rows(rows, columns)

    def named(self, name: str, /, **params: Any) -> Rows:
        """Run a named query of ``queries/`` (``kg query --name NAME``); a ``program`` may be given by name.

        Raises
        ------
        UnknownQuery
            If there is no such query.
        LadybugError
            If a parameter it needs is missing.
        NotFoundError, AmbiguousError
            If ``program`` names no program, or several.
        """
        q = load_query(name)
        if "program" in q.params and "program" in params and not str(params["program"]).startswith("program:"):
            params["program"] = self.program_id(str(params["program"]))
        columns, rows = query_graph(self.path, q.text, params)
        return Rows(q.arrange(rows), columns)

    def program_id(self, program: str) -> str:
        """The id of the program ``program`` names: its id, Chinese name, an alias or its English name.

        Raises
        ------
        NotFoundError, AmbiguousError
            If it names no program, or several.
        """
        return resolve_program(self.networkx(), program)

    def region_id(self, region: str) -> str:
        """The id of the region ``region`` names: its id, its name or a unique prefix of it.

        Raises
        ------
        NotFoundError, AmbiguousError
            If it names no region, or several (a township name several counties hold).
        """
        return resolve_region(self.networkx(), region)

    def shared(self, program: str, planned: bool = False) -> Rows:
        """The regions that implement ``program`` (with ``planned``, only plan it), with year and evidence.

        The rows of ``kg shared PROGRAM --format json``: ``region``, ``level``,
        ``adcode``, ``ambiguous``, ``year``, ``report``, ``evidence``. Reports
        that name no region are :meth:`reports_without_region`.

        Raises
        ------
        NotFoundError, AmbiguousError
            If ``program`` names no program, or several.
        """
        pid = self.program_id(program)
        return self.named("regions_planning_program" if planned else "regions_sharing_program", program=pid)

    def reports_without_region(self, program: str, planned: bool = False) -> Rows:
        """The reports that name no region yet implement ``program`` (with ``planned``, plan it).

        Raises
        ------
        NotFoundError, AmbiguousError
            If ``program`` names no program, or several.
        """
        rows = self.named("reports_without_region_for_program", program=self.program_id(program))
        status = "planned" if planned else "implemented"
        return Rows([r for r in rows if r["status"] == status], rows.columns)

    def similar(self, region: str, k: int = 10, weight: str = "jaccard", status: str = "implemented") -> Rows:
        """The ``k`` regions that run the most programs in common with ``region``, best first.

        The rows of ``kg similar REGION --format json``: ``region`` (id),
        ``name``, ``province``, ``level``, ``score``, ``n_shared`` and
        ``programs`` (the shared programs' names). ``weight`` and ``status``
        are those of :func:`govkg.kg.analysis.similar_regions`.

        Raises
        ------
        NotFoundError, AmbiguousError
            If ``region`` names no region, or several.
        ValueError
            For an unknown ``weight`` or ``status``, or ``k`` < 1.
        """
        from govkg.kg.analysis import similar_regions

        rows = similar_regions(self.networkx(), region, k=k, weight=weight, status=status)  # type: ignore[arg-type]
        return Rows(({c: row["shared_names"] if c == "programs" else row[c] for c in SIMILAR_COLUMNS} for row in rows),
                    SIMILAR_COLUMNS)

    def network(self, weight: str = "jaccard", status: str = "implemented", top_k: int | None = 5,
                min_weight: float | None = None) -> nx.Graph:
        """The shared-initiative network: regions linked by the programs they share.

        The options, and their defaults, are those of ``kg viz`` and ``kg
        export --network regions``; ``top_k`` 0 or ``None`` keeps every link.
        See :func:`govkg.kg.analysis.project_regions` for what nodes and
        edges carry; :func:`govkg.kg.analysis.communities` colours it.

        Raises
        ------
        ValueError
            For an unknown ``weight`` or ``status``.
        """
        from govkg.kg.analysis import project_regions

        return project_regions(self.networkx(), weight=weight, status=status, top_k=top_k or None,  # type: ignore[arg-type]
                               min_weight=min_weight)

    def facts(self, kind: str) -> Rows:
        """The per-report facts of one ``kind`` (:func:`fact_kinds`), one row per fact, as the build read them.

        Each row has the report's ``report`` (id), ``file``, ``year`` and
        ``report_region`` (its region's name), the fact's own fields (those of
        its record in :mod:`govkg.ingest.records`), and its evidence:
        ``sentence``, ``start`` and ``end`` (the mention's offsets in the
        report's text). The rows come from the build's Parquet facts (see
        :mod:`govkg.ingest.tables`; ``kg export --format parquet`` writes them
        as files), one partition at a time.

        Raises
        ------
        ValueError
            For an unknown ``kind``.
        FactsNotRecorded
            If the folder holds no facts (built by an older govkg).
        """
        from govkg.ingest.records import facts_to_dict
        from govkg.ingest.tables import FACTS_DIR, iter_entries

        records = _fact_records()
        if kind not in records:
            raise ValueError(f"kind must be one of {list(records)}, not {kind!r}")
        own = [f.name for f in fields(records[kind]) if f.name != "evidence"]
        folder = current_build(self.path) / FACTS_DIR
        if not folder.is_dir():
            raise FactsNotRecorded(self.path)
        rows = []
        for entry in iter_entries(folder):
            facts = facts_to_dict(entry.facts)
            region = (facts.get("region") or {}).get("name")
            for item in facts.get(kind) or []:
                ev = item["evidence"]
                rows.append({"report": facts["id"], "file": facts["file"], "year": facts["year"], "report_region": region,
                             **{k: item.get(k) for k in own}, "sentence": ev["sentence"], "start": ev["start"],
                             "end": ev["end"]})
        return Rows(rows, ["report", "file", "year", "report_region", *own, "sentence", "start", "end"])
