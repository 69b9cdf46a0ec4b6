"""Manifests as users save them: Excel's encodings, implausible years, regions the gazetteer cannot place."""
import json
import re
import shutil
import warnings

import pytest
from conftest import run_kg
from govkg.ingest.manifest import ManifestError, ManifestWarning, read_manifest

ROWS = "file,region,year,issuer\n郏县2023年报告.txt,410425,2022,郏县司法局\n博爱.txt,博爱县,２０２１,\n"
EXPECTED = {"郏县2023年报告.txt": {"region": "410425", "year": "2022", "issuer": "郏县司法局"},
            "博爱.txt": {"region": "博爱县", "year": "2021"}}


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8", ","), ("utf-8-sig", ","), ("gbk", ","), ("gb18030", ","),
    ("utf-16", "\t"),  # Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated
])
def test_manifests_in_the_encodings_excel_saves(tmp_path, encoding, delimiter):
    m = tmp_path / "m.csv"
    m.write_bytes(ROWS.replace(",", delimiter).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_manifest(m) == EXPECTED


def test_a_manifest_in_no_known_encoding_is_one_clear_error(tmp_path):
    m = tmp_path / "m.csv"
    m.write_bytes(b"file,region\na.txt,\x80\xff\n")
    with pytest.raises(ManifestError, match=r"not UTF-8, UTF-16 or GBK; save it as \"CSV UTF-8\""):
        read_manifest(m)


@pytest.mark.parametrize("year", ["99999999999999999999", "1900", "20230", "3023"])
def test_implausible_years_name_the_row(tmp_path, year):
    m = tmp_path / "m.csv"
    m.write_text(f"file,year\na.txt,2020\nb.txt,{year}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=rf"m.csv: row 3: year {year} is not a plausible report year \(1949-"):
        read_manifest(m)


@pytest.mark.parametrize("region, problem", [
    ("不存在县", "'不存在县' is not a division the gazetteer knows"),
    ("410999", "'410999' is not the code of any division"),
    ("朝阳区", "'朝阳区' names 2 divisions (110105, 220104); give the six-digit code of the one meant"),
])
def test_a_region_the_gazetteer_cannot_place_warns(tmp_path, region, problem):
    m = tmp_path / "m.yaml"
    m.write_text(f"- {{file: a.txt, region: '{region}'}}\n", encoding="utf-8")
    with pytest.warns(ManifestWarning, match=re.escape(f"m.yaml: row 1: region {problem}")):
        assert read_manifest(m) == {"a.txt": {"region": region}}


def test_kg_build_reads_a_gbk_manifest_and_warns_of_what_it_cannot_use(tmp_path, seeds_dir):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(seeds_dir / "002_a7baccef2f883195.txt", src / "郏县报告.txt")
    shutil.copy(seeds_dir / "000_5587728e0baa21d6.txt", src / "博爱.txt")
    m = tmp_path / "manifest.csv"
    m.write_bytes("file,region,year\n郏县报告.txt,叶县,2021\n博爱.txt,不存在县,2022\n".encode("gbk"))
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"), "--manifest", str(m), "-q")
    assert p.stderr == (f"warning: {m}: row 3: region '不存在县' is not a division the gazetteer knows "
                        "(schema/divisions.tsv); the report's text decides its region\n")
    out = run_kg("query", "MATCH (r:Report)-[:ABOUT]->(g:Region) RETURN r.file AS file, r.year AS year, "
                 "g.name AS region ORDER BY file", "--graph", str(tmp_path / "g"), "--format", "json").stdout
    assert json.loads(out) == [{"file": "博爱.txt", "year": 2022, "region": "博爱县"},
                               {"file": "郏县报告.txt", "year": 2021, "region": "叶县"}]
    m.write_text("file,year\n博爱.txt,99999999999999999999\n", encoding="utf-8")
    p = run_kg("build", str(src), "--graph", str(tmp_path / "g"), "--manifest", str(m), check=False)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.startswith(f"Error: {m}: row 2: year 99999999999999999999 is not a plausible report year")
