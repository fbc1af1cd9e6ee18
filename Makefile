# Two entry points: `make demo` builds everything, `make test` runs the suite.
# Both create .venv with the pinned versions on first use; only Python 3.11+ is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint fmt validate clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tipgraph build

validate: $(STAMP)
	$(BIN)/tipgraph validate

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/tipgraph fmt --check

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/tipgraph fmt

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache
