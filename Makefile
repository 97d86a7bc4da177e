# The register's tasks. `make run` and `make test` are the two commands in the README.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system venv db migrate data messages catalogues static bench bench-people lint stop-db clean

run: setup data ## Set everything up, load the real data and serve http://127.0.0.1:8000
	@echo "Serving the register on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" $(MANAGE) runserver --noreload $(HOST):$(PORT)

test: setup ## Set everything up, then run the whole test suite (browser tests included)
	@scripts/bootstrap-system.sh --with-browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/pytest

setup: system venv db migrate messages static

system:
	@scripts/bootstrap-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is required (see README)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	touch $@

db:
	@if [ -z "$$DATABASE_URL" ]; then scripts/pg-local.sh start; else echo "Using DATABASE_URL"; fi

migrate:
	$(MANAGE) migrate --noinput -v 0

catalogues: ## Update locale/*/django.po from the code (all languages), prefill library strings, show status
	$(MANAGE) makemessages --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules \
	  $$($(PY) -c "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'register.settings'); django.setup(); from register.core.catalogues import translated_languages as t; print(' '.join('-l ' + code for code in t()))")
	$(MANAGE) catalogues headers
	$(MANAGE) catalogues prefill
	$(MANAGE) catalogues status

messages:
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then $(MANAGE) compilemessages -v 0 --ignore=.venv --ignore=var; fi

static:
	$(MANAGE) collectstatic --noinput -v 0

data: ## Import (or re-import) the bundled real data from fixtures/
	$(MANAGE) load_register_data

bench: setup data
	$(PY) tests/bench/bench_search.py
	@echo "Person register at scale (3,000,000 synthetic persons, about an hour): make bench-people"

# Person import and search at scale in its own database (gulag_register_bench; BENCH_DATABASE_URL
# overrides). BENCH_ARGS="--count 300000" for a quicker run; see README, Performance.
bench-people: setup
	$(PY) tests/bench/bench_people.py $(BENCH_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

stop-db:
	scripts/pg-local.sh stop

clean: stop-db
	rm -rf var $(VENV)
