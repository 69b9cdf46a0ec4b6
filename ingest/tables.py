"""Per-report facts as Arrow tables, kept as Parquet partitions.

Each report's :class:`~govkg.ingest.records.ReportFacts` and candidate
mentions become rows of eight tables (:data:`FACT_KINDS`), the same tables
whether they are the build's facts cache, the input of graph assembly or the
files researchers load into pandas, polars, DuckDB, R or Stata:

- ``reports``: one row per report: ``report`` (its id), ``key`` (its
  facts-cache key), the report's own fields (``file``, ``title``, ``year``,
  ``sha256``, ``source``) and its issuer flattened (``issuer.name``,
  ``issuer.kind``, ``issuer.region.name`` … ``issuer.evidence.end``);
- ``places``: one row per report that has a region: ``report`` and the
  :class:`~govkg.ingest.records.RegionRef`'s fields;
- ``agencies``, ``programs``, ``honors``, ``people``, ``citations`` (the
  report's ``policies``): one row per fact: ``report``, ``index`` (its place
  in the report's list) and the fact's fields;
- ``candidates``: one row per :class:`~govkg.ingest.candidates.CandidateRow`,
  with ``index``.

The columns are compiled from the records' field types, read once (as
:mod:`govkg.ingest.codec` does), so a field added to a record becomes a
column with no more code. A record's own fields come first, in field order,
then each nested record's columns, named with dots (``evidence.sentence``,
``recipient_region.adcode``). Types: ``str`` is string, ``int`` int64,
``bool`` bool, ``X | None`` a nullable column (other columns are declared
not null), ``tuple[X, ...]`` and ``list[X]`` list<X>, and a tuple of fixed
shape a struct whose fields the record names in the field's metadata
(``RegionRef.parents``: list<struct<name, level, adcode>>). Evidence keeps
its sentence and offsets: a reader of the tables has no report text.

A nested record that is ``None`` (an agency with no region, a report with no
issuer) is written as nulls in all its columns, and read back as ``None``
exactly when all its columns are null. Every nested record has a field that
is never ``None``, so a record that is there always has a non-null column
(a test checks this for every record type).

:func:`from_tables` is the exact inverse of :func:`to_tables`: tuples come
back as tuples, ``None`` as ``None`` and ``""`` as ``""``. A partition
(:func:`write_partition`) is one Parquet file per kind,
``<kind>/part-00000.parquet``, with one row group, zstd, and no timestamp,
so the same entries give the same bytes.

Examples
--------
>>> from govkg.ingest.records import Evidence, ProgramFact, RegionRef, ReportFacts
>>> ev = Evidence("report:1", "郏县推进述法。", 2, 4)
>>> facts = ReportFacts("report:1", "a.txt", "郏县报告", 2023, RegionRef("郏县", "county", "410425"), None,
...                     programs=[ProgramFact("shufa", "implemented", ev, "述法")])
>>> entry = ReportEntry("k1", facts, [])
>>> tables = to_tables([entry])
>>> tables["programs"].column_names
['report', 'index', 'program', 'status', 'surface', 'evidence.report', 'evidence.sentence', 'evidence.start', 'evidence.end']
>>> tables["programs"].to_pylist()[0]["evidence.sentence"]
'郏县推进述法。'
>>> tables["reports"]["issuer.name"].to_pylist(), tables["places"]["adcode"].to_pylist()
([None], ['410425'])
>>> from_tables(tables) == [entry]
True
"""
from __future__ import annotations

import gc
import os
import re
import typing
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import partial
from itertools import starmap
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from govkg.ingest.candidates import CandidateRow
from govkg.ingest.codec import field_types, is_record, item_of, optional_of
from govkg.ingest.records import ReportFacts

__all__ = ["FACTS_DIR", "FACT_KINDS", "ReportEntry", "to_tables", "from_tables", "table_schema", "write_partition",
           "read_partition", "partitions", "key_index", "iter_entries", "drop_reports", "export_parquet"]

#: The folder of the facts tables inside a graph version.
FACTS_DIR = "facts"

