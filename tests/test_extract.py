import pytest
from govkg.ingest.extract import _title_author, extract_facts
from govkg.ingest.readers import document_from_text
from govkg.ingest.records import AgencyFact, Evidence, RegionRef

TEXT = """博爱县司法局2023年法治政府建设工作报告
中共博爱县委、博爱县人民政府：
2023年，博爱县司法局推进“八五”普法。
一、2023年工作成效
开展“法律明白人”培养工程。南道村保留“全国民主法治示范村”称号。调解员张中央获全国优秀调解员称号。
二、存在问题
村（居）法律顾问作用发挥不充分。
三、2024年工作打算
下一步，深化府院联动，推进“法律明白人”培训。
"""


def facts_of(nlp, text: str):
    """The facts of ``text`` read as the report ``a.txt``."""
    return extract_facts(nlp(text), document_from_text(text, "a.txt"))


def test_facts(nlp):
    f = facts_of(nlp, TEXT)
    assert (f.year, f.region.name, f.issuer.name, f.title) == (2023, "博爱县", "博爱县司法局", "博爱县司法局2023年法治政府建设工作报告")
    status = {p.program: p.status for p in f.programs}
    assert status == {"eighth_five_year_legal_education": "implemented", "legal_literate_villagers": "implemented",
                      "democracy_rule_of_law_model_village": "implemented",
                      "village_legal_advisers": "planned", "government_court_linkage": "planned"}
    honors = {(h.name, h.recipient, h.recipient_kind, h.level) for h in f.honors}
    assert honors == {("全国民主法治示范村", "南道村", "Region", "national"),
                      ("全国优秀调解员", "张中央", "Person", "national")}


def test_evidence_points_into_the_text(nlp):
    f = facts_of(nlp, TEXT)
    for p in f.programs:
        ev = p.evidence
        assert TEXT[ev.start:ev.end] == p.surface
        assert p.surface in ev.sentence


def test_we_the_bureau_received_it_means_the_issuer(nlp):
    text = "珲春市司法局2021年法治政府建设工作报告\n一、工作成效\n2021年,我局被省委宣传部、省司法厅评为“全省普法工作先进集体”。\n"
    f = facts_of(nlp, text)
    assert [(h.name, h.recipient, h.recipient_kind) for h in f.honors] == [("全省普法工作先进集体", "珲春市司法局", "Agency")]


def test_the_office_that_guided_the_work_is_not_the_issuer(nlp):
    # No title: the opening frames the work (the district's leaders, the office that guided it); the
    # bureau speaks as 我局 and names itself further down.
    text = ("2025年，在区委、区政府的坚强领导和区委依法治区办的有力指导下，我局推进依法行政。\n"
            "一、主要成效\n印发《龙岩市永定区卫生健康局普法责任清单》，永定区卫生健康局开展述法。\n")
    f = facts_of(nlp, text)
    assert f.region.name == "永定区" and f.issuer.name == "永定区卫生健康局"


def test_the_year_before_the_date_under_the_signature(nlp):
    text = "宝塔区法治政府建设情况的报告\n一、主要成效\n我区推进述法。\n\n延安市宝塔区人民政府\n2024年1月22日\n"
    assert facts_of(nlp, text).year == 2023



PORTAL = """首页 > 政务公开 > 法治政府建设
发布时间：2024-03-28 10:15:32　　来源：天河区司法局　　浏览次数：1024
字号：大 中 小
广州市天河区人民政府关于２０２３年法治政府建设年度报告

２０２３年，天河区坚持依法行政。
一、主要成效
区人民法院永兴人民法庭入选全国“枫桥式人民法庭”。
【打印】【关闭】
"""


def test_a_page_copied_from_a_portal(nlp):
    d = document_from_text(PORTAL, "a.txt")  # full-width digits become ASCII here
    f = extract_facts(nlp(d.text), d)
    assert (f.title, f.year, f.region.name) == ("广州市天河区人民政府关于2023年法治政府建设年度报告", 2023, "天河区")
    assert f.issuer.name == "天河区人民政府"  # not 来源：天河区司法局, the page's publisher
    assert [(h.name, h.recipient) for h in f.honors] == [("枫桥式人民法庭", "永兴人民法庭")]
    assert [a.name for a in f.agencies if a.kind == "people_tribunal"] == ["永兴人民法庭"]  # not the one in the title


