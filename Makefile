# The commands people type. `make run` and `make test` are the two set-up commands in the README.
PYTHON_BIN := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The production server gets its own virtualenv with the runtime dependencies only: no pytest,
# no Playwright, no Chromium on a server.
SERVE_VENV := .venv-serve
SERVE_STAMP := $(SERVE_VENV)/.installed
# The W3C Nu Html Checker for the browser tests' HTML check: the npm package vnu-jar, pinned by
# tools/vnu/package-lock.json, run with the machine's Java. --ignore-scripts: its install script
# would download a Java of its own; Debian's openjdk-17-jre-headless serves instead.
VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: install run serve test test-fast lint format bench clean check-python

check-python:
	@test -n "$(PYTHON_BIN)" || (scripts/find-python; exit 1)

$(STAMP): pyproject.toml | check-python
	@scripts/system-deps
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@touch $(STAMP)

$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --ignore-scripts --no-audit --no-fund --silent --prefix tools/vnu && touch $(VNU_JAR); \
	else echo "NOTE: npm is missing: the HTML check (vnu) will be skipped; install nodejs and npm" >&2; fi

install: $(STAMP) $(VNU_JAR)

$(SERVE_STAMP): pyproject.toml | check-python
	@scripts/system-deps --runtime
	@test -x $(SERVE_VENV)/bin/python || $(PYTHON_BIN) -m venv $(SERVE_VENV)
	$(SERVE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SERVE_VENV)/bin/python -m pip install --quiet .
	@touch $(SERVE_STAMP)

# The task worker (bulk PDF exports) runs in the background beside the server; the trap stops it
# however the server ends. --no-reload: a reloading worker would leave its child behind.
run: export DJANGO_DEBUG := 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "DialReady runs at http://127.0.0.1:$${PORT:-8000} with its task worker (Ctrl+C stops both)"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

# Production settings (DJANGO_DEBUG unset means off): DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS
# must be set. gunicorn.conf.py holds the server's settings.
serve: $(SERVE_STAMP)
	$(SERVE_VENV)/bin/python manage.py collectstatic --noinput -v0
	$(SERVE_VENV)/bin/python manage.py migrate --noinput
	$(SERVE_VENV)/bin/gunicorn --config gunicorn.conf.py config.wsgi

test: install
	$(PY) -m pytest

lint: export DJANGO_DEBUG := 1
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/pdf_render.py
	$(PY) bench/pages.py
	$(PY) bench/page_weight.py
	$(PY) bench/throughput.py
	$(PY) bench/load.py
	$(PY) bench/skill_merge.py
	@echo "bench/faults.py stops PostgreSQL: run it on purpose with --outage 10"

clean:
	rm -rf $(VENV) $(SERVE_VENV) staticfiles var tools/vnu/node_modules
