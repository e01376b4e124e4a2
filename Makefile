# Short names for the commands in the README. Everything runs inside .venv.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser-deps migrate demo lint format check serve bench load clean

# Install, migrate, load the reference and demo data, and serve at http://127.0.0.1:8000
run: install migrate demo
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole test suite: unit, database and browser tests (on SQLite unless DATABASE_URL is set).
test: install-dev
	$(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; \
	else echo "npm saknas: axe-core installeras inte och webbläsartesterna hoppas över."; fi

# Debian's Chromium for the browser tests (needs root), and axe-core from npm.
browser-deps:
	command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)
	npm ci --no-audit --no-fund --silent

migrate:
	$(MANAGE) migrate --noinput

demo:
	$(MANAGE) load_demo
	$(MANAGE) load_indicators

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install-dev
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

# Benchmark (issue 8): report pages, export and import at 1k, 100k and 1M entries in
# PostgreSQL (database vg2020_bench, created if missing). Prints a table; takes minutes.
bench: install
	$(BIN)/python bench/run.py
