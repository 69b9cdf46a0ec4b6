"""Traditional characters are matched through their simplified form, one character for one."""
from pathlib import Path

import pytest
from govkg.schema.script import TRADITIONAL, is_traditional, read_traditional, to_simplified


def test_mapping_keeps_length_and_offsets():
    text = "長陽土家族自治縣城關鎮2023年法治政府建設情況報告"
    simple = to_simplified(text)
    assert simple == "长阳土家族自治县城关镇2023年法治政府建设情况报告" and len(simple) == len(text)


@pytest.mark.parametrize("folder", ["tests/data"])
def test_simplified_text_is_left_as_it_is(folder):
    root = Path(__file__).resolve().parents[1]
    traditional = []
    for f in sorted((root / folder).rglob("*.txt")):
        text = f.read_text(encoding="utf-8")
        if is_traditional(text):
            traditional.append(f.name)
        else:
            assert to_simplified(text) == text, f
    assert traditional == ["t07_moganshan.txt"]  # heldout7's one report in traditional characters


def test_detection_needs_more_than_a_stray_character():
    assert is_traditional("鄉鎮縣區龍報告的工作") and not is_traditional("我县推进普法工作。裡")


def test_table_is_one_character_for_one_and_reports_bad_lines(tmp_path):
    table = read_traditional(TRADITIONAL)
    assert len(table) > 4000 and table["鎮"] == "镇" and "乾" not in table  # 乾县 is a simplified name
    (tmp_path / "bad.tsv").write_text("traditional\tsimplified\n鎮\t镇镇\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.tsv:2"):
        read_traditional(tmp_path / "bad.tsv")