#: The tables, in the order they are written and exported.
FACT_KINDS: tuple[str, ...] = ("reports", "places", "agencies", "programs", "honors", "people", "citations", "candidates")

#: The fields of ReportFacts with a table of their own, and its name. Every other
#: field is a column of ``reports`` (a nested record flattened); a new list of facts
#: needs a line here and its name in FACT_KINDS (an import-time check says so).
_OWN_TABLES = {"region": "places", "agencies": "agencies", "programs": "programs", "honors": "honors",
               "policies": "citations", "people": "people"}

_SCALARS = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64()}

#: How every partition and export file is written: fixed, so equal tables give equal bytes.
_PARQUET = {"compression": "zstd", "compression_level": 3, "use_dictionary": True, "write_statistics": True}

_PART = re.compile(r"part-(\d+)\.parquet")


@dataclass
class ReportEntry:
    """One report's cached facts."""

    #: The facts-cache key (:func:`govkg.ingest.cache.cache_key`).
    key: str
    facts: ReportFacts
    candidates: list[CandidateRow]


# -- column types -------------------------------------------------------------------------------

def _plain(a: pa.Array) -> list:
    return a.to_pylist()


def _lists(a: pa.Array, item: Callable[[pa.Array], list], as_tuple: bool) -> list:
    """The values of a list array, converted column-wise: one ``to_pylist`` for all the items."""
    offsets = a.offsets.to_pylist()  # into a.values, even for a slice
    first = offsets[0]
    flat = item(a.values.slice(first, offsets[-1] - first))
    if first:
        offsets = [o - first for o in offsets]
    if as_tuple:
        out = [tuple(flat[i:j]) for i, j in zip(offsets, offsets[1:])]
    else:
        out = [flat[i:j] for i, j in zip(offsets, offsets[1:])]
    if a.null_count:
        out = [v if ok else None for v, ok in zip(out, a.is_valid().to_pylist())]
    return out


def _structs(a: pa.Array, items: list[Callable[[pa.Array], list]]) -> list:
    """A struct array as tuples, one column at a time."""
    out = list(zip(*(decode(child) for decode, child in zip(items, a.flatten()))))
    if a.null_count:
        out = [v if ok else None for v, ok in zip(out, a.is_valid().to_pylist())]
    return out


def _value_type(t: Any, names: tuple[str, ...] | None, where: str) -> tuple[pa.DataType, bool, Callable[[pa.Array], list]]:
    """The Arrow type of values of type ``t``, whether they may be null, and the decoder of their column."""
    inner = optional_of(t)
    nullable = inner is not None
    t = inner if nullable else t
    if t in _SCALARS:
        return _SCALARS[t], nullable, _plain
    item = item_of(t)
    if item is not None:
        item_type, item_nullable, item_decode = _value_type(item, names, where)
        as_tuple = typing.get_origin(t) is tuple
        # "element", as Parquet names a list's items: a table read back has the schema it was written with.
        return pa.list_(pa.field("element", item_type, item_nullable)), nullable, partial(_lists, item=item_decode, as_tuple=as_tuple)
    if typing.get_origin(t) is tuple:  # of fixed shape: a struct
        args = typing.get_args(t)
        if names is None or len(names) != len(args):
            raise TypeError(f"{where}: a tuple of fixed shape needs its places named, "
                            f"in the field's metadata {{'names': (...)}} ({len(args)} names)")
        parts = [_value_type(a, None, f"{where}.{n}") for n, a in zip(names, args)]
        struct = pa.struct([pa.field(n, ty, null) for n, (ty, null, _) in zip(names, parts)])
        return struct, nullable, partial(_structs, items=[decode for _, _, decode in parts])
    raise TypeError(f"{where}: no column type for {t!r} (str, int, bool, float, X | None, tuples and lists of them)")


# -- the layout of one table, compiled ---------------------------------------------------------

