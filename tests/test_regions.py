import pytest
from govkg.ingest.regions import decide_region, self_level


@pytest.mark.parametrize("text, name, level, parents", [
    ("泽州县司法局\n泽州县司法局2023年度报告\n全县推进。我县稳定。全县发展。", "泽州县", "county", ("山西省", "晋城市")),
    ("陕州区司法局2023年度报告\n我区推进，全区稳定，三门峡市指导。", "陕州区", "county", ("河南省", "三门峡市")),
    ("报告\n在宝丰县指导下，我乡推进，全乡稳定。“法治李庄”“平安李庄”。", "李庄乡", "township", ("河南省", "平顶山市", "宝丰县")),
    ("渝中区人民政府报告\n我区推进，全区稳定。", "渝中区", "county", ("重庆市",)),
    # The township table: 石空镇 is only in 中宁县, which the report never names.
    ("中共石空镇委员会 石空镇人民政府\n我镇推进枸杞产业，全镇稳定。", "石空镇", "township", ("宁夏回族自治区", "中卫市", "中宁县")),
    # 李庄乡 is in 清苑区 (Hebei), 宝丰县 and 梁园区 (both Henan); a city named narrows it to one.
    ("李庄乡人民政府报告\n在平顶山市指导下，我乡推进，全乡稳定。", "李庄乡", "township", ("河南省", "平顶山市", "宝丰县")),
    # ... and so do the villages the report names, from the village table.
    ("李庄乡人民政府报告\n我乡推进，南牛村、姬家村建成示范点，全乡稳定。", "李庄乡", "township", ("河南省", "平顶山市", "宝丰县")),
    # A county written before its township in the title.
    ("城口县岚天乡人民政府关于2024年度法治政府建设情况的报告\n我乡推进。", "岚天乡", "township", ("重庆市", "城口县")),
])
def test_regions(nlp, text, name, level, parents):
    r = decide_region(nlp(text))
    assert (r.name, r.level, r.parent_names) == (name, level, parents)


def test_former_names_resolve_to_the_current_division(nlp):
    r = decide_region(nlp("陕县司法局2014年度报告\n我县推进，全县稳定。"))
    assert (r.name, r.adcode) == ("陕州区", "411203")


def test_no_jurisdiction_no_region(nlp):
    doc = nlp("关于2023年法治政府建设情况的报告\n县委、县政府：\n我局推进普法，全县稳定。")
    assert decide_region(doc) is None


def test_self_level(nlp):
    assert self_level(nlp("我乡推进。全县、全市、全省都好。")) == "township"
    assert self_level(nlp("没有自称。")) is None


def test_an_official_documents_masthead_and_number_are_not_its_header(nlp):
    from govkg.ingest.regions import is_boilerplate

    assert is_boilerplate("南京市鼓楼区湖南路街道办事处文件") and is_boilerplate("湖街发〔2024〕4号")
    text = "南京市鼓楼区湖南路街道办事处文件\n\n湖街发〔2024〕4号\n\n湖南路街道办事处关于2023年度法治政府建设情况的报告\n\n鼓楼区人民政府：\n全区推进。\n"
    r = decide_region(nlp(text))
    assert (r.name, r.level, r.parent_names) == ("湖南路街道", "township", ("江苏省", "南京市", "鼓楼区"))


@pytest.mark.parametrize("line, furniture", [
    ("  • 政务公开", True),                      # a menu item: a bullet and a short label
    ("■ 办事服务", True),
    ("登录 | 注册 | 设为首页", True),             # a row of labels split by bars
    ("您现在的位置：首页 > 政务公开", True),       # breadcrumbs
    ("您的当前位置：", True),
    ("  • 成文时间：2025年02月10日", True),        # a bulleted metadata field
    ("  • 标  题：白石镇2024年度法治政府建设情况报告", False),  # the title field names the report
    ("• 开展八五普法宣传，举办讲座12场", False),    # a bulleted line of the report says more
    ("• 持续推进法律明白人培养工程", False),
    ("白石镇 青山区 报告", False),                 # short words without bars are no menu
])
def test_page_furniture_lines(line, furniture):
    from govkg.ingest.regions import is_boilerplate

    assert is_boilerplate(line) is furniture


