"""Extraction partition by partition: the cut, the outcomes, the cache, and the same facts on any number of processes."""
import shutil

import pytest
from govkg.ingest.pipeline import extract_partition, extract_partitions, plan_partitions
from govkg.ingest.readers import document_from_text
from govkg.ingest.tables import partitions, read_partition


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    src = tmp_path / "in"
    shutil.copytree(seeds_dir, src)
    return src


def test_the_cut_depends_only_on_the_number_of_files():
    for n in (0, 1, 63, 64, 65, 2000, 16_385, 100_000):
        parts = plan_partitions(list(range(n)))
        assert [x for p in parts for x in p] == list(range(n))
        assert all(0 < len(p) <= 512 for p in parts)
        assert len(parts) <= max(16, -(-n // 512))


def test_each_file_has_an_outcome_and_the_partition_its_facts(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    (corpus / "empty.txt").write_bytes(b"")
    shutil.copy(files[0], corpus / "zz_copy.txt")
    out = extract_partition(3, sorted(corpus.glob("*.txt")), tmp_path / "facts", keep=True)
    by_file = {o.file or o.path: o for o in out.files}
    assert by_file["zz_copy.txt"].duplicate and by_file["zz_copy.txt"].report == by_file[files[0].name].report
    empty = next(o for o in out.files if o.path.endswith("empty.txt"))
    assert empty.report is None and "empty" in empty.error
    assert partitions(tmp_path / "facts") == [3]
    written = read_partition(tmp_path / "facts", 3)
    assert [e.facts.file for e in written] == [f.name for f in files]  # once each, in order
    assert written == out.entries


def test_the_previous_facts_are_reused_by_key(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    extract_partition(0, files, tmp_path / "v1")
    changed = files[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n推进府院联动。\n", encoding="utf-8")
    again = extract_partition(0, files, tmp_path / "v2", previous=tmp_path / "v1", keep=True)
    assert [o.reused for o in again.files] == [f != changed for f in files]
    clean = extract_partition(0, files, tmp_path / "v3", keep=True)
    assert again.entries == clean.entries
    for kind in ("reports", "programs", "candidates"):
        assert ((tmp_path / "v2" / kind / "part-00000.parquet").read_bytes()
                == (tmp_path / "v3" / kind / "part-00000.parquet").read_bytes())


def test_damaged_previous_facts_are_only_a_slower_build(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    extract_partition(0, files, tmp_path / "v1")
    (tmp_path / "v1" / "programs" / "part-00000.parquet").write_bytes(b"PAR1 not really")
    again = extract_partition(0, files, tmp_path / "v2", previous=tmp_path / "v1", keep=True)
    assert not any(o.reused for o in again.files)
    assert again.entries == extract_partition(0, files, tmp_path / "v3", keep=True).entries


def test_a_document_read_by_the_caller_is_tagged_like_a_file(tmp_path):
    d = document_from_text("博爱县司法局2023年报告\n我县推进“八五”普法。", "-")
    out = extract_partition(0, [d], tmp_path / "facts", keep=True)
    assert out.files[0].region and out.entries[0].facts.programs


def test_two_processes_write_the_same_facts_as_one(corpus, tmp_path):
    parts = plan_partitions(sorted(corpus.glob("*.txt")))
    assert len(parts) == 5
    one = list(extract_partitions(parts, tmp_path / "one"))
    two = list(extract_partitions(parts, tmp_path / "two", jobs=2))
    assert [o.part for o in two] == [0, 1, 2, 3, 4] and all(o.entries is None for o in two)
    assert [o.files for o in one] == [o.files for o in two]
    for f in sorted((tmp_path / "one").rglob("*.parquet")):
        assert f.read_bytes() == (tmp_path / "two" / f.relative_to(tmp_path / "one")).read_bytes(), f