@dataclass
class _Record:
    """Where a record's fields sit among a table's columns."""

    cls: type
    optional: bool
    #: For each field in field order: ("column", i), ("outer", i) (a column given
    #: outside the record, like ``report``), ("record", _Record) or ("absent", None).
    slots: list[tuple[str, Any]]
    #: The record's columns, its nested records' included: first and one past the last.
    start: int = 0
    stop: int = 0


class _Layout:
    """The schema of one table and its row encoder and decoder, compiled from a record class.

    A row is the ``outer`` columns (``report``, then ``index`` or ``key``), then
    the record's columns. ``rename`` maps a field to the outer column that holds
    it; ``absent`` fields are not in the table (they are read back as ``None``).
    """

    def __init__(self, cls: type, outer: list[pa.Field], rename: dict[str, int] | None = None,
                 absent: frozenset[str] = frozenset()) -> None:
        self.outer = outer
        self.fields: list[pa.Field] = list(outer)
        self.decoders: list[Callable[[pa.Array], list]] = [_plain] * len(outer)
        self.root = self._flatten(cls, "", False, rename or {}, absent)
        self.schema = pa.schema(self.fields)
        self.required = [f.name for f in self.fields if not f.nullable]
        self.encode = self._compile_encoder()
        self.decode_row = self._compile_decoder()

    def _flatten(self, cls: type, prefix: str, nullable: bool, rename: dict[str, int], absent: frozenset[str]) -> _Record:
        """The columns of ``cls`` named ``prefix`` + field; ``nullable``: inside a record that may be None."""
        hints = field_types(cls)
        node = _Record(cls, False, [])
        nested: list[tuple[int, str, Any, bool]] = []
        node.start = len(self.fields)
        for f in fields(cls):
            t = hints[f.name]
            inner = optional_of(t)
            if f.name in absent:
                node.slots.append(("absent", None))
            elif f.name in rename:
                node.slots.append(("outer", rename[f.name]))
            elif is_record(inner if inner is not None else t):
                node.slots.append(("record", None))
                nested.append((len(node.slots) - 1, f.name, inner if inner is not None else t, inner is not None))
            else:
                where = f"{cls.__name__}.{f.name}"
                arrow, field_nullable, decode = _value_type(t, f.metadata.get("names"), where)
                node.slots.append(("column", len(self.fields)))
                # Inside a record that may be None every column may be null.
                self.fields.append(pa.field(prefix + f.name, arrow, nullable or field_nullable))
                self.decoders.append(decode)
        for slot, name, child_cls, child_optional in nested:
            child = self._flatten(child_cls, f"{prefix}{name}.", nullable or child_optional, {}, frozenset())
            child.optional = child_optional
            node.slots[slot] = ("record", child)
        node.stop = len(self.fields)
        return node

    def _compile_encoder(self) -> Callable[..., tuple]:
        lines: list[str] = []
        names: dict[str, Any] = {}
        counter = iter(range(1_000_000))

        def emit(node: _Record, var: str, pad: str) -> str:
            parts: list[str] = []
            for f, (how, _) in zip(fields(node.cls), node.slots):
                if how == "column":
                    parts.append(f"{var}.{f.name}")
            for f, (how, child) in zip(fields(node.cls), node.slots):
                if how != "record":
                    continue
                n = next(counter)
                value, cols = f"v{n}", f"t{n}"
                lines.append(f"{pad}{value} = {var}.{f.name}")
                if child.optional:
                    lines.append(f"{pad}if {value} is None:")
                    lines.append(f"{pad}    {cols} = {(None,) * (child.stop - child.start)!r}")
                    lines.append(f"{pad}else:")
                    expr = emit(child, value, pad + "    ")
                    lines.append(f"{pad}    {cols} = {expr}")
                else:
                    expr = emit(child, value, pad)
                    lines.append(f"{pad}{cols} = {expr}")
                parts.append(f"*{cols}")
            return f"({', '.join(parts)},)" if parts else "()"

        args = [f"o{i}" for i in range(len(self.outer))]
        expr = emit(self.root, "o", "    ")
        source = [f"def encode({', '.join(args)}, o):", *lines, f"    return ({', '.join(args)}, *{expr})"]
        exec(compile("\n".join(source), f"<tables encoder {self.root.cls.__name__}>", "exec"), names)  # noqa: S102 - our own source
        return names["encode"]

    def _compile_decoder(self) -> Callable[..., tuple]:
        names: dict[str, Any] = {}

        def build(node: _Record) -> str:
            cls_name = f"_cls{len(names)}"  # not by name: two modules may each have a RegionRef
            names[cls_name] = node.cls
            args = []
            for how, where in node.slots:
                if how in ("column", "outer"):
                    args.append(f"c{where}")
                elif how == "absent":
                    args.append("None")
                else:
                    expr = build(where)
                    if where.optional:
                        nulls = " and ".join(f"c{i} is None" for i in range(where.start, where.stop))
                        expr = f"(None if {nulls} else {expr})"
                    args.append(expr)
            return f"{cls_name}({', '.join(args)})"

        cols = [f"c{i}" for i in range(len(self.fields))]
        outer = [f"c{i}" for i in range(len(self.outer))]
        source = f"def decode({', '.join(cols)}):\n    return ({', '.join(outer)}, {build(self.root)})"
        exec(compile(source, f"<tables decoder {self.root.cls.__name__}>", "exec"), names)  # noqa: S102 - our own source
        return names["decode"]

    def table(self, rows: list[tuple]) -> pa.Table:
        """The table of ``rows`` (tuples from :meth:`encode`), checked for nulls where none may be."""
        columns = list(zip(*rows)) if rows else [()] * len(self.fields)
        table = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, self.fields)], schema=self.schema)
        for name in self.required:
            if table.column(name).null_count:
                raise ValueError(f"column {name!r} holds None, which its field's type does not allow")
        return table

    def rows(self, table: pa.Table, kind: str) -> list[tuple]:
        """The decoded rows of ``table``: the outer columns and the record, in table order."""
        if not table.schema.equals(self.schema):
            raise ValueError(f"the {kind} table has not the columns this version writes; "
                             f"expected {self.schema.names}, got {table.schema.names}")
        columns = [decode(table.column(i).combine_chunks()) for i, decode in enumerate(self.decoders)]
        return list(starmap(self.decode_row, zip(*columns)))