# A township report as a text copy of its county's portal keeps: the site's menu (bulleted labels),
# a breadcrumb, the bulleted metadata fields (dated the next year) and only then the report.
MENU_PAGE = """无障碍 | 简体 | 繁體 | 网站导航
  • 首页
  • 走进青山
  • 政务公开
  • 办事服务
  • 互动交流
您现在的位置：首页 > 政务公开 > 乡镇信息 > 白石镇
  • 索 引 号：000000/2025-00017
  • 发布机构：白石镇
  • 成文时间：2025年02月10日
  • 标  题：青山区白石镇2024年度法治政府建设情况报告

青山区白石镇2024年度法治政府建设情况报告
2024年，我镇在区委、区政府领导下推进依法行政。
一、主要举措和成效
"""


def _menu_page_facts(nlp, body: str):
    d = document_from_text(MENU_PAGE + body, "page.txt")
    return extract_facts(nlp(d.text), d)


def test_a_portals_menu_and_breadcrumb_are_not_the_reports_programs(nlp):
    f = _menu_page_facts(nlp, "（一）培养法律明白人46名，调解纠纷18件。\n")
    assert {p.program for p in f.programs} == {"legal_literate_villagers"}  # not the menu's 政务公开
    # The title is the title field after the menu; the year is the report's, not the page's 成文时间.
    assert (f.title, f.year) == ("青山区白石镇2024年度法治政府建设情况报告", 2024)


def test_a_report_sentence_naming_the_menus_label_is_its_program(nlp):
    f = _menu_page_facts(nlp, "（一）推进政务公开，公开文件35件。\n")
    [p] = [p for p in f.programs if p.program == "government_transparency"]
    assert p.evidence.start > MENU_PAGE.index("一、主要举措")  # from the body, not from the menu


@pytest.mark.parametrize("head, title", [
    # The body's name alone on the first line, the rest of the title on the second.
    ("坑底乡人民政府\n关于2024年度法治政府建设情况的报告\n", "坑底乡人民政府关于2024年度法治政府建设情况的报告"),
    ("宜良县市场监督管理局\n2024年法治政府建设工作报告\n", "宜良县市场监督管理局2024年法治政府建设工作报告"),
    # A portal's site name above a title that names its own body is not part of it.
    ("宜良县人民政府\n宜良县司法局2024年法治政府建设工作报告\n", "宜良县司法局2024年法治政府建设工作报告"),
    # A trail of menu labels is no title, and a table row gives the title field.
    ("信息公开 > 法定主动公开内容 > 法治政府建设年度报告 日期:2025-01-08\n| 索引号: | 0123/2025-00042 | |\n"
     "| 标题: | 坑底乡2024年法治政府建设年度报告 | |\n", "坑底乡2024年法治政府建设年度报告"),
])
def test_the_title_as_the_page_sets_it(nlp, head, title):
    assert facts_of(nlp, head + "一、主要举措\n我乡推进述法。\n").title == title


def test_the_body_that_opens_the_first_sentence_wrote_the_report(nlp):
    # No title names it and it never says 我局: the opening sentence's subject is the author, whatever its kind.
    text = ("宜良县2024年度法治政府建设年度报告\n"
            "2024年，宜良县教育局在县委、县政府的正确领导下，坚持依法治教，推进“八五”普法。\n一、主要举措\n开展宪法宣传。\n")
    f = facts_of(nlp, text)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("宜良县", "宜良县教育局", "education_bureau")
    # Bodies named together open a sentence about their leadership, not their report.
    together = text.replace("2024年，宜良县教育局在", "2024年，宜良县人民政府、宜良县教育局在")
    assert facts_of(nlp, together).issuer.name != "宜良县教育局"


def test_a_portal_that_writes_each_field_on_two_lines(nlp):
    # Labels alone on their lines, their values (a number, a date) on the next; a title line that ends in
    # the next field's label.
    head = ("政务公开\n索引号\n0123-2025-00042\n文  号\n2025\n公开日期\n2025-02-05\n"
            "宜良县教育局2024年度法治政府建设年度报告 - 文号:\n")
    f = facts_of(nlp, head + "2024年，宜良县教育局推进依法治教。\n一、主要举措\n开展宪法宣传。\n")
    assert (f.title, f.year, f.issuer.name) == ("宜良县教育局2024年度法治政府建设年度报告", 2024, "宜良县教育局")


