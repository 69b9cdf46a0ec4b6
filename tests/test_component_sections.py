"""``govkg_sections`` on its own: sentences and classified sections."""
import pytest
from conftest import blank_with


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_sections")


def test_it_needs_no_other_component(nlp):
    assert nlp.pipe_names == ["govkg_sections"]


def test_sections_and_sentences(nlp):
    doc = nlp("总体良好。\n一、2023年工作成效\n推进述法；深化普法！\n二、下一步工作打算\n推进府院联动。")
    assert [s.label_ for s in doc.spans["sections"]] == ["preamble", "achievement", "plan"]
    assert [s.text for s in doc.sents] == ["总体良好。", "\n", "一、2023年工作成效", "\n", "推进述法；", "深化普法！", "\n",
                                           "二、下一步工作打算", "\n", "推进府院联动。"]
    assert doc.user_data["govkg_sentences"][:2] == [(0, 5), (6, 17)]


def test_an_empty_text_has_no_sections(nlp):
    doc = nlp("")
    assert list(doc.spans["sections"]) == []