_REPORT = pa.field("report", pa.string(), nullable=False)
_INDEX = pa.field("index", pa.int64(), nullable=False)
_KEY = pa.field("key", pa.string(), nullable=False)


def _own_tables() -> list[tuple[str, str, bool, type]]:
    """``(field, kind, many, record class)`` of each field of ReportFacts with a table of its own."""
    hints = field_types(ReportFacts)
    out = []
    for f in fields(ReportFacts):
        t = hints[f.name]
        item = item_of(t)
        if item is not None and is_record(item) and f.name not in _OWN_TABLES:
            raise TypeError(f"ReportFacts.{f.name} is a list of facts: name its table in _OWN_TABLES and FACT_KINDS")
        if f.name in _OWN_TABLES:
            many = item is not None
            cls = item if many else optional_of(t) or t
            if not is_record(cls):
                raise TypeError(f"ReportFacts.{f.name}: a table holds records, not {t!r}")
            out.append((f.name, _OWN_TABLES[f.name], many, cls))
    kinds = {"reports", "candidates", *(kind for _, kind, _, _ in out)}
    if kinds != set(FACT_KINDS) or len(FACT_KINDS) != len(kinds):
        raise TypeError(f"FACT_KINDS {FACT_KINDS} does not list the tables {sorted(kinds)}")
    return out


_OWN = _own_tables()
_LAYOUTS: dict[str, _Layout] = {
    "reports": _Layout(ReportFacts, [_REPORT, _KEY], rename={"id": 0}, absent=frozenset(_OWN_TABLES)),
    **{kind: _Layout(cls, [_REPORT, _INDEX] if many else [_REPORT]) for _, kind, many, cls in _OWN},
    "candidates": _Layout(CandidateRow, [_REPORT, _INDEX], rename={"report": 0}),
}


