# SalesDesk developer commands. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)  ## set up and start the sidebar
	$(BIN)/salesdesk

test: $(STAMP)  ## set up, lint and run the whole test suite (what CI runs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## print the performance figures the issues ask for
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/palette.py

screenshot: $(STAMP)  ## regenerate the README screenshots
	$(BIN)/python scripts/screenshot.py docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
