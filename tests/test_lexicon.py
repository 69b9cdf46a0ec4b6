import pytest
from govkg.schema.lexicon import LexiconError, lexicon_from_data, load_lexicon


def test_every_entry_is_complete():
    lex = load_lexicon()
    assert len(lex.programs) >= 50
    for p in lex.programs.values():
        assert p.id and p.name and p.name_en and p.category and p.aliases
    for h in lex.honors.values():
        assert h.level in ("national", "provincial", "city", "county")
    for a in lex.agencies.values():
        assert a.scope in ("local", "township", "province", "national")


def test_variants_find_one_program():
    lex = load_lexicon()
    ids = {lex.find_program(x).id for x in ("“八五”普法", "八五普法", "关于开展法治宣传教育的第八个五年规划")}
    assert ids == {"eighth_five_year_legal_education"}
    ids = {lex.find_program(x).id for x in ("法律明白人", "法治明白人", "法律明白人培养工程")}
    assert ids == {"legal_literate_villagers"}
    assert lex.find_program("no such programme") is None


def test_an_alias_with_two_owners_is_refused():
    progs = [{"id": "a", "name": "述法", "name_en": "A", "category": "x", "aliases": ["专题述法"]},
             {"id": "b", "name": "专题述法", "name_en": "B", "category": "x"}]
    with pytest.raises(LexiconError, match="belongs to both"):
        lexicon_from_data(progs, [], [], {})


def test_a_missing_english_name_is_refused():
    with pytest.raises(LexiconError, match="name_en"):
        lexicon_from_data([{"id": "a", "name": "述法", "category": "x"}], [], [], {})


def test_words_of_an_agency_kind_must_be_a_list():
    kind = {"id": "a", "name": "街道办事处", "name_en": "A", "scope": "local", "governs": "街道"}
    with pytest.raises(LexiconError, match="'governs' of 'a' must be a list"):
        lexicon_from_data([], [], [kind], {})
    assert load_lexicon().agencies["subdistrict_office"].governs == ("街道",)


@pytest.mark.parametrize("cued", [
    {"alias": "法律顾问"},  # no cues: it would be a plain alias
    {"alias": "法律顾问", "before": ["聘请"]},  # a list of words, not a list of lists
    {"alias": "法律顾问", "before": [[]]},
    {"alias": "法律顾问", "before": [["聘请"]], "unless": "企业"},
    {"alias": "法律顾问", "before": [["聘请"]], "near": [["审查"]]},  # a key the rule does not read
    {"alias": "法律顾问", "before": [["聘请"]], "after": ["审查"]},  # after, like before, is a list of lists
])
def test_a_cued_alias_needs_its_cues(cued):
    prog = {"id": "a", "name": "政府法律顾问制度", "name_en": "A", "category": "x", "cued_aliases": [cued]}
    with pytest.raises(LexiconError, match="cued alias"):
        lexicon_from_data([prog], [], [], {})


def test_cued_aliases_are_read():
    [c] = load_lexicon().programs["government_legal_advisers"].cued_aliases
    assert c.alias == "法律顾问" and "聘请" in c.before[0] and "企业" in c.unless


def test_a_model_community_is_its_own_honor():
    lex = load_lexicon()
    assert lex.find_honor("全国民主法治示范社区").id == "national_model_community"
    assert lex.find_honor("全国民主法治示范村").id == "national_model_village"