def table_schema(kind: str) -> pa.Schema:
    """The schema of the table ``kind`` (one of :data:`FACT_KINDS`).

    >>> table_schema("places").names
    ['report', 'name', 'level', 'adcode', 'parents', 'candidates', 'scope']
    >>> str(table_schema("places").field("parents").type)
    'list<element: struct<name: string not null, level: string not null, adcode: string> not null>'

    Raises
    ------
    KeyError
        If ``kind`` is not one of :data:`FACT_KINDS`.
    """
    return _LAYOUTS[kind].schema


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while records are made or taken apart by the hundred thousand.

    Each pass of the collector walks every object alive, and a conversion
    allocates enough tuples to start many passes: they took more than half the
    time (2,000 reports: 0.6 s of 0.8 to tables, 0.8 of 1.4 back). The records
    hold no cycles; the collector's state is restored after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- tables ------------------------------------------------------------------------------------

def to_tables(entries: Sequence[ReportEntry]) -> dict[str, pa.Table]:
    """Every kind's table (:data:`FACT_KINDS`) of ``entries``, in their order; empty tables too.

    Raises
    ------
    ValueError
        If two entries have one report id, a candidate row names another report
        than its entry's, or a field holds ``None`` where its type does not allow it.
    """
    with _gc_paused():
        return _to_tables(entries)


def _to_tables(entries: Sequence[ReportEntry]) -> dict[str, pa.Table]:
    rows: dict[str, list[tuple]] = {kind: [] for kind in FACT_KINDS}
    encoders = {kind: layout.encode for kind, layout in _LAYOUTS.items()}
    seen: set[str] = set()
    for e in entries:
        facts, report = e.facts, e.facts.id
        if report in seen:
            raise ValueError(f"two entries for the report {report!r}")
        seen.add(report)
        rows["reports"].append(encoders["reports"](report, e.key, facts))
        for name, kind, many, _ in _OWN:
            value, encode = getattr(facts, name), encoders[kind]
            if many:
                rows[kind] += [encode(report, i, x) for i, x in enumerate(value)]
            elif value is not None:
                rows[kind].append(encode(report, value))
        if any(c.report != report for c in e.candidates):
            raise ValueError(f"a candidate row of {report!r} names another report")
        encode = encoders["candidates"]
        rows["candidates"] += [encode(report, i, c) for i, c in enumerate(e.candidates)]
    return {kind: _LAYOUTS[kind].table(rows[kind]) for kind in FACT_KINDS}


def _grouped(rows: list[tuple], kind: str) -> dict[str, list]:
    """``(report, index, fact)`` rows as each report's list of facts, by index."""
    groups: dict[str, list[tuple[int, Any]]] = {}
    for report, index, value in rows:
        groups.setdefault(report, []).append((index, value))
    out = {}
    for report, items in groups.items():
        if any(i != n for n, (i, _) in enumerate(items)):
            items.sort(key=lambda item: item[0])
            if any(i != n for n, (i, _) in enumerate(items)):
                raise ValueError(f"the {kind} of {report!r} have the indices {[i for i, _ in items]}, not 0 to {len(items) - 1}")
        out[report] = [v for _, v in items]
    return out


def from_tables(tables: dict[str, pa.Table]) -> list[ReportEntry]:
    """The entries that :func:`to_tables` made ``tables`` from, in the order of the ``reports`` table.

    Raises
    ------
    KeyError
        If a kind of :data:`FACT_KINDS` has no table.
    ValueError
        If a table has other columns than this version writes, names a report
        the ``reports`` table does not hold, or a report's indices are not 0, 1, 2 …
    """
    with _gc_paused():
        return _from_tables(tables)


