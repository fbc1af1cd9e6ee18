# Two entry points: `make demo` builds everything, `make test` runs the suite.
# Both create .venv with the pinned versions on first use; only Python 3.11+ is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser virtuoso lint fmt validate bench clean context

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tipgraph build
	$(BIN)/tipgraph report
	$(BIN)/tipgraph explore

validate: $(STAMP)
	$(BIN)/tipgraph validate

test: $(STAMP) browser virtuoso
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/tipgraph fmt --check

# The report's browser test needs Debian's chromium: installed here when missing and we are
# root (as in CI); otherwise the test is skipped and says why.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium for the browser test (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
			>/dev/null || echo "warning: chromium not installed; the browser test will be skipped" >&2; \
	else \
		echo "chromium not found and not root: the browser test will be skipped"; \
	fi

# The Virtuoso tests need Debian's virtuoso-opensource (virtuoso-t, isql-vt): installed here
# when missing and we are root; otherwise those tests are skipped and say why.
virtuoso:
	@if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing virtuoso-opensource for the Virtuoso tests (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends virtuoso-opensource; } \
			>/dev/null || echo "warning: Virtuoso not installed; its tests will be skipped" >&2; \
	else \
		echo "virtuoso-t not found and not root: the Virtuoso tests will be skipped"; \
	fi

# The performance tables of docs/performance.md, through the command line (~2 h). At 30M
# only what its target counts (load and every query); the baseline's stages capped at 30 s.
BENCH_ARGS ?= --baseline-cap 30 --skip validate,analysis,export --skip-at 30000000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[bench]" \
		|| { $(BIN)/python -m pip install --quiet -c constraints.txt psutil \
		&& echo "warning: pyrudof not installed; the peer engine will be skipped" >&2; }
	$(BIN)/python bench/run.py $(BENCH_ARGS) --json out/bench.json

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/tipgraph fmt

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache .import_linter_cache

# The JSON-LD context shipped in the package is drafted from the built graph; a new class or
# property fails tests/graph/test_jsonld.py until this is run and the result committed.
context: $(STAMP)
	$(BIN)/python -c 'import json, pathlib; \
	from tipgraph.graph.entail import entail_types; \
	from tipgraph.graph.jsonld import draft_context; \
	from tipgraph.graph.load import default_project, load_project; \
	g, _ = load_project(default_project()); entail_types(g); \
	p = pathlib.Path("src/tipgraph/graph/context.jsonld"); \
	p.write_text(json.dumps({"@context": draft_context(g)}, indent=1, ensure_ascii=False) + "\n", "utf-8"); \
	print("wrote", p)'