def test_a_township_the_evidence_cannot_place_is_placed_with_its_candidate_counties(nlp):
    from govkg.ingest.localities import township_counties

    r = decide_region(nlp("城关镇人民政府2023年法治政府建设情况报告\n我镇推进普法，全镇稳定。"))
    assert (r.name, r.level, r.adcode, r.parents) == ("城关镇", "township", None, ())
    assert r.ambiguous and r.candidates == township_counties("城关镇") and len(r.candidates) > 50
    # A province named narrows the candidates, and their common parent is kept.
    r = decide_region(nlp("李庄乡人民政府报告\n在河南省指导下，我乡推进，全乡稳定。"))
    assert (r.name, r.parent_names, r.candidates) == ("李庄乡", ("河南省",), ("410421", "411402"))


@pytest.mark.parametrize("text", [
    "工作报告\n成立由镇党委书记任组长的领导小组，我镇推进普法，全镇稳定。",
    "工作报告\n一是充分发挥镇综治中心作用，我镇推进普法。全镇稳定。",
    "工作报告\n我们推进普法，镇村两级稳定。",
])
def test_a_phrase_ending_in_a_township_suffix_is_no_place(nlp, text):
    assert decide_region(nlp(text)) is None


def test_traditional_characters_read_as_simplified(nlp):
    text = "城口縣嵐天鄉人民政府關於2024年度法治政府建設情況的報告\n我鄉推進普法。"
    doc = nlp(text)
    r = decide_region(doc)
    assert (r.name, r.parent_names) == ("岚天乡", ("重庆市", "城口县"))
    assert doc.user_data["govkg_original"] == text  # evidence quotes the text as written


@pytest.mark.parametrize("text, name, level, parents", [
    # 苏木 is a township and 嘎查 a village in Inner Mongolia; 旗 is the county level.
    ("乌兰布统苏木人民政府2024年法治政府建设情况报告\n我苏木推进普法，全苏木稳定，各嘎查稳定。", "乌兰布统苏木", "township",
     ("内蒙古自治区", "赤峰市", "克什克腾旗")),
    # An autonomous county by its short form.
    ("长阳自治县司法局2023年度法治政府建设情况报告\n我县推进普法，全县稳定。", "长阳土家族自治县", "county", ("湖北省", "宜昌市")),
    # A development zone publishing its own report: level zone, its city as parent.
    ("合肥高新技术产业开发区2024年法治政府建设情况报告\n我区推进普法。全区稳定。", "合肥高新技术产业开发区", "zone", ("安徽省", "合肥市")),
    ("高新区关于2023年法治政府建设情况的报告\n我区在珠海市委领导下推进普法，全区稳定。", "珠海高新区", "zone", ("广东省", "珠海市")),
    # ... but a division in the title wins over the zone that runs it.
    ("高新区(新市区)人民政府2024年法治政府建设工作报告\n我区推进普法，全区稳定。", "新市区", "county", ("新疆维吾尔自治区", "乌鲁木齐市")),
    # A township the table holds, named wherever the text stands: after its county, in the body.
    ("柳城县龙头镇2025年法治政府建设年度报告\n2025年，龙头镇推进普法。", "龙头镇", "township", ("广西壮族自治区", "柳州市", "柳城县")),
    ("2024年，在区委领导下，多宝街道始终坚持依法行政。多宝街道推进普法。", "多宝街道", "township", ("广东省", "广州市", "荔湾区")),
    # The portal's 发布机构 field, in brackets, names the township.
    ("[ 索引号 ] 1150/2026-00004\n[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]\n关于2025年法治政府建设情况的报告\n推进普法。",
     "栗子乡", "township", ("重庆市", "丰都县")),
])
def test_names_as_reports_write_them(nlp, text, name, level, parents):
    from govkg.ingest.regions import publisher_fields

    r = decide_region(nlp(text), header=publisher_fields(text))
    assert (r.name, r.level, r.parent_names) == (name, level, parents)