def _from_tables(tables: dict[str, pa.Table]) -> list[ReportEntry]:
    entries: list[ReportEntry] = []
    by_id: dict[str, ReportEntry] = {}
    for report, key, facts in _LAYOUTS["reports"].rows(tables["reports"], "reports"):
        if report in by_id:
            raise ValueError(f"the reports table holds {report!r} twice")
        by_id[report] = ReportEntry(key, facts, [])
        entries.append(by_id[report])
    for name, kind, many, _ in _OWN:
        rows = _LAYOUTS[kind].rows(tables[kind], kind)
        values = _grouped(rows, kind) if many else dict(rows)
        if len(values) != len(rows) and not many:
            raise ValueError(f"the {kind} table holds a report twice")
        for report, value in values.items():
            if report not in by_id:
                raise ValueError(f"the {kind} table names {report!r}, which the reports table does not hold")
            setattr(by_id[report].facts, name, value)
        if many:  # lists no row filled are each report's own empty list
            for e in entries:
                if e.facts.id not in values:
                    setattr(e.facts, name, [])
    for report, rows in _grouped(_LAYOUTS["candidates"].rows(tables["candidates"], "candidates"), "candidates").items():
        if report not in by_id:
            raise ValueError(f"the candidates table names {report!r}, which the reports table does not hold")
        by_id[report].candidates = rows
    return entries


# -- partitions --------------------------------------------------------------------------------

def _path(folder: str | Path, kind: str, part: int) -> Path:
    if part < 0:
        raise ValueError(f"partition numbers start at 0, not {part}")
    return Path(folder) / kind / f"part-{part:05d}.parquet"


