"""The township and village tables: made from the data packages, read back, and consistent."""
import pytest
from govkg.ingest import localities
from govkg.ingest.divisions import default_gazetteer
from govkg.ingest.localities import localities_from_jionlp, read_villages, township_counties, villages_of, write_villages

# A few lines in the shape of jionlp's china_location.txt: province, city, county (name, code, short),
# township, village. 陕县 (411222) is a former code and must map to 陕州区 (411203).
JIONLP_LINES = [
    "河南省\t410000\t河南",
    "\t三门峡市\t411200\t三门峡",
    "\t\t陕县\t411222\t陕县",
    "\t\t\t张湾乡",
    "\t\t\t\t七里村",
    "\t\t宝丰县\t410421\t宝丰",
    "\t\t\t李庄乡",
    "\t\t\t\t姬家村",
    "\t\t\t\t南牛村",
    "\t\t某某经济开发区\t411271\t经开区",
    "\t\t\t某某街道",
]


def test_jionlp_lines_map_to_current_counties_and_skip_unknown_ones():
    towns, villages = localities_from_jionlp(JIONLP_LINES, default_gazetteer())
    assert dict(towns) == {"张湾乡": {"411203"}, "李庄乡": {"410421"}}
    assert villages[("410421", "李庄乡")] == {"姬家村", "南牛村"} and ("411203", "张湾乡") in villages


def test_village_table_round_trips_and_reports_bad_lines(tmp_path):
    table = {("410421", "李庄乡"): {"姬家村", "南牛村"}, ("411402", "李庄乡"): {"李庄村"}}
    write_villages(table, tmp_path / "v.tsv", ["source: test"])
    assert read_villages(tmp_path / "v.tsv") == {k: frozenset(v) for k, v in table.items()}
    (tmp_path / "bad.tsv").write_text("county\ttownship\tvillages\n4104\t李庄乡\t姬家村\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: expected a county code"):
        read_villages(tmp_path / "bad.tsv")


def test_shipped_tables_agree_with_the_division_table():
    gaz = default_gazetteer()
    villages = localities.default_villages()
    assert len(villages) > 10000
    # Villages are kept only for names several counties share, under one of those counties.
    for (county, township) in list(villages)[:2000]:
        assert county in township_counties(township) and len(township_counties(township)) > 1
        assert not gaz.get(county).former
    assert len(township_counties("城关镇")) > 50 and "姬家村" in villages_of("李庄乡", "410421")
    assert villages_of("石空镇", "640521") == frozenset()  # one county only: no need for villages


@pytest.mark.parametrize("table", ["townships.tsv", "villages.tsv", "traditional.tsv", "pinyin.tsv"])
def test_every_table_names_its_source_and_licence(table):
    head = (localities.TOWNSHIPS.parent / table).read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith("# source:") and head[1].startswith("# license:") and "make divisions" in head[2]
