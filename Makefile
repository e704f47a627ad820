# The two commands a newcomer needs are `make serve` and `make test`;
# both set everything up first (idempotent: a second run does nothing).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build serve test bench clean

setup: $(VENV)/.installed .cache/system-packages $(if $(wildcard package.json),node_modules/.installed)

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

build: setup
	$(PY) -m generator build --site-dir site

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr $(ADDR) --livereload

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m generator.evaluate
	$(PY) -m generator.bench_dedupe

clean:
	rm -rf site build .cache/system-packages
