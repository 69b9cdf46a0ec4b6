"""Shared fixtures: the seed corpus, a graph built from it once per session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from browser import browser, page  # noqa: F401  (fixtures: a real headless Chromium)
from neo4j_server import neo4j_server  # noqa: F401  (fixture: a real Neo4j 5.26 from Maven)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVKG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
KG = [sys.executable, "-m", "govkg.kg.cli"]


def build_files(g: Path) -> dict[str, bytes]:
    """The bytes of every file of the current build at ``g`` but build.json (which names the
    files read, by path) and the database (whose file layout is not deterministic)."""
    cur = (g / "current").resolve()
    return {str(f.relative_to(cur)): f.read_bytes() for f in sorted(cur.rglob("*"))
            if f.is_file() and f.name not in ("build.json", "graph.lbug")}


def run_kg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real ``kg`` command line in a subprocess."""
    p = subprocess.run(KG + list(args), capture_output=True, text=True, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return p


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"seed corpus not found at {SEEDS}; set GOVKG_SHARED to the shared/ folder")
    return SEEDS


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory, seeds_dir) -> Path:
    """A graph directory built from the seeds through the CLI."""
    g = tmp_path_factory.mktemp("seedgraph") / "g"
    run_kg("build", str(seeds_dir), "--graph", str(g), "-q")
    return g


@pytest.fixture(scope="session")
def nlp():
    from govkg.ingest.nlp import make_nlp

    return make_nlp()


def blank_with(name: str):
    """``spacy.blank("zh")`` with the component ``name`` and only the components it requires."""
    import spacy
    from govkg.ingest.components import requirements

    nlp = spacy.blank("zh")
    for n in (*requirements(name), name):
        nlp.add_pipe(n)
    return nlp
