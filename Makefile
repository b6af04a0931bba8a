# The commands people type. `make run` and `make test` are the two set-up commands in the README.
PYTHON_BIN := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_ALLOW_ASYNC_UNSAFE := true

.PHONY: install run serve test test-fast lint format bench clean check-python

check-python:
	@test -n "$(PYTHON_BIN)" || (scripts/find-python; exit 1)

$(STAMP): pyproject.toml | check-python
	@scripts/system-deps
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The task worker (bulk PDF exports) runs in the background beside the server; the trap stops it
# however the server ends. --no-reload: a reloading worker would leave its child behind.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "DialReady runs at http://127.0.0.1:$${PORT:-8000} with its task worker (Ctrl+C stops both)"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

serve: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(VENV)/bin/gunicorn config.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-2}

test: install
	$(PY) -m pytest

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
	@echo "bench/faults.py stops PostgreSQL: run it on purpose with --outage 10"

clean:
	rm -rf $(VENV) staticfiles var
