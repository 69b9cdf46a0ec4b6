"""One test per pipeline component, on tiny texts through the real pipeline."""
from govkg.ingest.components.lexicon_ruler import LexiconRuler


def test_char_tokenizer_keeps_text_and_offsets(nlp):
    text = "关于2023年 法治\n\n建设。"
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc][:4] == ["关", "于", "2", "0"]


def test_sections_and_sentences(nlp):
    doc = nlp("总体良好。\n一、2023年工作成效\n推进述法；深化普法！\n二、下一步工作打算\n推进府院联动。")
    assert [s.label_ for s in doc.spans["sections"]] == ["preamble", "achievement", "plan"]
    assert "推进述法；" in [s.text for s in doc.sents]


def test_lexicon_ruler_matches_variants_longest_first(nlp):
    doc = nlp("开展“法律明白人”培养工程，落实村（居）法律顾问制度，县公安局参加。")
    got = [(s.kb_id_, s.text) for s in doc.spans["programs"]]
    assert got == [("legal_literate_villagers", "法律明白人”培养工程"), ("village_legal_advisers", "村（居）法律顾问")]
    assert [s.kb_id_ for s in doc.spans["agencies"]] == ["public_security_bureau"]


def test_lexicon_ruler_round_trips_to_disk(tmp_path, nlp):
    ruler = nlp.get_pipe("govkg_lexicon")
    ruler.to_disk(tmp_path)
    assert (tmp_path / "patterns.jsonl").read_text(encoding="utf-8").count("\n") == len(ruler.patterns)
    again = LexiconRuler([]).from_disk(tmp_path)
    assert again.patterns == ruler.patterns


def test_places(nlp):
    doc = nlp("南道村、七方村通过考核。我乡建设“法治李庄”。郏县全面推进。")
    got = [(s.text, s.label_) for s in doc.spans["places"]]
    assert ("南道村", "VILLAGE") in got and ("七方村", "VILLAGE") in got
    assert ("李庄", "SLOGAN") in got and ("我乡", "SELF") in got and ("郏县", "DIVISION") in got


def test_villages_listed_before_their_count(nlp):
    doc = nlp("青松村、白杨村2个村通过验收。红旗村、新华村等4个村完成创建。")
    assert [s.text for s in doc.spans["places"] if s.label_ == "VILLAGE"] == ["青松村", "白杨村", "红旗村", "新华村"]


def test_policies(nlp):
    doc = nlp("印发《郏县重大行政决策程序规则》和《关于加强法治乡村建设的意见》。")
    assert [s.text for s in doc.spans["policies"]] == ["郏县重大行政决策程序规则", "关于加强法治乡村建设的意见"]


def test_people(nlp):
    doc = nlp("副区长、公安局局长刘文彬宣读了方案，中国法学会副会长江必新教授作报告。")
    assert sorted({s.text for s in doc.spans["people"]}) == ["刘文彬", "江必新"]


def test_people_without_a_common_surname(nlp):
    doc = nlp("萨仁高娃同志是嘎查人民调解委员会主任，长年奔走在牧区。城关街道调解员扎西顿珠用藏汉双语调解纠纷8年。"
              "德古调解员阿苦日哈扎根山区。杜春燕是镇人民调解委员会的专职调解员，熟悉方言。乡贤调解员韦德芳调处山林纠纷。")
    assert [s.text for s in doc.spans["people"]] == ["萨仁高娃", "扎西顿珠", "阿苦日哈", "杜春燕", "韦德芳"]


def test_words_after_a_role_are_no_names(nlp):
    doc = nlp("调解员队伍长期坚守一线，负责人是镇长，律师担任常年法律顾问，民警连续三年获评优秀，"
              "人民调解委员会全县唯一获评先进，法律明白人和人民调解员发挥作用。")
    assert [s.text for s in doc.spans["people"]] == []


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


def test_township_names_in_titles_and_with_their_party_committee(nlp):
    doc = nlp("什刹海街道2023年法治政府建设工作情况报告\n什刹海街道工委、办事处扎实推进。")
    assert [(s.text, s.label_) for s in doc.spans["places"] if s.label_ == "TOWNSHIP"] == [
        ("什刹海街道", "TOWNSHIP"), ("什刹海街道", "TOWNSHIP")]


def test_public_legal_service_agencies(nlp):
    doc = nlp("县公证处、县法律援助中心和镇财政所参加，县融媒体中心报道。")
    assert [s.kb_id_ for s in doc.spans["agencies"]] == ["notary_office", "legal_aid_centre", "finance_office",
                                                         "media_centre"]


def test_people_with_comrade_and_several_titles(nlp):
    doc = nlp("一、成效\n街道人民调解委员会主任谭桂香同志被湖南省司法厅评为全省优秀人民调解员，"
              "枫林坡社区党委书记刘建华同志被评为长沙市优秀“法律明白人”。县司法局党组书记、局长祁永胜被评为全国模范司法所长。")
    assert _recipients(doc) == [("全省优秀人民调解员", ["谭桂香"]), ("长沙市优秀法律明白人", ["刘建华"]),
                                ("全国模范司法所长", ["祁永胜"])]


def test_a_model_community_is_its_own_honor(nlp):
    from govkg.schema.lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.find_honor("全国民主法治示范社区").id == "national_model_community"
    assert lex.find_honor("全国民主法治示范村").id == "national_model_village"


def test_serves_as_and_all_are_not_names(nlp):
    doc = nlp("镇党委书记任组长、镇长任双组长。习近平总书记全面依法治国的新思想。调解员王芳扎根基层。")
    assert [s.text for s in doc.spans["people"]] == ["王芳"]


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
