"""The whole pipeline: govkg's tokenizer, and components ordered and run by what they declare."""
import pytest
from conftest import blank_with
from govkg.ingest.components import CONTRACTS, Contract, component, load_components, pipeline_order, requirements
from govkg.ingest.components._spans import spans_of
from spacy.pipe_analysis import analyze_pipes
from spacy.tokens import Doc

# Every component finds something here: sections, programs, agencies, places, policies, people, honors.
TEXT = ("博爱县司法局2023年法治政府建设工作报告\n一、工作成效\n我县推进“八五”普法，印发《博爱县法治宣传教育规划》。"
        "南道村保留“全国民主法治示范村”称号。调解员张中央获全国优秀调解员称号。县公安局、省司法厅参加。\n"
        "二、下一步工作打算\n力争荣获全国先进集体。")
#: Every component (importing them registers them).
NAMES = sorted(load_components())


def _groups(doc, name):
    return {item.split(":", 1)[1]: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in spans_of(doc, item.split(":", 1)[1])]
            for item in CONTRACTS[name].writes if item.startswith("spans:")}


def test_char_tokenizer_keeps_text_and_offsets(nlp):
    text = "关于2023年 法治\n\n建设。"
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc][:4] == ["关", "于", "2", "0"]


def test_the_pipeline_holds_every_component_after_what_it_reads(nlp):
    assert sorted(nlp.pipe_names) == sorted(CONTRACTS)
    assert all(not problems for problems in analyze_pipes(nlp)["problems"].values())
    done = set()
    for name in nlp.pipe_names:
        assert set(requirements(name)) <= done
        done.add(name)


@pytest.mark.parametrize("name", NAMES)
def test_a_component_with_only_its_requirements_finds_what_it_finds_in_the_pipeline(nlp, name):
    alone = blank_with(name)(TEXT)
    assert _groups(alone, name) == _groups(nlp(TEXT), name)
    assert any(_groups(alone, name).values()), f"{name} finds nothing in TEXT; make TEXT exercise it"


@pytest.mark.parametrize("name", NAMES)
def test_span_groups_made_when_first_read_are_those_made_at_once(nlp, name):
    """govkg's tokenizer lets the groups be made on first access (see lazy_span_groups);
    spaCy's own makes them at once: the spans are the same, and survive serialisation."""
    def groups(doc):
        return {k: [(s.start_char, s.end_char, s.label_, s.kb_id_, s.text) for s in doc.spans[k]] for k in _groups(doc, name)}

    lazy = nlp(TEXT)
    assert type(lazy.spans).__name__ == "_LazySpanGroups"
    assert groups(lazy) == groups(blank_with(name)(TEXT))
    assert all(groups(lazy)[k] == [tuple(v) for v in spans_of(lazy, k)] for k in _groups(lazy, name))
    again = Doc(nlp.vocab).from_bytes(nlp(TEXT).to_bytes(exclude=["user_data"]))
    assert groups(again) == groups(lazy)


@pytest.mark.parametrize("name", NAMES)
def test_a_component_writes_what_it_declares(name):
    doc = blank_with(name)(TEXT)
    written = {f"spans:{k}" for k in doc.spans} | {f"user_data:{k}" for k in doc.user_data if isinstance(k, str)}
    declared = {item for n in (*requirements(name), name) for item in CONTRACTS[n].writes if ":" in item}
    caches = {"user_data:govkg_text", "user_data:govkg_original"}  # see govkg.ingest.components
    assert {item for item in CONTRACTS[name].writes if ":" in item} <= written
    assert written - caches <= declared


def test_an_order_is_refused_when_a_component_reads_what_none_writes():
    @component("govkg_test_reader", reads=("spans:nothing_writes_this",))
    def make_reader(nlp, name):
        return lambda doc: doc

    try:
        with pytest.raises(ValueError, match="govkg_test_reader reads spans:nothing_writes_this, which no component"):
            pipeline_order()
    finally:
        del CONTRACTS["govkg_test_reader"]
    assert "govkg_test_reader" not in pipeline_order()


def test_a_contract_names_spans_user_data_or_spacy_attributes():
    with pytest.raises(ValueError, match="expected spans:<group>, user_data:<key>"):
        component("govkg_test_bad", writes=("doc_spans:x",))
    assert Contract() == Contract((), ())
