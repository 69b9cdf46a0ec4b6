"""Web addresses as evidence: county names spelled in pinyin in hosts and paths."""
import pytest
from govkg.ingest.urls import PINYIN, counties_in_url, read_pinyin, url_tokens


@pytest.mark.parametrize("url, candidates, want", [
    ("http://yixing.gov.cn/doc/1.shtml", ["320282", "321112"], ["320282"]),                # 宜兴市, in full
    ("http://www.bjchy.gov.cn/affair/a.html", ["110105", "210112", "330113"], ["110105"]),  # 北京 朝阳, ch as a digraph
    ("http://www.tsqs.gov.cn/info/1.htm", ["340882", "510823", "620521"], ["620521"]),      # 天水 清水: city + county initials
    ("http://a.yzcity.gov.cn:8888/nyx/fz/1.shtml", ["110113", "431126"], ["431126"]),       # 宁远县 as a path segment
    ("http://www.example.com/gov/report.html", ["110105", "431126"], []),
])
def test_counties_in_url(url, candidates, want):
    assert counties_in_url(url, candidates) == want


def test_tokens_drop_the_generic_parts():
    assert url_tokens("https://www.Wugang.gov.cn/wugang/yfxz/202504/8754c6aa.shtml") == ["wugang", "yfxz"]


def test_table_reads_and_reports_bad_lines(tmp_path):
    table = read_pinyin(PINYIN)
    assert table["110105"] == (("chao",), ("yang",), ("qu",)) and len(table) > 3000
    (tmp_path / "bad.tsv").write_text("code\tname\tpinyin\n110105\t朝阳区\tchao yang\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        read_pinyin(tmp_path / "bad.tsv")
