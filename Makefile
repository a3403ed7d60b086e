# Two commands for a new user: `make demo` runs the main job, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint rq docs model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@$(BIN)/claimgraph build; status=$$?; \
	echo "To run claimgraph yourself, first: . $(VENV)/bin/activate   (then: claimgraph --help)"; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check src tests tools $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/python tools/check_layout.py

rq: $(STAMP)
	$(BIN)/python -m claimgraph.rq.include --write

test: lint
	$(BIN)/pytest -n auto

docs: $(STAMP)
	$(BIN)/python tools/docs.py --write

model: $(STAMP)
	$(BIN)/python -m claimgraph.ingest.refparser.training

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
