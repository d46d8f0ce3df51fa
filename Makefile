# SalesDesk developer commands. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench screenshot translations clean

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

screenshot: $(STAMP)  ## regenerate the README screenshots
	$(BIN)/python scripts/screenshot.py docs/screenshots
	$(BIN)/python scripts/screenshot_playbook_editor.py docs/screenshots

# Sources scanned for tr() strings (the modules that route their UI text through Qt's
# translation system); the .ts is what translators edit (Qt Linguist), the .qm what runs.
TR_SOURCES := salesdesk/ui/playbook_editor.py salesdesk/ui/playbook_forms.py salesdesk/ui/playbook_tree.py \
	salesdesk/ui/playbook_files.py salesdesk/ui/playbook_menu.py

translations: $(STAMP)  ## update resources/translations/*.ts from the code, compile the .qm files
	for ts in resources/translations/*.ts; do \
		$(BIN)/pyside6-lupdate $(TR_SOURCES) -source-language en -locations none -no-obsolete -ts $$ts && \
		$(BIN)/pyside6-lrelease $$ts -qm $${ts%.ts}.qm || exit 1; \
	done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
