"""The body a report speaks as: 我局 and the report's field, or the government of its division."""
import pytest
from govkg.ingest.records import Evidence, RegionRef
from govkg.ingest.speaker import _fits, field_of, government_of, self_references, under_guidance
from govkg.schema.lexicon import load_lexicon

LEX = load_lexicon()
NO_EVIDENCE = Evidence("report:1", "", 0, 0)


def test_a_subdistrict_is_governed_by_its_office_and_a_county_by_its_government():
    office = government_of(RegionRef("白塔街道", "township"), LEX, NO_EVIDENCE)
    assert (office.name, office.kind) == ("白塔街道办事处", "subdistrict_office")
    town = government_of(RegionRef("城关镇", "township"), LEX, NO_EVIDENCE)
    assert (town.name, town.kind) == ("城关镇人民政府", "people_government")


def test_a_body_speaks_of_itself_only_outside_quotations():
    text = ("局长在会上说：“我局要带头学法。”我局全年审查文件30件。"
            "副局长称\"我局已完成\"。群众找我办事更方便，本办法自公布之日起施行，基本局面稳定。")
    assert self_references(text, LEX) == {"我局": 1}
    assert self_references("二是我委推进依法决策，我委班子带头述法。", LEX) == {"我委": 2}


@pytest.mark.parametrize("text, endings, kind", [
    ("全县司法行政系统推进述法。", ("局",), "justice_bureau"),
    ("推进生态环境领域依法行政，向省生态环境厅报告。", ("局",), "ecology_environment"),
    ("全区市场监管系统开展执法检查。", ("局",), "market_regulation"),
    # 我委: only a commission, though 卫健局 and 卫健委 share a field.
    ("全市卫生健康系统推进依法执业。", ("委员会", "委"), "health_commission"),
    # a provincial department speaks as 我厅
    ("全省司法行政系统推进述法。", ("厅",), "justice_department"),
])
def test_the_field_a_report_shows_names_the_kind_of_its_body(text, endings, kind):
    assert field_of(text, endings, LEX).kind.id == kind


@pytest.mark.parametrize("text, endings", [
    ("推进依法行政，深化述法。", ("局",)),                         # no field at all
    ("全县司法行政系统推进生态环境领域执法监督。", ("局",)),          # two fields, neither clearly ahead
    ("全县生态环境系统推进述法。", ("委员会", "委")),                # a field, but no commission works in it
    ("我局向省司法厅报告，被省司法厅表彰。", ("局",)),              # a superior places a body, it gives no field
])
def test_no_kind_when_the_field_is_not_clear(text, endings):
    assert field_of(text, endings, LEX) is None


def test_a_bureau_under_a_provincial_department_is_no_provinces():
    guess = field_of("推进生态环境领域依法行政，向省生态环境厅报告。", ("局",), LEX)
    assert guess.under_province
    assert _fits(guess, RegionRef("绍兴市", "city"))
    assert not _fits(guess, RegionRef("浙江省", "province"))
    assert not _fits(guess, RegionRef("东湖街道", "township"))
    own = field_of("全省市场监管系统推进信用监管。", ("局",), LEX)
    assert not own.under_province and _fits(own, RegionRef("浙江省", "province"))


#: A body framed as the cause or guide of the work (得益于…领导/引领, 在…引领下), and bodies that act.
FRAMED = [
    # a cause after 得益于: the leaders' and the guiding committee's, the verb closing on a comma
    ("2023年，得益于市委、市政府的有力领导和市委依法治市委员会的精心引领，我局扎实推进依法行政。", "市政府"),
    ("2023年，得益于市委、市政府的有力领导和市委依法治市委员会的精心引领，我局扎实推进依法行政。", "市委依法治市委员会"),
    ("得益于区人民政府的大力支持，街道完成了综合执法改革。", "区人民政府"),
    ("在县委依法治县办的引领下，全县推进述法。", "县委依法治县办"),
]
ACTING = [
    ("得益于改革，县政府全年审查规范性文件12件。", "县政府"),
    ("得益于群众参与，我们在县司法局开展了调解培训。", "县司法局"),
]


def test_a_body_framed_as_the_cause_or_guide_of_the_work_did_not_do_it():
    def framed(text: str, body: str) -> bool:
        start = text.index(body)
        return under_guidance(text, start, start + len(body))

    assert [body for text, body in FRAMED if not framed(text, body)] == []
    assert [body for text, body in ACTING if framed(text, body)] == []


def test_a_bureaus_duties_its_rule_of_law_and_its_divisions_work_show_its_field():
    guess = field_of("严格履行市场监管职能，推进法治市场监管建设，全区市场监管工作稳中有进。", ("局",), LEX)
    assert (guess.kind.id, guess.mentions) == ("market_regulation", 3)
    guess = field_of("全力打造法治人社，全县人力资源和社会保障工作取得新进展。", ("局",), LEX)
    assert (guess.kind.id, guess.mentions) == ("human_resources", 2)
    # Not the work every body does (信访工作, 统计工作), nor legal education (法治教育).
    assert field_of("做好信访工作和统计工作，开展法治教育进校园活动。", ("局",), LEX) is None
