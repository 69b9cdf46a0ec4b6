"""The facts cache: every evidence sentence is packed as offsets, whatever kind of fact holds it."""
import json
from dataclasses import fields

from govkg.ingest.cache import cache_key, cache_text, cached_facts, pack_evidence, read_cache, unpack_evidence
from govkg.ingest.readers import document_from_text
from govkg.ingest.records import (
    AgencyFact,
    Evidence,
    HonorFact,
    PersonFact,
    PolicyFact,
    ProgramFact,
    RegionRef,
    ReportFacts,
    facts_to_dict,
)

TEXT = "郏县2023年报告\n郏县司法局推进述法。"


def _every_kind() -> ReportFacts:
    ev = Evidence("report:1", "郏县司法局推进述法。", 10, 15)
    region = RegionRef("郏县", "county", "410425")
    agency = AgencyFact("郏县司法局", "justice_bureau", region, ev)
    return ReportFacts("report:1", "a.txt", "报告", 2023, region, agency, [agency], [ProgramFact("p", "implemented", ev, "述法")],
                       [HonorFact("h", "名", "national", "郏县", "Region", ev, region)], [PolicyFact("条例", ev)],
                       [PersonFact("张三", "调解员", ev)], "abc")


def test_every_evidence_of_every_kind_is_packed_and_unpacked():
    f = _every_kind()
    lists = [x.name for x in fields(ReportFacts) if isinstance(getattr(f, x.name), list)]
    d = pack_evidence(facts_to_dict(f), TEXT)
    packed = [d["issuer"]["evidence"]["sentence"]] + [item["evidence"]["sentence"] for k in lists for item in d[k]]
    assert len(packed) == 1 + len(lists) and all(s == [10, 10] for s in packed)
    assert unpack_evidence(d, TEXT) == facts_to_dict(f)


def test_an_entry_reads_back_as_the_facts_it_was_written_from(tmp_path):
    d = document_from_text(TEXT, "a.txt")
    f = _every_kind()
    path = tmp_path / "facts.jsonl"
    path.write_text(cache_text([d], {d.id: cache_key(d)}, {d.id: f}, {d.id: []}), encoding="utf-8")
    entry = read_cache(path)[cache_key(d)]
    assert "郏县司法局推进述法" not in json.dumps(entry, ensure_ascii=False)
    assert cached_facts(entry, d) == (f, [])


def test_a_damaged_cache_is_an_empty_one(tmp_path):
    (tmp_path / "facts.jsonl").write_bytes(b'{"key": "a"}\n\xff\xfe')
    assert read_cache(tmp_path / "facts.jsonl") == {}
    (tmp_path / "facts.jsonl").write_text('{"key": "a"}\n{"cut', encoding="utf-8")
    assert read_cache(tmp_path / "facts.jsonl") == {}
    assert read_cache(tmp_path / "none.jsonl") == {}
