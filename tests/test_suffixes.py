"""The table of place-name endings: validated where it is read, and the one list every rule reads."""
import pytest
from govkg.schema.suffixes import PlaceSuffixes, place_suffixes


def test_every_level_word_is_one_the_self_references_know():
    s = place_suffixes()
    assert set(s.used_by("agency")) <= set(s.used_by("self"))
    assert set(s.used_by("region")) <= set(s.used_by("local"))
    assert {s.levels("title")[x] for x in s.used_by("title")} == {"province", "city", "county"}


@pytest.mark.parametrize("data, message", [
    ({"suffixes": [{"suffix": "县", "level": "county", "uses": ["self"]}, {"suffix": "县", "level": "county"}]}, "listed twice"),
    ({"suffixes": [{"suffix": "县", "level": "country"}]}, "level 'country' is not one of"),
    ({"suffixes": [{"suffix": "县", "level": "county", "uses": ["selfie"]}]}, "unknown uses \\['selfie'\\]"),
    ({"suffixes": [{"level": "county"}]}, "has no suffix"),
    ([], "expected a mapping with a list 'suffixes'"),
])
def test_a_bad_table_is_refused(data, message):
    with pytest.raises(ValueError, match=message):
        PlaceSuffixes.from_data(data)


def test_an_unknown_use_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown use 'zones'"):
        place_suffixes().used_by("zones")