def _write(table: pa.Table, path: Path) -> None:
    """``table`` as one row group at ``path``, whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table.combine_chunks(), tmp, row_group_size=max(1, table.num_rows), **_PARQUET)
    os.replace(tmp, path)


def _write_tables(folder: str | Path, part: int, tables: dict[str, pa.Table]) -> None:
    # reports last: a partition whose reports file is there is whole (partitions() lists it).
    for kind in (*FACT_KINDS[1:], FACT_KINDS[0]):
        _write(tables[kind], _path(folder, kind, part))


def write_partition(folder: str | Path, part: int, entries: Sequence[ReportEntry]) -> None:
    """Write ``entries`` as ``folder/<kind>/part-{part:05d}.parquet``, every kind, empty ones too.

    Each file is written whole or not at all, the ``reports`` file last, so a
    partition whose ``reports`` file is there is complete. An existing
    partition ``part`` is replaced.

    >>> import tempfile
    >>> from govkg.ingest.records import ReportFacts
    >>> folder = tempfile.mkdtemp()
    >>> write_partition(folder, 3, [ReportEntry("k1", ReportFacts("report:1", "a.txt", "报告", 2023, None, None), [])])
    >>> partitions(folder), key_index(folder)
    ([3], {'k1': (3, 'report:1')})
    >>> [e.facts.title for e in read_partition(folder, 3)]
    ['报告']
    """
    _write_tables(folder, part, to_tables(entries))


def _read(folder: str | Path, kind: str, part: int, filters: list | None = None) -> pa.Table:
    # One thread: a partition's files are small, and starting threads for their columns
    # took longer than reading them (20 partitions of 100 reports: 0.25 s alone, 0.55 s threaded).
    return pq.read_table(_path(folder, kind, part), filters=filters, use_threads=False)


def read_partition(folder: str | Path, part: int, reports: set[str] | None = None) -> list[ReportEntry]:
    """The entries of partition ``part``, in the order written; only those of the report ids ``reports`` if given.

    Raises
    ------
    FileNotFoundError
        If a file of the partition is missing.
    ValueError
        If the files were written with other columns (by another version).
    """
    if reports is not None and not reports:
        return []
    filters = None if reports is None else [("report", "in", sorted(reports))]
    return from_tables({kind: _read(folder, kind, part, filters) for kind in FACT_KINDS})


def partitions(folder: str | Path) -> list[int]:
    """The numbers of the partitions in ``folder`` (those with a ``reports`` file), sorted."""
    d = Path(folder) / FACT_KINDS[0]
    if not d.is_dir():
        return []
    return sorted(int(m.group(1)) for p in d.iterdir() if (m := _PART.fullmatch(p.name)))


def key_index(folder: str | Path) -> dict[str, tuple[int, str]]:
    """``(part, report id)`` of each facts-cache key in ``folder``, reading only those two columns.

    A key found in two partitions is given its first.
    """
    out: dict[str, tuple[int, str]] = {}
    for part in partitions(folder):
        t = pq.read_table(_path(folder, "reports", part), columns=["key", "report"], use_threads=False)
        for key, report in zip(t.column("key").to_pylist(), t.column("report").to_pylist()):
            out.setdefault(key, (part, report))
    return out


def iter_entries(folder: str | Path) -> Iterator[ReportEntry]:
    """Every entry in ``folder``, partition by partition, one partition in memory at a time.

    >>> import tempfile
    >>> from govkg.ingest.records import ReportFacts
    >>> folder = tempfile.mkdtemp()
    >>> for part, rid in enumerate(["report:a", "report:b"]):
    ...     write_partition(folder, part, [ReportEntry("k" + rid, ReportFacts(rid, "a.txt", "报告", None, None, None), [])])
    >>> [e.facts.id for e in iter_entries(folder)]
    ['report:a', 'report:b']
    """
    for part in partitions(folder):
        yield from read_partition(folder, part)


def drop_reports(folder: str | Path, part: int, reports: set[str]) -> None:
    """Rewrite partition ``part`` without the report ids ``reports``.

    The files are then byte for byte those :func:`write_partition` writes for
    the other entries. A partition that holds none of them is left as it is.

    >>> import tempfile
    >>> from govkg.ingest.records import ReportFacts
    >>> folder = tempfile.mkdtemp()
    >>> write_partition(folder, 0, [ReportEntry("k" + r, ReportFacts(r, "a.txt", "报告", None, None, None), []) for r in "abc"])
    >>> drop_reports(folder, 0, {"b"})
    >>> [e.facts.id for e in read_partition(folder, 0)], key_index(folder)
    (['a', 'c'], {'ka': (0, 'a'), 'kc': (0, 'c')})
    """
    if not reports:
        return
    tables = {kind: _read(folder, kind, part) for kind in FACT_KINDS}
    for kind, table in tables.items():
        if not table.schema.equals(_LAYOUTS[kind].schema):
            raise ValueError(f"the {kind} table of part {part} has not the columns this version writes")
    drop = pa.array(sorted(reports), pa.string())
    if not pc.any(pc.is_in(tables["reports"].column("report"), value_set=drop)).as_py():
        return
    _write_tables(folder, part, {kind: t.filter(pc.invert(pc.is_in(t.column("report"), value_set=drop)))
                                 for kind, t in tables.items()})


def export_parquet(folder: str | Path, out_dir: str | Path) -> list[Path]:
    """One ``out_dir/<kind>.parquet`` per kind: every partition in order, one row group each.

    Streamed: one partition's table of one kind is in memory at a time.

    >>> import tempfile
    >>> from govkg.ingest.records import ReportFacts
    >>> folder, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> for part, rid in enumerate(["report:a", "report:b"]):
    ...     write_partition(folder, part, [ReportEntry("k" + rid, ReportFacts(rid, "a.txt", "报告", None, None, None), [])])
    >>> paths = export_parquet(folder, out)
    >>> [p.name for p in paths][:3]
    ['reports.parquet', 'places.parquet', 'agencies.parquet']
    >>> t = pq.read_table(paths[0])
    >>> t["report"].to_pylist(), pq.ParquetFile(paths[0]).metadata.num_row_groups
    (['report:a', 'report:b'], 2)

    Raises
    ------
    ValueError
        If a partition was written with other columns (by another version).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = partitions(folder)
    written = []
    for kind in FACT_KINDS:
        schema, target = _LAYOUTS[kind].schema, out_dir / f"{kind}.parquet"
        tmp = target.with_name(target.name + ".tmp")
        with pq.ParquetWriter(tmp, schema, **_PARQUET) as writer:
            for part in parts:
                table = _read(folder, kind, part)
                if not table.schema.equals(schema):
                    raise ValueError(f"the {kind} table of part {part} has not the columns this version writes")
                writer.write_table(table.combine_chunks(), row_group_size=max(1, table.num_rows))
        os.replace(tmp, target)
        written.append(target)
    return written