def test_a_law_the_report_studies_is_not_a_program_it_carries_out(nlp):
    text = ("石门乡2024年法治政府建设情况报告\n班子集体学习《中华人民共和国法律援助法》《行政复议法》两部法律。"
            "印发《石门乡法律援助工作办法》。\n")
    programs = {p.program: p.evidence.sentence for p in facts_of(nlp, text).programs}
    # Not the laws' titles; a body's own measures (办法) name its work. The leaders studying the laws is
    # a program of its own.
    assert set(programs) == {"legal_aid", "leaders_study_law"} and "工作办法" in programs["legal_aid"]
    text += "全年办理行政复议案件3件。\n"
    assert {p.program for p in facts_of(nlp, text).programs} == {"legal_aid", "leaders_study_law",
                                                                 "administrative_reconsideration"}


def test_a_bulleted_line_of_the_report_is_report_content(nlp):
    # Longer than a menu's label, or with punctuation: the report's own list, not the site's menu.
    f = _menu_page_facts(nlp, "• 开展八五普法宣传，举办讲座12场\n• 推进政务公开和政策解读工作\n")
    assert {p.program for p in f.programs} >= {"eighth_five_year_legal_education", "government_transparency"}


def test_a_subdistrict_report_is_the_subdistricts_however_often_it_says_the_district(nlp):
    text = "小寨路街道办事处2023年度法治政府建设工作报告\n全区推进，全区稳定，全区发展。小寨路街道在区委领导下推进。\n"
    f = facts_of(nlp, text)
    assert (f.region.name, f.region.parent_names[-1], f.issuer.name) == ("小寨路街道", "雁塔区", "小寨路街道办事处")


def test_a_subdistrict_that_names_no_author_was_issued_by_its_office(nlp):
    # A 街道 has no people's government: the report that speaks as the 街道 is its 办事处's.
    text = "2023年，小寨路街道坚持依法行政，街道党工委、办事处把法治建设列入年度要点。\n一、主要成效\n街道推进述法。\n"
    f = facts_of(nlp, text)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("小寨路街道", "小寨路街道办事处", "subdistrict_office")


def test_a_county_that_names_no_author_was_issued_by_its_government(nlp):
    text = "2023年，博爱县坚持依法行政，把法治建设列入年度要点。\n一、主要成效\n我县推进述法。\n"
    f = facts_of(nlp, text)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("博爱县", "博爱县人民政府", "people_government")


def test_a_bureau_that_never_writes_its_name_is_known_by_its_field(nlp):
    text = ("2022年，全市司法行政系统坚持依法行政，服务洛阳市高质量发展。\n一、主要成效\n"
            "我局牵头起草普法规划，承办全市法治政府建设推进会。\n")
    f = facts_of(nlp, text)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("洛阳市", "洛阳市司法局", "justice_bureau")
    assert f.issuer.evidence.sentence == "我局牵头起草普法规划，承办全市法治政府建设推进会。"
    text = ("2023年，我局围绕博爱县发展大局，推进生态环境领域依法行政。\n一、主要成效\n"
            "我局按时向县委县政府和省生态环境厅报告法治工作。\n")
    f = facts_of(nlp, text)
    assert (f.issuer.name, f.issuer.kind) == ("博爱县生态环境局", "ecology_environment")
    text = "2023年，我委围绕博爱县发展大局，推进卫生健康领域依法行政。\n一、主要成效\n全县卫生健康系统开展述法。\n"
    f = facts_of(nlp, text)
    assert (f.issuer.name, f.issuer.kind) == ("博爱县卫生健康委员会", "health_commission")


def test_a_bureau_of_no_known_field_is_left_open_not_taken_for_the_government(nlp):
    # 省司法厅 gives honors to every field's bureaus: it does not make this one a justice bureau.
    text = ("2023年，我局围绕博爱县发展大局，推进依法行政。\n一、主要成效\n"
            "我局按时向县委县政府报告法治工作，被省司法厅评为“全省普法工作先进集体”。\n")
    f = facts_of(nlp, text)
    assert f.region.name == "博爱县" and f.issuer is None
    assert f.honors == []  # won by the bureau, not by the county


