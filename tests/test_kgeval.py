"""Extraction quality on the seed reports, scored by the shared scorer through the CLI."""
import subprocess
import sys

from conftest import ROOT, SHARED

THRESHOLDS = {"region": 1.0, "level": 1.0, "year": 1.0, "parents": 0.9, "prog_recall": 0.95, "prog_precision": 0.9,
              "status": 0.9, "honor_recall": 0.8, "honor_precision": 0.8, "agency_recall": 0.85, "issuer": 0.8}


def test_seed_scores_meet_the_thresholds(seeds_dir):
    kg = f"{sys.executable} -m govkg.kg.cli"
    cmd = [sys.executable, str(SHARED / "tools" / "kgeval.py"), "--kg", kg, "--docs", str(seeds_dir),
           "--gold", str(SHARED / "gold" / "seeds.yaml"), "--programs", str(SHARED / "gold" / "programs.yaml")]
    cmd += [f"--min={k}={v}" for k, v in THRESHOLDS.items()]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    print(p.stdout)
    assert p.returncode == 0, p.stdout + p.stderr
