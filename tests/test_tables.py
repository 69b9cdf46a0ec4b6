"""Facts as Arrow tables and Parquet partitions: exact round trips, fixed bytes, partitions, exports."""
import dataclasses
import os
import pickle
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from govkg.ingest.candidates import CandidateRow
from govkg.ingest.codec import field_types, is_record, item_of, optional_of
from govkg.ingest.pipeline import extract_reports, read_reports
from govkg.ingest.records import (
    AgencyFact,
    Evidence,
    HonorFact,
    PersonFact,
    PolicyFact,
    ProgramFact,
    RegionRef,
    ReportFacts,
)
from govkg.ingest.tables import (
    FACT_KINDS,
    FACTS_DIR,
    ReportEntry,
    drop_reports,
    export_parquet,
    from_tables,
    iter_entries,
    key_index,
    partitions,
    read_partition,
    table_schema,
    to_tables,
    write_partition,
)


def _entries(paths) -> list[ReportEntry]:
    read = read_reports(paths)
    out = extract_reports(read.documents)
    assert not out.errors and len(out.facts) == len(read.documents)
    return [ReportEntry(out.keys[f.id], f, out.candidates[f.id]) for f in out.facts]


@pytest.fixture(scope="module")
def seed_entries(seeds_dir) -> list[ReportEntry]:
    return _entries([seeds_dir])


@pytest.fixture(scope="module")
def real_entries(seed_entries) -> list[ReportEntry]:
    """The seeds and every report of tests/data, as the pipeline extracts them."""
    return seed_entries + _entries([ROOT / "tests" / "data"])


def _ev(report: str, start: int = 0) -> Evidence:
    return Evidence(report, "郏县司法局推进述法。", start, start + 5)


def _edge_entries() -> list[ReportEntry]:
    """Hand-made reports with every shape a field can take."""
    county = RegionRef("郏县", "county", "410425", (("河南省", "province", "410000"), ("平顶山市", "city", "410400")))
    village = RegionRef("南道村", "village", None, (("河南省", "province", "410000"), ("某镇", "township", None)))
    ambiguous = RegionRef("城关镇", "township", None, (("甘肃省", "province", "620000"),), ("620102", "621102"), "report:amb")
    ev = _ev("report:amb")
    issuer = AgencyFact("城关镇人民政府", "people_government", ambiguous, ev)
    honors = [
        HonorFact("demo_village", "全国民主法治示范村", "national", "南道村", "Region", ev, village),
        HonorFact("enforcement_demo", "市级行政执法责任制示范点", "city", "郏县市场监管局", "Agency", ev, county, "market_regulation"),
        HonorFact("advanced_person", "先进个人", None, "张三", "Person", ev),
        HonorFact("unranked", "优秀", "", "李四", "Person", ev, None, ""),
    ]
    ambiguous_report = ReportFacts(
        "report:amb", "城关镇.txt", "城关镇报告", 2022, ambiguous, issuer,
        agencies=[issuer, AgencyFact("司法所", "justice_office", None, _ev("report:amb", 7))],
        programs=[ProgramFact("shufa", "planned", ev), ProgramFact("shufa", "implemented", ev, "述法")],
        honors=honors, policies=[PolicyFact("条例", ev)], people=[PersonFact("张三", "", ev)],
        sha256="ab" * 32, source="https://example.org/r.html")
    candidates = [
        CandidateRow("report:amb", "城关镇.txt", "region:620000/城关镇@amb", "城关镇", 2022, "小月说法", "quoted", "创新“小月说法”。", 3, 7),
        CandidateRow("report:amb", "城关镇.txt", None, None, None, "六帮六助", "patterned", "", 0, 4),
    ]
    no_region = ReportFacts("report:none", "none.txt", "", None, None, AgencyFact("司法局", "justice_bureau", None, _ev("report:none")),
                            programs=[ProgramFact("shufa", "implemented", _ev("report:none"))])
    empty = ReportFacts("report:empty", "empty.txt", "空报告", None, None, None)
    return [ReportEntry("k-amb", ambiguous_report, candidates), ReportEntry("k-none", no_region, []),
            ReportEntry("k-empty", empty, []), ReportEntry("k-county", ReportFacts("report:c", "c.txt", "报告", 2023, county, None), [])]


