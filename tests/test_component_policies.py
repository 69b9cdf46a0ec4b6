"""``govkg_policies`` on its own: documents cited by title."""
import pytest
from conftest import blank_with


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_policies")


def test_it_needs_no_other_component(nlp):
    assert nlp.pipe_names == ["govkg_policies"]


def test_policies(nlp):
    doc = nlp("印发《郏县重大行政决策程序规则》和《关于加强法治乡村建设的意见》。")
    assert [s.text for s in doc.spans["policies"]] == ["郏县重大行政决策程序规则", "关于加强法治乡村建设的意见"]


def test_nested_and_too_short_titles_are_skipped(nlp):
    doc = nlp("学习《中华人民共和国《宪法》》和《法》。")
    assert [s.text for s in doc.spans["policies"]] == ["宪法"]
