# IRO Tracker: two commands on a fresh machine.
#   make run   set up, migrate, load the demo data if the database is empty, serve on :8000
#   make test  set up, lint, check migrations, run every test (browser tests included)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup lint check-migrations system clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(STAMP) node_modules/.package-lock.json

run: setup
	@$(MAKE) --no-print-directory system SYSTEM_PACKAGES="$(RUN_PACKAGES)"
	$(BIN)/iro migrate --no-input -v0
	$(BIN)/iro demo --if-empty
	DEBUG=$${DEBUG:-1} $(BIN)/iro runserver $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: setup
	$(BIN)/iro makemigrations --check --dry-run

# System packages: Debian's Chromium drives the browser tests (Playwright's own download is not
# used) and WeasyPrint needs Pango for PDFs.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
SYSTEM_PACKAGES ?= $(RUN_PACKAGES) chromium
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test: setup lint check-migrations system
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