@pytest.mark.parametrize("url, parents", [
    ("http://www.xuwen.gov.cn/xxgk/ndbg/post_1.html", ("广东省", "湛江市", "徐闻县")),       # the county in full
    ("http://www.ptxy.gov.cn/zfxxgk/202504/t1.htm", None),                                 # 莆田 秀屿 holds no 下洋镇
    ("https://example.org/report.html", None),
])
def test_the_pages_address_tells_same_named_townships_apart(nlp, url, parents):
    r = decide_region(nlp("下洋镇2023年法治政府建设年度报告\n我镇推进普法，全镇稳定。"), url=url)
    assert r.name == "下洋镇"
    assert (r.parent_names if parents else r.candidates) == (parents or r.candidates) and r.ambiguous == (parents is None)


# A county bureau's report with no title line and no 我县: the city above it is named twice near the top
# (honours it won there), the county once, further down.
_BUREAU = ("2023年，局党组在市县两级部署下推进依法行政，获评亳州市法治建设先进单位，一名干部入选亳州市法治人物。"
           "全年办理复议案件十二件。\n配合做好蒙城县普法考核工作，局领导带头述法。")


@pytest.mark.parametrize("url, name", [
    ("https://www.mengcheng.gov.cn/XxgkContent/show/1.html", "蒙城县"),  # the county's portal: the county's report
    ("https://www.bozhou.gov.cn/a/1.html", "亳州市"),                    # the city's portal: as the text says
    ("", "亳州市"),
])
def test_a_county_portal_places_a_bureau_report_in_its_county(nlp, url, name):
    assert decide_region(nlp(_BUREAU), url=url).name == name


def test_a_bureau_that_speaks_of_its_county_leaders_is_placed_in_the_county(nlp):
    text = (_BUREAU + "\n坚决落实县委、县政府决策部署，向县委、县政府报告工作，"
            "县委县政府督查组检查。")
    assert decide_region(nlp(text)).name == "蒙城县"


def test_a_township_that_speaks_of_its_county_leaders_stays_a_township(nlp):
    text = ("2023年，柳林镇推进依法行政。柳林镇坚决落实县委、县政府决策部署，向县委、县政府报告工作，"
            "县委县政府督查组检查。")
    assert decide_region(nlp(text)).level == "township"


def test_the_portal_county_counts_only_when_the_text_names_it(nlp):
    text = "2023年，局党组推进依法行政，获评亳州市先进单位。\n全年办理复议案件十二件。"
    url = "https://www.mengcheng.gov.cn/a/1.html"
    assert decide_region(nlp(text), url=url) == decide_region(nlp(text))
    assert decide_region(nlp("局党组推进依法行政。"), url=url) is None


@pytest.mark.parametrize("text, name, level, parents", [
    # No title: the township opens the first sentence, and outweighs a province named twice in the body.
    ("2024年，清波街道坚持依法行政，推进普法。现将清波街道年度情况报告如下。\n落实《浙江省条例》《浙江省办法》。",
     "清波街道", "township", ("浙江省", "杭州市", "上城区")),
    # No title: a development zone is the opening sentence's subject; a province in its name, the city in the text.
    ("2024年，广西-东盟经济技术开发区（以下简称经开区）推进普法。\n在南宁市委领导下，全区稳定。",
     "广西-东盟经济技术开发区", "zone", ("广西壮族自治区", "南宁市")),
    # No title, and the subdistrict written short, as Guangzhou writes its 街道 (石牌街 for 石牌街道, not 石牌镇).
    ("2023年，石牌街持续深化法治建设，推进“八五”普法。\n石牌街党工委书记履行第一责任人职责。",
     "石牌街道", "township", ("广东省", "广州市", "天河区")),
])
def test_a_report_without_a_title_is_placed_by_its_opening_subject(nlp, text, name, level, parents):
    r = decide_region(nlp(text))
    assert (r.name, r.level, r.parent_names) == (name, level, parents)


