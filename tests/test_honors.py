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


# Recipients


def test_units_counted_without_names_are_not_the_region(nlp):
    text = ("涪城区2024年法治政府建设情况报告\n一、成效\n全区有4个村被评为市级“民主法治示范村”，"
            "另有2个社区（村）分别获评县级民主法治示范社区。")
    doc = nlp(text)
    assert [r for _, r in _recipients(doc)] == [[], []]
    assert _facts(nlp, text) == []


def test_units_counted_after_their_names_are_the_named_ones(nlp):
    doc = nlp("一、成效\n青松村、白杨村2个村被评为绵阳市“民主法治示范村”。红旗村、新华村等2个村入选第三批省级法治示范村。")
    assert _recipients(doc) == [("绵阳市民主法治示范村", ["青松村", "白杨村"]),
                                ("省级法治示范村", ["红旗村", "新华村"])]


def test_a_person_named_sentences_before_the_honor(nlp):
    doc = nlp("一、成效\n镇司法所所长周丽华同志扎根基层十年，调处纠纷200余件。群众称她为“贴心人”。"
              "当年，她被省司法厅评为“全省优秀司法所长”。调解员蒋立新热心调解。年内，该同志被授予“全市金牌调解员”称号。")
    assert _recipients(doc) == [("全省优秀司法所长", ["周丽华"]), ("全市金牌调解员", ["蒋立新"])]


def test_a_pronoun_with_no_one_named_before_it_gives_no_recipient(nlp):
    text = "涪城区2024年法治政府建设情况报告\n一、成效\n他被省司法厅评为“全省优秀人民调解员”。"
    assert _recipients(nlp(text)) == [("全省优秀人民调解员", [])]
    assert _facts(nlp, text) == []


def test_names_without_a_common_surname(nlp):
    doc = nlp("一、成效\n萨仁高娃同志是嘎查人民调解委员会主任，长年奔走在牧区。同年，她被评为“全区优秀人民调解员”。"
              "城关街道调解员扎西顿珠用藏汉双语调解纠纷8年，被评为“全州优秀调解员”。所长阿依古丽被评为全市模范司法所长。")
    assert _recipients(doc) == [("全区优秀人民调解员", ["萨仁高娃"]), ("全州优秀调解员", ["扎西顿珠"]),
                                ("全市模范司法所长", ["阿依古丽"])]


def test_a_name_opening_a_clause_that_names_the_role(nlp):
    doc = nlp("一、成效\n杜春燕是镇人民调解委员会的专职调解员，熟悉本地方言。她被司法部评为“全国模范人民调解员”。")
    assert _recipients(doc) == [("全国模范人民调解员", ["杜春燕"])]


def test_the_office_not_the_place_written_before_it(nlp):
    doc = nlp("一、成效\n涪城区法律援助中心被司法部表彰为“全国法律援助工作先进集体”。"
              "丰谷镇人民调解委员会获评“全国模范人民调解委员会”。")
    assert _recipients(doc) == [("全国法律援助工作先进集体", ["法律援助中心"]),
                                ("全国模范人民调解委员会", ["人民调解委员会"])]


def test_two_people_each_with_an_office_before_them(nlp):
    doc = nlp("一、成效\n区人民法院立案庭庭长方建平、区司法局法治督察科科长韩雪梅获评“绵阳市法治建设先进个人”。")
    assert _recipients(doc) == [("绵阳市法治建设先进个人", ["方建平", "韩雪梅"])]


def test_offices_named_by_village_and_by_city_and_county(nlp):
    text = ("晋江市2024年法治政府建设情况报告\n一、成效\n青阳村人民调解委员会荣获“全国人民调解工作先进集体”称号；"
            "泉州市晋江生态环境局入选“泉州市行政执法示范单位”。")
    assert _facts(nlp, text) == [("全国人民调解工作先进集体", "青阳村人民调解委员会", "Agency"),
                                 ("泉州市行政执法示范单位", "泉州市晋江生态环境局", "Agency")]


def test_the_reports_own_township_and_its_communities(nlp):
    text = ("丰谷镇2024年法治政府建设情况报告\n一、成效\n我镇被评为“四川省法治宣传教育先进单位”。"
            "红星社区被命名为“全国民主法治示范社区”。")
    assert _facts(nlp, text) == [("全国民主法治示范社区", "红星社区", "Region"),
                                 ("四川省法治宣传教育先进单位", "丰谷镇", "Region")]


def test_a_development_zone_receives_an_honor(nlp):
    text = "昆山市2024年法治政府建设情况报告\n一、成效\n陆家经济开发区获批“江苏省法治文化建设示范点”。"
    facts = extract_facts(nlp(text), document_from_text(text, "a.txt")).honors
    assert [(h.recipient, h.recipient_region.level, h.recipient_region.parent_names[-1]) for h in facts] == [
        ("陆家经济开发区", "zone", "昆山市")]


def test_quan_qu_is_the_autonomous_region_when_it_awards(nlp):
    doc = nlp("一、成效\n调解员王秀兰被自治区司法厅评为“全区优秀人民调解员”，李红梅被区委政法委评为“全区平安建设先进个人”。")
    assert _titles(doc) == [("全区优秀人民调解员", "provincial"), ("全区平安建设先进个人", "county")]
