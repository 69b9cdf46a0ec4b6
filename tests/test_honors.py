"""Honors as reports write them: one test per class of title and of recipient.

Every sentence here is made up for the test; names of people, villages and
offices are invented, division names are real so that the tables know them.
"""
from govkg.ingest.extract import extract_facts
from govkg.ingest.readers import document_from_text


def _titles(doc):
    return [(h.kb_id_, h.label_) for h in doc.spans["honors"]]


def _recipients(doc):
    return [(h.kb_id_, [r.text for r in doc.spans["honor_recipients"] if r.label_ == str(i)])
            for i, h in enumerate(doc.spans["honors"])]


def _facts(nlp, text):
    return sorted((h.name, h.recipient, h.recipient_kind)
                  for h in extract_facts(nlp(text), document_from_text(text, "a.txt")).honors)


# Titles


def test_quoted_titles_listed_before_chenghao_need_no_honor_ending(nlp):
    doc = nlp("一、成效\n去年，我乡荣获“河北省乡村治理示范乡”、“保定市平安先锋乡镇”称号。")
    assert _titles(doc) == [("河北省乡村治理示范乡", "provincial"), ("保定市平安先锋乡镇", "city")]
    assert [r for _, r in _recipients(doc)] == [["我乡"], ["我乡"]]


def test_a_quoted_title_after_a_level_or_a_place_needs_no_honor_ending(nlp):
    doc = nlp("一、成效\n我镇获评全县“和美乡镇”。红星社区入选绵阳市“无讼社区”。")
    assert _titles(doc) == [("和美乡镇", "county"), ("绵阳市无讼社区", "city")]
    assert _recipients(doc)[1][1] == ["红星社区"]


def test_a_grade_in_quotes_is_no_title(nlp):
    doc = nlp("一、成效\n全县法治建设考核获评全市“优秀”等次，营商环境评价获得全省“第一档次”等级。")
    assert _titles(doc) == []


def test_a_quoted_item_that_is_no_title_does_not_end_the_list(nlp):
    doc = nlp("一、成效\n我街道获评“文明和谐”、“全省法治宣传教育先进单位”。")
    assert _titles(doc) == [("全省法治宣传教育先进单位", "provincial")]


def test_the_batch_and_the_year_are_not_part_of_the_title(nlp):
    doc = nlp("一、成效\n镇司法所入选首批绵阳市“金牌司法所”名单。研究课题荣获2024年度涪城区“十佳法治实践案例”。"
              "村人民调解委员会被命名为全国第二批“枫桥式人民调解委员会”。")
    assert _titles(doc) == [("绵阳市金牌司法所", "city"), ("涪城区十佳法治实践案例", "county"),
                            ("枫桥式人民调解委员会", "national")]


def test_a_title_headed_by_a_regions_slogan(nlp):
    doc = nlp("一、成效\n区自然资源局、区审计局等5个单位被市委评为法治洛阳建设示范单位。")
    assert _recipients(doc) == [("法治洛阳建设示范单位", ["自然资源局", "审计局"])]