@pytest.mark.parametrize("quote", ["“我局将把司法行政系统的普法力量下沉到村。”", '"我局将把司法行政系统的普法力量下沉到村。"'])
def test_a_government_report_that_quotes_a_bureau_is_still_the_governments(nlp, quote):
    text = ("2023年，博爱县坚持依法行政，把法治建设列入年度要点。\n一、主要成效\n"
            f"我县推进述法。县司法局负责人表示：{quote}\n")
    f = facts_of(nlp, text)
    assert (f.issuer.name, f.issuer.kind) == ("博爱县人民政府", "people_government")


def test_official_documents_date_themselves_in_chinese_numerals(nlp):
    text = "关于法治政府建设情况的报告\n一、主要成效\n我县推进述法。\n\n某某县人民政府\n二〇二四年一月十八日\n"
    d = document_from_text(text, "a.txt")
    assert extract_facts(nlp(d.text), d).year == 2023


def test_offices_named_by_their_village_or_by_city_and_county(nlp):
    text = ("晋江市2024年法治政府建设情况报告\n一、成效\n青阳村人民调解委员会调处纠纷86件。"
            "泉州市晋江生态环境局公布免罚清单。\n")
    f = facts_of(nlp, text)
    offices = {a.name: (a.kind, a.region.name, a.region.level) for a in f.agencies}
    assert offices["青阳村人民调解委员会"] == ("mediation_committee", "青阳村", "village")
    assert offices["泉州市晋江生态环境局"] == ("ecology_environment", "晋江市", "county")


def test_every_list_of_facts_is_read_in_one_place(nlp):
    """Whole reports and the sections of long ones read their facts through fact_lists: it gives every list."""
    from govkg.ingest.divisions import default_gazetteer
    from govkg.ingest.extract import fact_lists
    from govkg.ingest.records import EVIDENCE_PATHS
    from govkg.schema.lexicon import load_lexicon

    lists = fact_lists(nlp(TEXT), "report:1", None, None, [], load_lexicon(), default_gazetteer())
    assert sorted(lists) == sorted(name for name, how, _ in EVIDENCE_PATHS if how == "many")


def test_a_portal_calendar_and_a_plans_span_of_years_are_not_the_reports_year(nlp):
    text = ("某市人民政府 2019年12月3日星期二\n无障碍 简体 繁体\n"
            "根据《法治政府建设实施纲要(2021—2025年)》和《省纲要(2021年—2025年)》，现报告如下。\n"
            "一、2023年工作情况\n2023年，我区推进述法。2023年复议案件下降。\n")
    assert facts_of(nlp, text).year == 2023


def test_the_justice_bureau_that_guided_a_bureau_did_not_write_its_report(nlp):
    # An education bureau opens under its district's leaders and the justice bureau's guidance, then speaks as 我局.
    text = ("2023年，在区委、区政府的坚强领导和区司法局的业务指导下，宁江区教育局扎实推进依法治校。\n"
            "一、主要做法\n我局组织教师学习《教师法》，开展校园法治讲座。\n")
    f = facts_of(nlp, text)
    assert (f.region.name, f.issuer.name) == ("宁江区", "宁江区教育局")


def test_the_body_that_heads_the_title_wrote_the_report_whatever_its_kind(nlp):
    # A page converted to text: its fields stand in a list; the title names a transport bureau, and the
    # opening obeys the city's leaders (市委、市政府), who did not write it.
    text = ("- 索引号: 0001/2024-0009\n- 发布机构: 南通市交通运输局\n- 标题: 南通市交通运输局2023年法治政府建设工作报告\n"
            "2023年，我局认真落实市委、市政府部署，推进交通运输领域依法行政。\n一、主要做法\n开展述法。\n")
    f = facts_of(nlp, text)
    assert (f.title, f.issuer.name, f.issuer.kind) == ("南通市交通运输局2023年法治政府建设工作报告", "南通市交通运输局",
                                                         "transport_bureau")


