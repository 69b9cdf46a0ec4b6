"""``govkg_honors`` on its own, after only the components it reads: honors and their recipients."""
import pytest
from conftest import blank_with


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_honors")


def test_it_runs_after_the_components_it_reads(nlp):
    assert nlp.pipe_names == ["govkg_lexicon", "govkg_people", "govkg_places", "govkg_sections", "govkg_honors"]


def test_honors_and_recipients(nlp):
    doc = nlp("一、工作成效\n泗沟村、七方村先后通过考核，被命名为“省级民主法治示范村”称号。"
              "我县市场监管局、医保局被评为市级行政执法责任制示范点。\n二、下一步打算\n力争荣获全国先进集体。")
    assert [(h.kb_id_, h.label_) for h in doc.spans["honors"]] == [
        ("省级民主法治示范村", "provincial"), ("市级行政执法责任制示范点", "city")]
    rec = [(r.text, r.label_) for r in doc.spans["honor_recipients"]]
    assert rec == [("泗沟村", "0"), ("七方村", "0"), ("市场监管局", "1"), ("医保局", "1")]


def test_planning_to_create_is_not_an_honor(nlp):
    doc = nlp("一、工作情况\n全面启动创建省级法治政府建设示范县工作，新创建五星级规范化司法所5个。")
    assert list(doc.spans["honors"]) == []


def _recipients(doc):
    return [(h.kb_id_, [r.text for r in doc.spans["honor_recipients"] if r.label_ == str(i)])
            for i, h in enumerate(doc.spans["honors"])]


def test_everyone_after_bei_gives_the_honor(nlp):
    doc = nlp("一、成效\n深化创建，潭门镇椰林村被省司法厅、省民政厅命名为“海南省民主法治示范村”。")
    assert _recipients(doc) == [("海南省民主法治示范村", ["潭门镇椰林村"])]


def test_a_title_headed_by_a_place_is_an_honor(nlp):
    doc = nlp("一、成效\n街道司法所深入推进规范化建设，年内被评为西城区“枫桥式”司法所。")
    assert [(h.kb_id_, h.label_) for h in doc.spans["honors"]] == [("西城区枫桥式司法所", "county")]
    assert _recipients(doc)[0][1] == ["司法所"]


def test_the_issuer_speaking_of_itself_receives_the_honor(nlp):
    doc = nlp("一、成效\n2021年,我局被省委宣传部、省司法厅评为\"全省'七五'普法工作先进集体\"。")
    assert [(r.text, r.kb_id_) for r in doc.spans["honor_recipients"]] == [("我局", "SELF_AGENCY")]


def test_a_person_heads_the_phrase_that_names_their_place(nlp):
    doc = nlp("一、成效\n靖和街道人民调解员金英姬用朝汉双语调解纠纷15年,被司法部评为\"全国优秀人民调解员\"。")
    assert _recipients(doc) == [("全国优秀人民调解员", ["金英姬"])]


def test_a_passive_clause_takes_the_subject_of_the_clause_before(nlp):
    doc = nlp("一、成效\n组织开展示范创建，桂溪村经省司法厅审核，被命名为“福建省民主法治示范村”。")
    assert _recipients(doc) == [("福建省民主法治示范村", ["桂溪村"])]


def test_people_with_comrade_and_several_titles(nlp):
    doc = nlp("一、成效\n街道人民调解委员会主任谭桂香同志被湖南省司法厅评为全省优秀人民调解员，"
              "枫林坡社区党委书记刘建华同志被评为长沙市优秀“法律明白人”。县司法局党组书记、局长祁永胜被评为全国模范司法所长。")
    assert _recipients(doc) == [("全省优秀人民调解员", ["谭桂香"]), ("长沙市优秀法律明白人", ["刘建华"]),
                                ("全国模范司法所长", ["祁永胜"])]


def test_batches_and_fengqiao_titles_and_the_office_that_heads_a_phrase(nlp):
    doc = nlp("一、成效\n孝丰镇竹韵村入选第九批“全国民主法治示范村（社区）”；县人民法院永兴人民法庭入选全国“枫桥式人民法庭”；"
              "区公安分局簇桥派出所入选“全国‘枫桥式’公安派出所”。")
    assert _recipients(doc) == [("全国民主法治示范村（社区）", ["孝丰镇竹韵村"]), ("枫桥式人民法庭", ["人民法庭"]),
                                ("全国枫桥式公安派出所", ["派出所"])]


def test_a_line_indent_opens_a_clause(nlp):
    doc = nlp("一、成效\n　　金井镇海霞村被命名为“全国民主法治示范村（社区）”；\n　　宏村司法所被司法部授予“全国模范司法所”称号；\n"
              "市公证处公证员蔡志明同志荣获“福建省优秀公证员”称号。")
    assert _recipients(doc) == [("全国民主法治示范村（社区）", ["金井镇海霞村"]), ("全国模范司法所", ["司法所"]),
                                ("福建省优秀公证员", ["蔡志明"])]
