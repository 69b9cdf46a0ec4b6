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
