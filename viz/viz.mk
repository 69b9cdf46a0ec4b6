# Headless Chromium for the browser tests and the viz benchmark (Debian packages).
# Include from the top-level Makefile:   include viz/viz.mk
# and make `test` depend on `chromium`.  fonts-wqy-microhei gives screenshots
# Chinese glyphs instead of boxes (the tests pass without it).

CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: chromium bench-viz

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "installing Debian's chromium (headless browser for the viz tests)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-wqy-microhei; \
	fi
	@$(CHROMIUM) --version 2>/dev/null | grep -v 'unexpected operator' || true

# 3,000 synthetic regions: Python build time, then time until Chromium has drawn the network;
# then the same counties on the map (time to interactive, page size).
bench-viz: .venv chromium
	$(PY) tests/benchmarks/bench_viz.py --regions 3000
	$(PY) tests/benchmarks/bench_viz.py --view map --regions 3000
