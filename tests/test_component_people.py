"""``govkg_people`` on its own: people named with their role."""
import pytest
from conftest import blank_with


@pytest.fixture(scope="module")
def nlp():
    return blank_with("govkg_people")


def test_it_needs_no_other_component(nlp):
    assert nlp.pipe_names == ["govkg_people"]


def test_people(nlp):
    doc = nlp("副区长、公安局局长刘文彬宣读了方案，中国法学会副会长江必新教授作报告。")
    assert [(s.text, s.kb_id_) for s in doc.spans["people"]] == [("刘文彬", "局长"), ("江必新", "副会长")]


def test_people_without_a_common_surname(nlp):
    doc = nlp("萨仁高娃同志是嘎查人民调解委员会主任，长年奔走在牧区。城关街道调解员扎西顿珠用藏汉双语调解纠纷8年。"
              "德古调解员阿苦日哈扎根山区。杜春燕是镇人民调解委员会的专职调解员，熟悉方言。乡贤调解员韦德芳调处山林纠纷。")
    assert [s.text for s in doc.spans["people"]] == ["萨仁高娃", "扎西顿珠", "阿苦日哈", "杜春燕", "韦德芳"]


def test_words_after_a_role_are_no_names(nlp):
    doc = nlp("调解员队伍长期坚守一线，负责人是镇长，律师担任常年法律顾问，民警连续三年获评优秀，"
              "人民调解委员会全县唯一获评先进，法律明白人和人民调解员发挥作用。")
    assert [s.text for s in doc.spans["people"]] == []


def test_serves_as_and_all_are_not_names(nlp):
    doc = nlp("镇党委书记任组长、镇长任双组长。习近平总书记全面依法治国的新思想。调解员王芳扎根基层。")
    assert [s.text for s in doc.spans["people"]] == ["王芳"]
