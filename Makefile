# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= eventwire.duckdb

.PHONY: run test install lint bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,browser]'
	touch $(STAMP)

install: $(STAMP)

## Code the bundled example page into ./eventwire.duckdb and print its events.
run: $(STAMP)
	$(BIN)/eventwire code examples/seed_page.txt --db $(DB) --published 2022-01-10
	$(BIN)/eventwire events --db $(DB)

## Every test (slow ones included), then the benchmarks' gates.
test: $(STAMP)
	bash scripts/setup-browser.sh
	$(BIN)/python -m pytest -q
	$(BIN)/python benchmarks/eval_gate.py
	$(BIN)/python benchmarks/places_gate.py
	$(BIN)/python benchmarks/quotes_gate.py
	$(BIN)/python benchmarks/load_serve.py
	$(BIN)/python benchmarks/dedup_speed.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

## The speed benchmark: words/s end to end against bare spaCy, in one run.
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache .ruff_cache .mypy_cache
