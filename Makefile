# Two entry points on a fresh machine: `make serve` (or `make build`) and `make test`.
# Both create or refresh .venv from the pinned lock file first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check bench clean lock

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# MkDocs's own loader can run code from tags in mkdocs.yml: the checker reads it safely first.
build: $(STAMP)
	$(BIN)/python scripts/check_content.py --config-only
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/python scripts/check_content.py --config-only
	$(BIN)/mkdocs serve --strict --dirty

# The content checker alone; CI passes CHECK_ARGS="--base <sha> --author-association <role>".
check: $(STAMP)
	$(BIN)/python scripts/check_content.py $(CHECK_ARGS)

test: $(STAMP)
	$(BIN)/python scripts/check_content.py
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The benchmarks (minutes, not seconds): builds at 100, 300 and 1,000 reports, the editing
# loop, and what a first search downloads at 1,000 reports. Required before a release.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --budget-minutes 45
	$(BIN)/python scripts/bench_serve.py --sessions 300
	$(BIN)/python scripts/bench_hostile.py
	$(BIN)/python -m pytest -p no:xdist -m bench -s -o addopts="-ra --strict-markers"

# Regenerate requirements.lock after changing a pin in pyproject.toml.
lock:
	rm -rf /tmp/cnd-lock && $(PYTHON) -m venv /tmp/cnd-lock
	/tmp/cnd-lock/bin/pip install --quiet pip-tools==7.6.2
	/tmp/cnd-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra test \
		--output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) site