def _file_bytes(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- round trips -------------------------------------------------------------------------------

def test_real_facts_read_back_exactly(real_entries):
    assert sum(len(e.facts.programs) for e in real_entries) > 1000 and any(e.candidates for e in real_entries)
    assert from_tables(to_tables(real_entries)) == real_entries


def test_every_shape_of_field_reads_back_exactly():
    entries = _edge_entries()
    back = from_tables(to_tables(entries))
    assert back == entries
    amb = back[0].facts
    # tuples stay tuples, "" stays "" and None stays None (== alone would not tell a tuple from a list)
    assert type(amb.region.parents) is tuple and type(amb.region.parents[0]) is tuple and type(amb.region.candidates) is tuple
    assert (amb.region.candidates, amb.region.scope) == (("620102", "621102"), "report:amb")
    assert [(h.level, h.recipient_region, h.recipient_agency_kind) for h in amb.honors[2:]] == [(None, None, ""), ("", None, "")]
    assert type(amb.agencies) is list and amb.agencies[1].region is None
    assert back[1].facts.region is None and back[1].facts.issuer.region is None and back[1].facts.title == ""
    assert back[2].facts == ReportFacts("report:empty", "empty.txt", "空报告", None, None, None) and back[2].candidates == []
    assert back[0].candidates[1].region is None and back[0].candidates[1].year is None


def test_the_tables_have_the_documented_rows_and_columns():
    entries = _edge_entries()
    tables = to_tables(entries)
    assert list(tables) == list(FACT_KINDS)
    assert {k: t.num_rows for k, t in tables.items()} == {
        "reports": 4, "places": 2, "agencies": 2, "programs": 3, "honors": 4, "people": 1, "citations": 1, "candidates": 2}
    reports = tables["reports"].to_pylist()
    assert reports[0]["key"] == "k-amb" and reports[0]["issuer.region.candidates"] == ["620102", "621102"]
    assert reports[2]["issuer.name"] is None and reports[2]["issuer.evidence.start"] is None
    places = tables["places"].to_pylist()
    assert [p["report"] for p in places] == ["report:amb", "report:c"]
    assert places[1]["parents"] == [{"name": "河南省", "level": "province", "adcode": "410000"},
                                    {"name": "平顶山市", "level": "city", "adcode": "410400"}]
    honors = tables["honors"].to_pylist()
    assert [(h["index"], h["recipient_kind"], h["recipient_region.adcode"]) for h in honors] == [
        (0, "Region", None), (1, "Agency", "410425"), (2, "Person", None), (3, "Person", None)]
    assert honors[0]["recipient_region.name"] == "南道村" and honors[0]["evidence.sentence"] == "郏县司法局推进述法。"
    assert tables["candidates"].column_names[:3] == ["report", "index", "file"]


def _columns(cls, prefix="") -> list[str]:
    """Every column a record's fields make, walked from the field types alone."""
    hints = field_types(cls)
    cols = []
    for f in dataclasses.fields(cls):
        t = optional_of(hints[f.name]) or hints[f.name]
        cols += _columns(t, f"{prefix}{f.name}.") if is_record(t) else [prefix + f.name]
    return cols


def test_every_field_of_every_record_is_a_column():
    own = {"region": "places", "agencies": "agencies", "programs": "programs", "honors": "honors",
           "policies": "citations", "people": "people"}
    hints = field_types(ReportFacts)
    for name, kind in own.items():
        cls = item_of(hints[name]) or optional_of(hints[name])
        outer = ["report", "index"] if item_of(hints[name]) else ["report"]
        assert sorted(table_schema(kind).names) == sorted(outer + _columns(cls)), kind
    reports = [c for c in _columns(ReportFacts) if c.split(".")[0] not in own and c != "id"]
    assert sorted(table_schema("reports").names) == sorted(["report", "key"] + reports)
    assert sorted(table_schema("candidates").names) == sorted(["index"] + _columns(CandidateRow))


def _nested_records(cls, seen=None) -> set[type]:
    seen = set() if seen is None else seen
    for t in field_types(cls).values():
        inner = optional_of(t) or item_of(t) or t
        if is_record(inner) and inner not in seen:
            seen.add(inner)
            _nested_records(inner, seen)
    return seen


def test_every_nested_record_has_a_field_that_is_never_none():
    """The rule "a nested record is None exactly when all its columns are null" needs a column that is
    never null when the record is there: a field whose type is not optional."""
    records = _nested_records(ReportFacts)
    assert {RegionRef, AgencyFact, Evidence, HonorFact} <= records
    for cls in records:
        assert any(optional_of(t) is None for t in field_types(cls).values()), cls
    # ... and the schemas say so: a record that is always there has columns declared not null
    schema = table_schema("honors")
    assert not schema.field("evidence.sentence").nullable and schema.field("recipient_region.name").nullable


def test_types_follow_the_field_types():
    s = table_schema("agencies")
    assert s.field("report").type == pa.string() and not s.field("report").nullable
    assert s.field("evidence.start").type == pa.int64() and not s.field("evidence.start").nullable
    assert s.field("region.adcode").nullable and s.field("region.candidates").type == pa.list_(pa.field("element", pa.string(), False))
    parent = s.field("region.parents").type.value_type
    assert [(f.name, f.type, f.nullable) for f in parent] == [
        ("name", pa.string(), False), ("level", pa.string(), False), ("adcode", pa.string(), True)]
    assert table_schema("reports").field("year").type == pa.int64() and table_schema("reports").field("year").nullable


def test_empty_input_gives_every_table_with_its_schema(tmp_path):
    tables = to_tables([])
    assert all(tables[k].num_rows == 0 and tables[k].schema.equals(table_schema(k)) for k in FACT_KINDS)
    assert from_tables(tables) == []
    write_partition(tmp_path, 0, [])
    for kind in FACT_KINDS:
        assert pq.read_schema(tmp_path / kind / "part-00000.parquet").equals(table_schema(kind))
    assert read_partition(tmp_path, 0) == []


def test_bad_input_is_refused():
    entries = _edge_entries()
    with pytest.raises(ValueError, match="two entries"):
        to_tables([entries[0], entries[0]])
    stray = dataclasses.replace(entries[0].candidates[0], report="report:other")
    with pytest.raises(ValueError, match="another report"):
        to_tables([ReportEntry("k", entries[0].facts, [stray])])
    with pytest.raises(ValueError, match="'title' holds None"):
        to_tables([ReportEntry("k", ReportFacts("report:x", "x.txt", None, None, None, None), [])])
    tables = to_tables(entries)
    with pytest.raises(ValueError, match="columns this version writes"):
        from_tables({**tables, "programs": tables["programs"].drop_columns(["surface"])})
    with pytest.raises(ValueError, match="does not hold"):
        from_tables({**tables, "reports": tables["reports"].slice(1)})
    with pytest.raises(ValueError, match="indices"):
        from_tables({**tables, "programs": tables["programs"].slice(1)})


# -- files -------------------------------------------------------------------------------------

def test_the_same_entries_give_the_same_bytes_in_any_process(tmp_path, real_entries):
    entries = real_entries[:20] + _edge_entries()
    write_partition(tmp_path / "a", 7, entries)
    write_partition(tmp_path / "b", 7, entries)
    ours = _file_bytes(tmp_path / "a")
    assert ours == _file_bytes(tmp_path / "b") and len(ours) == len(FACT_KINDS)
    (tmp_path / "entries.pkl").write_bytes(pickle.dumps(entries))
    code = ("import pickle, sys; from govkg.ingest.tables import write_partition; "
            "write_partition(sys.argv[2], 7, pickle.load(open(sys.argv[1], 'rb')))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "entries.pkl"), str(tmp_path / "c")], check=True, env=env)
    assert _file_bytes(tmp_path / "c") == ours
    meta = pq.ParquetFile(tmp_path / "a" / "agencies" / "part-00007.parquet").metadata
    assert meta.num_row_groups == 1 and meta.row_group(0).column(0).compression == "ZSTD"
    assert meta.num_rows == sum(len(e.facts.agencies) for e in entries)


def test_a_partition_reads_back_whole_or_for_some_reports(tmp_path, real_entries):
    write_partition(tmp_path, 2, real_entries)
    assert read_partition(tmp_path, 2) == real_entries
    wanted = {e.facts.id for e in real_entries[::7]}
    assert read_partition(tmp_path, 2, wanted) == real_entries[::7]
    assert read_partition(tmp_path, 2, {"report:nowhere"}) == [] and read_partition(tmp_path, 2, set()) == []
    with pytest.raises(FileNotFoundError):
        read_partition(tmp_path, 3)


def test_partitions_key_index_and_iter_entries(tmp_path, real_entries):
    assert partitions(tmp_path) == [] and key_index(tmp_path) == {} and list(iter_entries(tmp_path)) == []
    chunks = {10: real_entries[:30], 2: real_entries[30:50], 5: real_entries[50:]}
    for part, entries in chunks.items():
        write_partition(tmp_path, part, entries)
    (tmp_path / "reports" / "part-00011.parquet.tmp").write_bytes(b"half")  # a write that never finished
    assert partitions(tmp_path) == [2, 5, 10]
    assert key_index(tmp_path) == {e.key: (part, e.facts.id) for part, es in chunks.items() for e in es}
    assert list(iter_entries(tmp_path)) == real_entries[30:50] + real_entries[50:] + real_entries[:30]


def test_dropped_reports_leave_the_bytes_of_never_written_ones(tmp_path, real_entries):
    entries = real_entries[:25] + _edge_entries()
    gone = {entries[3].facts.id, entries[10].facts.id, "report:amb"}
    write_partition(tmp_path / "dropped", 0, entries)
    drop_reports(tmp_path / "dropped", 0, gone)
    write_partition(tmp_path / "fresh", 0, [e for e in entries if e.facts.id not in gone])
    assert _file_bytes(tmp_path / "dropped") == _file_bytes(tmp_path / "fresh")
    before = _file_bytes(tmp_path / "dropped")
    drop_reports(tmp_path / "dropped", 0, {"report:nowhere"})
    assert _file_bytes(tmp_path / "dropped") == before
    drop_reports(tmp_path / "dropped", 0, {e.facts.id for e in entries})
    write_partition(tmp_path / "none", 0, [])
    assert _file_bytes(tmp_path / "dropped") == _file_bytes(tmp_path / "none")


def test_export_concatenates_the_partitions_one_row_group_each(tmp_path, real_entries):
    folder = tmp_path / FACTS_DIR
    chunks = [real_entries[:20], _edge_entries(), [], real_entries[20:]]
    for part, entries in enumerate(chunks):
        write_partition(folder, part, entries)
    paths = export_parquet(folder, tmp_path / "out")
    assert [p.name for p in paths] == [f"{k}.parquet" for k in FACT_KINDS]
    tables = {}
    for kind, path in zip(FACT_KINDS, paths):
        f = pq.ParquetFile(path)
        assert f.metadata.num_row_groups == len(chunks) and f.schema_arrow.equals(table_schema(kind))
        tables[kind] = f.read()
        parts = [pq.read_table(folder / kind / f"part-{i:05d}.parquet") for i in range(len(chunks))]
        assert tables[kind].equals(pa.concat_tables(parts))
    assert from_tables(tables) == [e for es in chunks for e in es]
    again = export_parquet(folder, tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]
    assert all(pq.read_table(p).num_rows == 0 for p in export_parquet(tmp_path / "nothing", tmp_path / "empty"))


# -- researchers' side -------------------------------------------------------------------------

def test_pandas_counts_programs_per_report(tmp_path, real_entries):
    pd = pytest.importorskip("pandas")
    write_partition(tmp_path / "facts", 0, real_entries)
    export_parquet(tmp_path / "facts", tmp_path / "tables")
    programs = pd.read_parquet(tmp_path / "tables" / "programs.parquet")
    counts = programs.groupby("report").size()
    assert counts.to_dict() == {e.facts.id: len(e.facts.programs) for e in real_entries if e.facts.programs}
    implemented = programs[programs.status == "implemented"].groupby("report").size()
    assert implemented.sum() == sum(p.status == "implemented" for e in real_entries for p in e.facts.programs)


def test_export_and_iteration_hold_one_partition_at_a_time(tmp_path, real_entries, monkeypatch):
    from govkg.ingest import tables as module

    folder = tmp_path / FACTS_DIR
    parts = 20
    for part in range(parts):
        write_partition(folder, part, real_entries[part::parts])
    reads, allocated = [], []
    read = module._read

    def counted(folder, kind, part, filters=None):
        table = read(folder, kind, part, filters)
        reads.append((kind, part))
        allocated.append(pa.total_allocated_bytes())
        return table

    monkeypatch.setattr(module, "_read", counted)
    it = iter_entries(folder)
    assert next(it) == real_entries[0] and {p for _, p in reads} == {0}
    assert sum(1 for _ in it) == len(real_entries) - 1
    reads.clear()
    allocated.clear()
    before = pa.total_allocated_bytes()
    export_parquet(folder, tmp_path / "out")
    assert reads == [(kind, part) for kind in FACT_KINDS for part in range(parts)]
    # Arrow's memory at each read: this partition's table, the one before it and the writer's buffers.
    largest = max(pq.read_table(tmp_path / "out" / f"{kind}.parquet").nbytes for kind in FACT_KINDS)
    assert max(allocated) - before < largest / 3  # all partitions at once would be more than largest
