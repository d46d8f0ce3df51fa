# SalesDesk developer commands. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint format bench bench-bundle screenshot translations clean dist icons

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,team]'
	touch $(STAMP)

run: $(STAMP)  ## set up and start the sidebar
	$(BIN)/salesdesk

test: $(STAMP)  ## set up, lint and run the whole test suite (what CI runs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)  ## print the performance figures the issues ask for
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/durability.py
	$(BIN)/python bench/palette.py
	$(BIN)/python bench/listen.py
	$(BIN)/python bench/soak.py

screenshot: $(STAMP)  ## regenerate the README screenshots
	$(BIN)/python scripts/screenshot.py docs/screenshots
	$(BIN)/python scripts/screenshot_playbook_editor.py docs/screenshots

# Sources scanned for tr() strings: every UI module (all of them route their text through Qt's
# translation system); the .ts is what translators edit (Qt Linguist), the .qm what runs.
TR_SOURCES := $(sort $(shell find salesdesk/ui -name '*.py'))

translations: $(STAMP)  ## update resources/translations/*.ts from the code, compile the .qm files
	for ts in resources/translations/*.ts; do \
		$(BIN)/pyside6-lupdate $(TR_SOURCES) -source-language en -locations none -no-obsolete -ts $$ts && \
		$(BIN)/pyside6-lrelease $$ts -qm $${ts%.ts}.qm || exit 1; \
	done

# The desktop bundle for this platform (packaging/README.md): Linux dist/salesdesk/salesdesk,
# macOS dist/SalesDesk.app. SalesDesk is installed non-editable into its own build venv, so
# the bundle holds exactly what a wheel would. DIST_TRIM=0 keeps everything PyInstaller
# collects (to measure what packaging/trim.py saves).
DIST_DIR ?= dist
DIST_WORK ?= build/pyinstaller
DIST_VENV ?= build/dist-venv
DIST_TRIM ?= 1

dist:  ## build the desktop bundle for this platform into $(DIST_DIR)
	test -x $(DIST_VENV)/bin/python || $(PYTHON) -m venv $(DIST_VENV)
	rm -rf build/lib build/bdist.*  # stale setuptools output would put deleted files into the wheel
	$(DIST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check '.[dist]'
	SALESDESK_BUNDLE_TRIM=$(DIST_TRIM) $(DIST_VENV)/bin/pyinstaller --noconfirm --log-level WARN \
		--distpath $(DIST_DIR) --workpath $(DIST_WORK) packaging/salesdesk.spec

bench-bundle: dist $(STAMP)  ## the bundle's size and start-up time next to the source run
	$(BIN)/python bench/bundle.py --bundle $(DIST_DIR)/salesdesk/salesdesk

icons: $(STAMP)  ## render the app icon's PNG, ICO and ICNS files from resources/icons/salesdesk.svg
	$(BIN)/python scripts/make_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
