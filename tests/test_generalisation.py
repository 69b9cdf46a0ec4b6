"""Extraction on synthetic reports from other provinces and levels, so quality cannot slip back.

Seven sets, all written without looking at the lexicon: ``tests/data/provinces``
(8 reports), ``tests/data/heldout2`` (10), ``heldout3`` to ``heldout5`` (8 each), ``heldout6`` (6)
and the township-heavy ``heldout7`` (10). All
have since been used to find general gaps (see their READMEs for the scores
at first contact), so these floors guard against regressions; they do not
measure generalisation to unseen text any more.
"""
import pytest
from conftest import ROOT
from govkg.kg.build import build
from govkg.kg.evaluate import load_catalogue, load_gold, score

#: What every set must keep; sets differ only where their first-contact misses are left.
STRICT = {"region": 1.0, "level": 1.0, "parents": 1.0, "year": 1.0, "prog_recall": 0.95, "prog_precision": 0.95,
          "status": 0.95, "honor_recall": 0.9, "honor_precision": 0.9, "agency_recall": 0.95, "issuer": 1.0}

FLOORS = {
    "provinces": {**STRICT, "agency_recall": 0.9},
    "heldout2": STRICT,
    "heldout3": STRICT,
    "heldout4": STRICT,
    "heldout5": STRICT,
    "heldout6": STRICT,
    # Township-heavy; honor recall 0.674 at first contact, 1.0 once honors were read as
    # reports write them (titles without a listed ending, pronouns, counted units).
    "heldout7": {**STRICT, "honor_recall": 0.95},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_on_synthetic_sets(tmp_path, name):
    data = ROOT / "tests" / "data" / name
    build([data / "reports"], tmp_path / "g")
    scores = score(tmp_path / "g", load_gold(data / "gold.yaml"), load_catalogue(data / "programs.yaml"))
    report = {r["metric"]: r["value"] for r in scores.rows()}
    assert not scores.below(FLOORS[name]), report