def test_a_district_named_like_a_zone_stays_a_district(nlp):
    r = decide_region(nlp("2023年，浦东新区坚持依法行政。\n我区推进普法，全区稳定。"))
    assert (r.name, r.level) == ("浦东新区", "county")
    r = decide_region(nlp("2023年，高新区坚持依法行政，建设“平安珠海”。\n全区推进普法。"))
    assert (r.name, r.level, r.parent_names) == ("珠海高新区", "zone", ("广东省", "珠海市"))


def test_a_place_the_staff_went_to_learn_from_is_not_the_reports(nlp):
    # A district bureau's report: it names its own district once, in its plan's title; the district its
    # director took a group to, to learn, comes first in the text and in character order.
    text = ("2022年，局班子带队到大足区学习先进做法，我区依法行政水平提升，全区复议案件下降。\n"
            "印发《铜梁区法治政府建设实施方案》，全区推进述法。")
    assert decide_region(nlp(text)).name == "铜梁区"
    assert decide_region(nlp(text.replace("到大足区学习", "在大足区召开"))).name == "大足区"


def test_a_province_named_in_a_cited_title_does_not_head_the_report(nlp):
    # The opening line cites a provincial outline; the report is a city's, named as often in its body.
    text = ("根据《江苏省法治政府建设实施纲要》要求，现将本局情况报告如下。\n一、主要成效\n"
            "2023年，无锡市推进述法，局党组集体学法。无锡市入选示范创建名单。")
    r = decide_region(nlp(text))
    assert (r.name, r.level) == ("无锡市", "city")
    # A line that is nothing but a 《title》 is the report's own title, and heads it.
    own = "《宜兴市2023年法治政府建设情况报告》\n一、主要成效\n推进述法，依法行政，江苏省考核优秀。"
    assert decide_region(nlp(own)).name == "宜兴市"


def test_the_pages_address_breaks_a_tie_between_counties(nlp):
    text = "2022年，我区推进依法行政，全区复议案件下降。\n与大足区、铜梁区开展联合执法。"
    assert decide_region(nlp(text)).name == "大足区"  # named as often: the first by character order
    assert decide_region(nlp(text), url="http://www.cqtl.gov.cn/tongliang/1.html").name == "铜梁区"


def test_a_county_report_that_names_no_place_is_placed_by_its_portals_address(nlp):
    text = "2024年，我县坚持依法行政，全县行政复议案件下降。\n县委、县政府高度重视法治建设。"
    assert decide_region(nlp(text)) is None  # the text alone says only 我县
    assert decide_region(nlp(text), url="http://www.xuwen.gov.cn/zwgk/fzzfjs/1.html").name == "徐闻县"
    # An address two counties' names fit (河东区: 天津, 临沂), or none, places nothing.
    assert decide_region(nlp(text), url="http://www.hedong.gov.cn/1.html") is None
    assert decide_region(nlp(text), url="https://www.gov.cn/zhengce/1.htm") is None


def test_a_county_name_two_counties_bear_still_places_a_township_only_one_holds(nlp):
    # 朝阳区 is a district of 北京 and of 长春; of the two, only 北京's holds a 东湖街道.
    text = "东湖街道2023年法治政府建设情况报告\n在朝阳区委领导下，我街道推进普法，全街道稳定。"
    r = decide_region(nlp(text))
    assert (r.name, r.parent_names, r.ambiguous) == ("东湖街道", ("北京市", "朝阳区"), False)


def test_a_leading_addressee_is_not_the_header_the_opening_sentence_is(nlp):
    # No title: the addressee stands first and the opening sentence, which names the township once,
    # ends in 报告如下：. The township is the report's, not the city named once in the body.
    text = ("区委、区政府：\n"
            "2024年，二甲镇坚持以习近平法治思想为指导，统筹推进依法行政各项工作，法治政府建设取得新进展。现将有关情况报告如下：\n"
            "一、主要举措\n组织干部参加南通市学法平台考试，全镇干部全部通过。\n")
    r = decide_region(nlp(text))
    assert (r.name, r.level, r.parent_names) == ("二甲镇", "township", ("江苏省", "南通市", "通州区"))