def test_a_title_under_its_bodys_name_and_a_time_and_source_line(nlp):
    # The title in two lines, the body's name first; the page's 时间：…来源： line names the office that posted it.
    text = ("南通市市场监督管理局\n2023年法治政府建设工作报告\n时间：2024-03-01 来源：南通市人民政府办公室\n"
            "一、主要做法\n全面推进市场监管领域依法行政，开展述法。\n")
    f = facts_of(nlp, text)
    assert (f.issuer.name, f.issuer.kind) == ("南通市市场监督管理局", "market_regulation")
    text = "临泽县人民政府\n2024年法治政府建设年度报告\n时间：2025-03-28 来源：临泽县人民政府办公室\n我县推进述法。\n"
    f = facts_of(nlp, text)
    assert f.issuer.name == "临泽县人民政府"  # not the office that posted the page


def test_a_report_opening_with_its_addressee_is_issued_by_the_township_its_opening_names(nlp):
    text = ("区委、区政府：\n"
            "2024年，二甲镇坚持以习近平法治思想为指导，统筹推进依法行政各项工作，法治政府建设取得新进展。现将有关情况报告如下：\n"
            "一、主要举措\n组织干部参加南通市学法平台考试，全镇干部全部通过。\n")
    f = facts_of(nlp, text)
    assert (f.year, f.region.name, f.issuer.name) == (2024, "二甲镇", "二甲镇人民政府")


@pytest.mark.parametrize("head, author, kind, region, county", [
    ("思明区人民政府鹭江街道办事处关于2023年度法治政府建设情况的报告\n",
     "鹭江街道办事处", "subdistrict_office", "鹭江街道", "思明区"),
    ("寿宁县人民政府下党乡人民政府关于2023年度法治政府建设情况的报告\n",
     "下党乡人民政府", "people_government", "下党乡", "寿宁县"),
])
def test_names_run_together_at_the_head_of_the_title_the_last_wrote_it(nlp, head, author, kind, region, county):
    # The district's (county's) government heads the title only as the body above the one that reports;
    # the region is still the township, under that district.
    f = facts_of(nlp, head + "2023年，在区委、区政府的坚强领导下，我们坚持依法行政。\n一、主要成效\n推进述法。\n")
    assert (f.issuer.name, f.issuer.kind) == (author, kind)
    assert (f.region.name, f.region.parent_names[-1]) == (region, county)


def test_names_run_together_alone_above_the_title_the_last_wrote_it():
    text = "思明区人民政府鹭江街道办事处\n2023年度法治政府建设情况报告\n推进述法。\n"
    district = AgencyFact("思明区人民政府", "people_government", RegionRef("思明区", "county"), Evidence("r", "", 3, 7))
    office = AgencyFact("鹭江街道办事处", "subdistrict_office", RegionRef("鹭江街道", "township"), Evidence("r", "", 9, 14))
    assert _title_author(text, [district, office]) == office
    assert _title_author(text.replace("办事处\n", "办事处召开会议\n"), [district, office]) is None  # not a name alone


def test_a_township_reports_county_government_framed_it_and_did_not_write_it(nlp):
    # 我乡 throughout: the county's government is named as the cause of the work (得益于…领导) and as the
    # centre of the work it serves, never as its author.
    body = ("2023年，得益于县委、县政府的坚强领导和县委依法治县办的悉心引领，我乡坚持依法行政，紧密围绕县委、"
            "县政府的中心工作，为本乡发展提供法治保障。现将我乡有关情况报告如下：\n一、主要成效\n我乡推进述法。\n")
    f = facts_of(nlp, body)
    assert f.region is None and f.issuer is None  # the township is not named: its author is unknown
    f = facts_of(nlp, "坑底乡2023年法治政府建设情况报告\n" + body)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("坑底乡", "坑底乡人民政府", "people_government")


def test_a_bureau_known_only_by_its_duties_and_its_rule_of_law_work(nlp):
    body = ("严格履行市场监管职能，统筹推进法治市场监管建设。\n一、主要成效\n"
            "（一）加强党对法治市场监管工作的领导，全县市场监管工作平稳有序。\n")
    f = facts_of(nlp, "2023年，我局围绕宜良县发展大局，" + body)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("宜良县", "宜良县市场监督管理局", "market_regulation")
    # The same field in a report that speaks as the county: the county's government wrote it.
    f = facts_of(nlp, "2023年，我县围绕宜良县发展大局，" + body)
    assert (f.region.name, f.issuer.name, f.issuer.kind) == ("宜良县", "宜良县人民政府", "people_government")
