# A throwaway Neo4j 5.26 for trying `kg push` without a server of your own,
# and the Neo4j benchmark. Included from the Makefile, which defines PY and
# the .venv target.
#
#   make neo4j-up     # bolt://127.0.0.1:7687, user neo4j, password govkg-dev-password
#   NEO4J_PASSWORD=govkg-dev-password kg push --graph out/g
#   make neo4j-down   # stops it; the data stays in .neo4j/data (rm -rf .neo4j to start over)
#
# The password is for this local, throwaway server only. It reaches the Java
# process through the environment, never its command line.

NEO4J_DIR := tests/neo4j
NEO4J_STATE ?= .neo4j
NEO4J_PORT ?= 7687
NEO4J_DEV_PASSWORD ?= govkg-dev-password
NEO4J_JAVA_OPTS ?= -Xmx1g -XX:+UseSerialGC
NEO4J_STAMP := $(NEO4J_DIR)/target/.built

.PHONY: neo4j-build neo4j-up neo4j-down bench-neo4j

$(NEO4J_STAMP): $(NEO4J_DIR)/pom.xml $(wildcard $(NEO4J_DIR)/src/main/java/govkg/*.java)
	cd $(NEO4J_DIR) && mvn -q -B -Dstyle.color=never package
	touch $@

neo4j-build: $(NEO4J_STAMP)

neo4j-up: neo4j-build
	@mkdir -p $(NEO4J_STATE)
	@if [ -f $(NEO4J_STATE)/neo4j.pid ] && kill -0 "$$(cat $(NEO4J_STATE)/neo4j.pid)" 2>/dev/null; then \
	  echo "Neo4j is already running (pid $$(cat $(NEO4J_STATE)/neo4j.pid)); make neo4j-down stops it"; exit 0; fi; \
	rm -f $(NEO4J_STATE)/stdout.log; \
	NEO4J_PASSWORD='$(NEO4J_DEV_PASSWORD)' nohup java $(NEO4J_JAVA_OPTS) \
	  -cp '$(NEO4J_DIR)/target/classes:$(NEO4J_DIR)/target/lib/*' govkg.Neo4jLauncher \
	  --port $(NEO4J_PORT) --data $(NEO4J_STATE)/data \
	  > $(NEO4J_STATE)/stdout.log 2> $(NEO4J_STATE)/launcher.log < /dev/null & \
	echo $$! > $(NEO4J_STATE)/neo4j.pid; \
	for i in $$(seq 1 360); do \
	  if grep -q '^READY ' $(NEO4J_STATE)/stdout.log 2>/dev/null; then \
	    echo "Neo4j is up (pid $$(cat $(NEO4J_STATE)/neo4j.pid), data in $(NEO4J_STATE)/data):"; \
	    echo "  NEO4J_URI=bolt://127.0.0.1:$(NEO4J_PORT) NEO4J_USER=neo4j NEO4J_PASSWORD=$(NEO4J_DEV_PASSWORD)"; \
	    exit 0; fi; \
	  if ! kill -0 "$$(cat $(NEO4J_STATE)/neo4j.pid)" 2>/dev/null; then break; fi; \
	  sleep 0.5; \
	done; \
	echo "Neo4j did not start; the end of $(NEO4J_STATE)/launcher.log:" >&2; \
	tail -n 20 $(NEO4J_STATE)/launcher.log >&2; \
	kill "$$(cat $(NEO4J_STATE)/neo4j.pid)" 2>/dev/null; rm -f $(NEO4J_STATE)/neo4j.pid; exit 1

neo4j-down:
	@if [ ! -f $(NEO4J_STATE)/neo4j.pid ]; then echo "Neo4j is not running (no $(NEO4J_STATE)/neo4j.pid)"; exit 0; fi; \
	pid=$$(cat $(NEO4J_STATE)/neo4j.pid); \
	if kill -TERM $$pid 2>/dev/null; then \
	  for i in $$(seq 1 120); do kill -0 $$pid 2>/dev/null || break; sleep 0.5; done; \
	  if kill -0 $$pid 2>/dev/null; then echo "Neo4j (pid $$pid) did not stop in 60 s; killing it" >&2; kill -KILL $$pid; fi; \
	fi; \
	rm -f $(NEO4J_STATE)/neo4j.pid; echo "Neo4j stopped"

# `kg push` (cold, warm, against MERGE-only and one statement per row) and the
# neo4j-admin bulk import, on the graph of the
# synthetic 2,000-report corpus (built once into .bench/). Fails below 20x the
# per-row load. The last line of output is one JSON object.
bench-neo4j: .venv neo4j-build
	$(PY) tests/benchmarks/bench_neo4j.py --reports 2000 --min-speedup 20
