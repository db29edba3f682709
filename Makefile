# kinerja — every target bootstraps .venv on first use, so any of them can be the first command.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RAW    ?= data/raw
DB     ?= data/curated/kinerja.duckdb
JOBS   ?= 1

.PHONY: extract test test-fast eval lint bench audit clean help

audit: $(VENV)/.installed
	$(BIN)/kinerja audit --db $(DB) --format html --out data/curated/audit.html

help:
	@echo "make extract [RAW=dir] [DB=path]  extract every report under RAW into DB"
	@echo "make test                         run the test suite (and ruff)"
	@echo "make test-fast                    the suite without slow (render/corpus/fuzz) tests, on two processes"
	@echo "make eval [MISSES=N]              score extraction against tests/fixtures/gold (samples, then corpus)"
	@echo "make lint                         ruff check"
	@echo "make bench                        CPU s/page vs pdfplumber and camelot, OCR, jobs, page jobs, memory (JSON in data/curated/bench.json)"

# The install stamp depends on pyproject.toml, so a changed dependency list reinstalls.
$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

extract: $(VENV)/.installed
	@scripts/install-system-deps.sh pdf ocr
	@mkdir -p $(dir $(DB))
	$(BIN)/kinerja extract $(RAW) --db $(DB) --jobs $(JOBS)

test-fast: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow" -n 2 --dist loadfile

test: $(VENV)/.installed
	@scripts/install-system-deps.sh browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

eval: $(VENV)/.installed
	$(BIN)/python -m pipeline.evaluate --gold tests/fixtures/gold --reports tests/fixtures/reports \
		--corpus-gold tests/fixtures/gold/corpus --corpus tests/fixtures/corpus $(if $(MISSES),--misses $(MISSES))

lint: $(VENV)/.installed
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) data/curated/*.duckdb *.egg-info
