"""``govkg_lexicon`` on its own: programs and agencies from the lexicon, and its patterns on disk."""
import pytest
from conftest import blank_with
from govkg.ingest.components.lexicon_ruler import LexiconRuler


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_lexicon")


def test_it_needs_no_other_component(nlp):
    assert nlp.pipe_names == ["govkg_lexicon"]


def test_lexicon_ruler_matches_variants_longest_first(nlp):
    doc = nlp("开展“法律明白人”培养工程，落实村（居）法律顾问制度，县公安局参加。")
    got = [(s.kb_id_, s.text) for s in doc.spans["programs"]]
    assert got == [("legal_literate_villagers", "法律明白人”培养工程"), ("village_legal_advisers", "村（居）法律顾问")]
    assert [s.kb_id_ for s in doc.spans["agencies"]] == ["public_security_bureau"]


@pytest.mark.parametrize("text, program", [
    ("各村配备驻村律师，每月到村坐班一天。", "village_legal_advisers"),  # Guangdong's word for the village adviser
    ("强化干部学法，全年组织考试两次。", "leaders_study_law"),
    ("局党组集体学法6次。", "leaders_study_law"),
    ("审查和备案规范性文件20件。", "normative_document_review"),  # the verb before its object
    # how officials' law study is counted: by session kind, by body, or for all state employees
    ("局务会议前安排专题学法，全年九次。", "leaders_study_law"),
    ("镇班子成员开展专题法治学习8次。", "leaders_study_law"),
    ("党组中心组学法列入年度计划。", "leaders_study_law"),
    ("区政府常务会议学法5次。", "leaders_study_law"),
    ("抓好国家工作人员学法，参考率达到百分之百。", "leaders_study_law"),
    # the N-places campaign named after the work rather than after 法律
    ("组织法治宣传“七进”活动15场。", "law_into_n_places"),
    ("深化普法八进，覆盖全部行政村。", "law_into_n_places"),
    # 12月4日 was the 全国法制宣传日 before it became 国家宪法日 (2014); reports write 12·4 and 12.4
    ("借助“12.4”全国法制宣传日摆摊设点。", "constitution_week"),
    ("以12.4宪法宣传为契机开展集中宣传。", "constitution_week"),
    # the kinds of rule-of-law inspection: comprehensive, special, on-site
    ("市委依法治市办开展法治政府建设综合督察。", "rule_of_law_inspection"),
    ("对各乡镇开展法治建设专项督察。", "rule_of_law_inspection"),
    ("迎接省里的法治政府建设实地督察。", "rule_of_law_inspection"),
    ("稳步推进街道综合执法改革，执法队伍下沉。", "township_comprehensive_enforcement_reform"),
    ("完成乡镇（街道）综合执法改革任务。", "township_comprehensive_enforcement_reform"),
    # the must-know lists under the names departments give their own versions
    ("编印《应知应会党内法规和国家法律法规清单》。", "must_know_law_lists"),
    ("制定本系统应知应会党内法规和法律法规清单。", "must_know_law_lists"),
    ("印发领导干部应知应会法律清单。", "must_know_law_lists"),
    # the dispute mediation-and-resolution centres (矛调中心) and the work they do
    ("建成镇级“一站式”矛调中心，常驻部门五个。", "dispute_screening"),
    ("县社会矛盾纠纷调处化解中心受理纠纷300件。", "dispute_screening"),
    # the dispute work named without its screening step
    ("推动矛盾纠纷化解在基层，全年化解纠纷86件。", "dispute_screening"),
    # the leaders' duty written as the chief (首要) rather than first responsibility, or without the word
    ("镇长认真履行推进法治建设的首要责任人职责。", "first_responsibility_for_rule_of_law"),
    ("各村书记落实党政主要负责人推进法治建设职责。", "first_responsibility_for_rule_of_law"),
    # a bare 法律顾问 the reporting body hired is its government's adviser (the report speaks of its own
    # hiring; an earlier rule left 聘请法律顾问审查合同 untagged, and real township reports lost the program) ...
    ("聘请法律顾问审查合同。", "government_legal_advisers"),
    ("镇政府聘请两名律师担任常年法律顾问。", "government_legal_advisers"),
    # ... a village's where the clause names the villages it is for
    ("为全镇16个行政村配备兼职法律顾问。", "village_legal_advisers"),
    ("法律顾问团列席政府常务会议。", "government_legal_advisers"),
    # officials studying a law by its title, without the word 学法
    ("镇班子成员集中学习《中华人民共和国行政处罚法》。", "leaders_study_law"),
    ("局党组中心组专题学习《信访工作条例》两次。", "leaders_study_law"),
    ("落实法律顾问制度，审查合同15份。", "government_legal_advisers"),
    # 法律顾问室 is the government's legal-adviser office (深圳 set up the first in 1988) ...
    ("县政府设立法律顾问室，审核合同42份。", "government_legal_advisers"),
    # ... unless it is a village's
    ("各村法律顾问室每周开放两天。", "village_legal_advisers"),
])
def test_ways_reports_state_a_program_plainly(nlp, text, program):
    doc = nlp(text)
    assert [s.kb_id_ for s in doc.spans["programs"]] == [program]


def test_public_legal_service_agencies(nlp):
    doc = nlp("县公证处、县法律援助中心和镇财政所参加，县融媒体中心报道。")
    assert [s.kb_id_ for s in doc.spans["agencies"]] == ["notary_office", "legal_aid_centre", "finance_office",
                                                         "media_centre"]


def test_lexicon_ruler_round_trips_to_disk(tmp_path, nlp):
    ruler = nlp.get_pipe("govkg_lexicon")
    ruler.to_disk(tmp_path)
    assert (tmp_path / "patterns.jsonl").read_text(encoding="utf-8").count("\n") == len(ruler.patterns)
    again = LexiconRuler([]).from_disk(tmp_path)
    assert again.patterns == ruler.patterns


def test_without_the_schema_it_tags_nothing():
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("govkg_lexicon", config={"use_schema": False})
    doc = nlp("县司法局培养法治明白人。")
    assert list(doc.spans["programs"]) == [] and list(doc.spans["agencies"]) == []


def test_a_term_inside_a_longer_alias_that_fails_near_its_end_is_found(nlp):
    # The lexicon lists both 法治建设第一责任人 and longer aliases ending in …第一责任人职责; here the
    # sentence goes on with 责任, so only the shorter one matches (pyahocorasick's iter_long lost it).
    doc = nlp("压实党政主要负责人履行推进法治建设第一责任人责任，按时述法。")
    assert [s.kb_id_ for s in doc.spans["programs"]] == ["first_responsibility_for_rule_of_law", "leaders_report_on_law"]


@pytest.mark.parametrize("text", [
    "推进交通运输综合执法改革，组建执法支队。",  # a sector's reform, not the township one
    "组织应知应会法律知识考试一次。",  # an exam, not the must-know list
    "企业主要负责人履行安全生产第一责任人职责。",  # first responsibility, but not for the rule of law
    "发挥法律顾问作用，审查合同20份。",  # an adviser named, none hired: too general alone
    "指导辖区企业聘请法律顾问。",  # the firms' advisers, not the government's
    "班子成员集中学习《习近平谈治国理政》第四卷。",  # officials study, but not a law
    "组织群众学习《民法典》。",  # a law studied, by the public: legal education, not officials' study
])
def test_phrases_that_only_look_like_a_program(nlp, text):
    assert [s.kb_id_ for s in nlp(text).spans["programs"]] == []
