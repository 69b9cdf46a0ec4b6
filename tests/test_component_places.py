"""``govkg_places`` on its own: divisions, townships, villages, slogans, self-references."""
import pytest
from conftest import blank_with


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_places")


def test_it_needs_no_other_component(nlp):
    assert nlp.pipe_names == ["govkg_places"]


def test_places(nlp):
    doc = nlp("南道村、七方村通过考核。我乡建设“法治李庄”。郏县全面推进。")
    assert [(s.text, s.label_) for s in doc.spans["places"]] == [
        ("南道村", "VILLAGE"), ("七方村", "VILLAGE"), ("我乡", "SELF"), ("李庄", "SLOGAN"), ("郏县", "DIVISION")]


def test_villages_listed_before_their_count(nlp):
    doc = nlp("青松村、白杨村2个村通过验收。红旗村、新华村等4个村完成创建。")
    assert [s.text for s in doc.spans["places"] if s.label_ == "VILLAGE"] == ["青松村", "白杨村", "红旗村", "新华村"]


def test_township_names_in_titles_and_with_their_party_committee(nlp):
    doc = nlp("什刹海街道2023年法治政府建设工作情况报告\n什刹海街道工委、办事处扎实推进。")
    assert [(s.text, s.label_) for s in doc.spans["places"] if s.label_ == "TOWNSHIP"] == [
        ("什刹海街道", "TOWNSHIP"), ("什刹海街道", "TOWNSHIP")]


def test_a_subdistrict_written_short_where_it_opens_a_clause(nlp):
    doc = nlp("2023年，石牌街推进普法。天河区石牌街党工委学法。在石牌街开展宣传，石牌街口设点，全区街镇。")
    short = [(s.text, s.kb_id_) for s in doc.spans["places"] if s.label_ == "TOWNSHIP"]
    # Opening a clause and after its district, yes; after 在 or before 口 it is the street.
    assert short == [("石牌街", "石牌街道"), ("石牌街", "石牌街道")]


def test_an_unquoted_slogan_names_a_township_by_the_reports_own_ending(nlp):
    texts = [
        # Unquoted, the brand names a township of the table with the ending the report calls itself by.
        "我乡推进依法行政，明确法治盛家坝建设的目标。",
        "我镇压实责任，合力推进平安东陂建设。",
        # Not with another ending: the report speaks as a county, and 盛家坝县 is no division.
        "我县推进依法行政，明确法治盛家坝建设的目标。",
        # Nor a township whose name is an everyday word (中心镇), nor a word no slogan names (法治乡村).
        "我镇推进法治中心建设，建设法治乡村。",
    ]
    docs = [nlp(t) for t in texts]
    assert [[s.text for s in d.spans["places"] if s.label_ == "SLOGAN"] for d in docs] == [["盛家坝"], ["东陂"], [], []]
