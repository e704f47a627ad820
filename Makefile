# The two commands a newcomer needs are `make serve` and `make test`;
# both set everything up first (idempotent: a second run does nothing).

PYTHON ?= python3
# pyodide-build (which registers the harness wheel with Pyodide) needs Python >= 3.12.
PYTHON312 ?= $(shell for p in python3.13 python3.12 $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	$$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve test bench clean screenshots

setup: $(VENV)/.installed .cache/system-packages node_modules/.installed generator/assets/build/cell.bundle.js .venv-pyodide/.installed

# Debian packages the browser tests and screenshots need.
.cache/system-packages:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi
	@mkdir -p .cache && touch $@

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The code cells' editor and runner, bundled from npm packages (CodeMirror 6).
generator/assets/build/cell.bundle.js: node_modules/.installed generator/assets/cell.js generator/assets/runner.js
	npm run --silent build:cells

# Tools that build the harness wheel and add it to Pyodide's lock file.
.venv-pyodide/.installed: harness/requirements-tools.txt
	@test -n "$(PYTHON312)" || { echo "pyodide-build needs Python >= 3.12: install it or set PYTHON312=/path/to/python3.12"; exit 1; }
	@test -x .venv-pyodide/bin/python || $(PYTHON312) -m venv .venv-pyodide
	.venv-pyodide/bin/python -m pip install -q -r harness/requirements-tools.txt
	@touch $@

build: setup
	$(PY) -m generator build --site-dir site

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr $(ADDR) --livereload

test: setup
	$(PY) -m pytest -q

bench: build
	$(PY) bench/evaluate.py
	$(PY) bench/bench_html_body.py
	$(PY) bench/bench_dedupe.py
	$(PY) bench/bench_topics.py
	$(PY) bench/bench_cells.py --site-dir site
	$(PY) bench/bench_scale.py --sizes 100 1000 10000 --runs 3 --incremental-at 1000 10000
	$(PY) bench/bench_site.py --sizes 1000 10000

# PNGs of the home page, a topic page, the topic map and a code-cell page:
# desktop and phone, light and dark, into screenshots/.
screenshots: build
	$(PY) tools/screenshots.py --site site --out screenshots --full-page --dark

clean:
	rm -rf site build .cache/system-packages generator/assets/build