def test_header_reaches_through_the_opening_sentence_after_an_addressee():
    from govkg.ingest.regions import header_end

    opening = "2023年，丁伙镇在区委、区政府的领导下，扎实推进法治政府建设，各项工作取得积极成效，现将有关情况汇报如下："
    text = "区委、区政府：\n" + opening + "\n一、主要做法\n"
    assert opening in text[:header_end(text)]
    # After a title, the addressee still ends the header: it names the superior.
    text = "丁伙镇2023年法治政府建设情况报告\n江都区人民政府：\n" + opening + "\n"
    assert text[:header_end(text)] == "丁伙镇2023年法治政府建设情况报告\n"


@pytest.mark.parametrize("line, addressee", [
    ("区委、区政府：", True),
    ("中共通州区委、通州区人民政府:", True),
    ("2024年，二甲镇坚持以习近平法治思想为指导，统筹推进依法行政各项工作，法治政府建设取得新进展。现将有关情况报告如下：", False),
    ("二甲镇2024年法治政府建设情况报告", False),
])
def test_addressee_lines(line, addressee):
    from govkg.ingest.regions import is_addressee

    assert is_addressee(line) is addressee


@pytest.mark.parametrize("text, name, parents, candidates", [
    # The township is named only in its unquoted brand; the table holds it in one county.
    ("2024年，我乡在上级的领导下推进依法行政。\n一、主要举措\n明确法治盛家坝建设的年度任务，我乡干部全员学法。",
     "盛家坝乡", ("湖北省", "恩施土家族苗族自治州", "恩施市"), ()),
    # 东陂镇 is in 宜黄县 (Jiangxi) and in 连州市 (Guangdong): the county the text names decides ...
    ("2024年，在宜黄县委、县政府的领导下，我镇推进依法行政。\n一、主要举措\n合力推进法治东陂建设，我镇干部全员学法。",
     "东陂镇", ("江西省", "抚州市", "宜黄县"), ()),
    # ... and without one, both stay candidates.
    ("2024年，在县委、县政府的领导下，我镇推进依法行政。\n一、主要举措\n合力推进法治东陂建设，我镇干部全员学法。",
     "东陂镇", (), ("361026", "441882")),
])
def test_a_township_named_only_in_its_unquoted_slogan(nlp, text, name, parents, candidates):
    r = decide_region(nlp(text))
    assert (r.name, r.level, r.parent_names, r.candidates) == (name, "township", parents, candidates)


def test_a_bureau_that_governs_its_district_by_law_speaks_at_county_level(nlp):
    # The district is named only in a cited title, 全区 once: its own 依法治区 work, twice outside the
    # title, says the report is a district body's, and the one district named is its own.
    text = ("2023年，我局坚持以习近平法治思想为指导，认真落实《江都区2023年法治政府建设工作要点》，牢固树立依法治区理念。"
            "现将有关情况报告如下：\n一、主要做法\n成立全面依法治区工作领导小组，为全区发展提供法治保障。\n")
    doc = nlp(text)
    assert self_level(doc) == "county"
    r = decide_region(doc)
    assert (r.name, r.level, r.parent_names) == ("江都区", "county", ("江苏省", "扬州市"))


def test_governing_by_law_counts_like_a_weak_self_reference(nlp):
    assert self_level(nlp("我局落实依法治区要求，成立全面依法治区工作领导小组，服务全区发展。")) == "county"
    # Inside a cited title it is the document's, not the report's.
    assert self_level(nlp("我局落实《全面依法治区工作要点》《依法治区规划》，服务全区。")) is None
    # A township that calls itself 我镇 stays a township, however often it names the county's committee.
    assert self_level(nlp("在县委依法治县办指导下，我镇落实依法治县部署，配合县委全面依法治县委员会工作。")) == "township"
