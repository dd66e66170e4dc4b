# Two commands for users:  make lab   (set up, open the first lesson)
#                          make test  (set up, run every test)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: lab test notebooks bench student generated validate clean hub

# uv (from PyPI) installs the kit about four times faster than pip (7 s against 37 s here); pip does it where uv fails,
# e.g. on a machine whose package mirror is set in pip.conf, which uv does not read.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]' || $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# JupyterLab defaults of the kit (no news prompt): jupyter-settings/README.md
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/fp-reporting-lab.json

$(LAB_OVERRIDES): jupyter-settings/overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp jupyter-settings/overrides.json $@

# axe-core for the accessibility browser tests (tests/browser/test_access_browser.py), at the version package-lock.json
# pins, from the npm registry.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Jupyter refuses to run as root without --allow-root (containers, some class servers).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP) $(LAB_OVERRIDES)
	$(BIN)/jupyter lab $(ALLOW_ROOT) lessons/00_start_here.ipynb

# The demo hub's proxy, pinned by hub/package-lock.json (Node 20 and npm are needed for the hub route only).
PROXY := hub/node_modules/.bin/configurable-http-proxy

$(PROXY): hub/package.json hub/package-lock.json
	npm ci --prefix hub --no-audit --no-fund
	touch $@

# A local demo JupyterHub with the hand-in service (widgets/classroom/hub/demo.py); Ctrl-C stops everything it started.
hub: $(STAMP) $(LAB_OVERRIDES) $(PROXY)
	$(BIN)/python -m widgets.classroom.hub.demo

# Lint first (rules in pyproject.toml [tool.ruff]), check the layers' imports ([tool.importlinter]), then every cheap
# generator of `make generated` in place (it fails naming the files that were out of date), then the unit tests on
# Python 3.10 and 3.13 (each in its own .venv-<version>; a missing one fails only with KIT_REQUIRE_PYTHONS=1, as in
# CI), then every test (the accessibility tests need axe-core, the hub tests the proxy).
test: $(STAMP) $(LAB_OVERRIDES) $(AXE) $(PROXY)
	$(BIN)/ruff check widgets tests tools bench lessons conftest.py
	$(BIN)/lint-imports --no-logo
	$(BIN)/python tools/generated.py --check
	$(BIN)/python tools/test_other_pythons.py
	$(BIN)/python -m pytest

# Re-execute every lesson in place so nbval has fresh outputs to compare.
notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

bench: $(STAMP) $(LAB_OVERRIDES) $(PROXY)
	$(BIN)/python bench/run.py

student: $(STAMP)
	$(BIN)/python tools/student_edition.py

# Every generated file, in the order they depend on each other (the list is tools/generated.py's STEPS): the compiled
# case schema, the answer keys and rubrics, the lessons' minutes and the class plans (which rewrite lesson headers),
# the executed lessons, the student edition.
generated: $(STAMP)
	$(BIN)/python tools/generated.py

validate: $(STAMP)
	$(BIN)/python -m widgets validate $(dir $(wildcard seeds/*/meta.yaml))

clean:
	rm -rf $(VENV) artifacts node_modules hub/node_modules
