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

# The whole test suite: unit, database and browser tests (on SQLite unless DATABASE_URL is set),
# spread over the cores by pytest-xdist, each worker with its own test database, live server
# and browser. TEST_WORKERS=0 runs it in one process. Each worker starts with a run of the
# collection order (the long browser walks first) and a worker that runs out takes tests from
# the other, so neither waits for the other's last long test.
TEST_WORKERS ?= auto
test: install-dev
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

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

# --- Production serving and the load benchmark -------------------------------------
# Production settings (DEBUG off, secure cookies, HSTS, manifest static files through
# whitenoise), gunicorn on 127.0.0.1. SECRET_KEY comes from the environment; without one
# a throwaway key is made for this run (sessions then end when the server stops).
# SECURE_SSL_REDIRECT=False only because this serves plain http on the loopback address:
# in production a TLS proxy sits in front and the redirect stays on (the default).
# --limit-request-line: gunicorn's maximum, above the portal's own REQUEST_LINE_MAX_BYTES
# (4096), so that an over-long address gets the portal's Swedish 414 page, not gunicorn's text.
WORKERS ?= 5
GUNICORN_OPTS = vg2020.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 30 \
	--max-requests 2000 --max-requests-jitter 200 --limit-request-line 8190
PRODUCTION_ENV = if [ -z "$$SECRET_KEY" ]; then \
	  echo "SECRET_KEY är inte satt: använder en tillfällig nyckel för den här körningen."; \
	  SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))'); \
	fi; export SECRET_KEY DEBUG=False SECURE_SSL_REDIRECT=False;

# Serve as in production at http://127.0.0.1:8000 (Ctrl-C stops).
serve: install migrate
	@$(PRODUCTION_ENV) $(MANAGE) collectstatic --noinput --verbosity 0 && \
	echo "Portalen: http://$(HOST):$(PORT)/  (hälsa: /halsa/)" && \
	exec $(BIN)/gunicorn $(GUNICORN_OPTS) --access-logfile -

# Load benchmark (not a test): gunicorn as in `serve` with the demo data, then
# LOAD_USERS simulated users for LOAD_SECONDS seconds (loadtest/load.py). Uses
# DATABASE_URL if set (PostgreSQL: demo data is loaded into it, so never production),
# else a SQLite file in bench-results/.
LOAD_USERS ?= 50
LOAD_SECONDS ?= 60
LOAD_DATABASE_URL ?= $(or $(DATABASE_URL),sqlite:///$(CURDIR)/bench-results/load.sqlite3)
load: install
	@mkdir -p bench-results
	@$(BIN)/python -c "import socket, sys; sys.exit(socket.socket().connect_ex(('$(HOST)', $(PORT))) == 0)" \
	  || { echo "Porten $(PORT) är upptagen: stoppa den servern eller ange PORT=..."; exit 1; }
	@$(PRODUCTION_ENV) export DATABASE_URL="$(LOAD_DATABASE_URL)"; \
	echo "Databas: $$(echo "$$DATABASE_URL" | sed 's|//[^@/]*@|//***@|')"; \
	$(MANAGE) migrate --noinput --verbosity 0 && $(MANAGE) load_demo && \
	$(MANAGE) collectstatic --noinput --verbosity 0 && \
	$(BIN)/gunicorn $(GUNICORN_OPTS) --daemon --pid bench-results/gunicorn.pid \
	  --error-logfile bench-results/gunicorn.log && \
	trap 'kill $$(cat bench-results/gunicorn.pid)' EXIT && \
	$(BIN)/python loadtest/load.py --host $(HOST) --port $(PORT) \
	  --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

# Benchmark (issue 8): report pages, export and import at 1k, 100k and 1M entries in
# PostgreSQL (database vg2020_bench, created if missing). Prints a table; takes minutes.
bench: install
	$(BIN)/python bench/run.py
