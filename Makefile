# Jalinan's front door. Every target installs what it needs first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8000
MANAGE  := $(BIN)/python manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo serve test test-fast test-sqlite test-postgres test-browser test-services lint audit format worker messages bench eval fuzz load backup clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Every app keeps its Malay strings in its own catalogue (jalinan/<app>/locale).
CATALOGUES := $(shell find jalinan -path '*/ms/LC_MESSAGES/django.po')

var/.system:
	bash scripts/ensure-system-packages base
	mkdir -p var && touch $@

var/.messages: $(CATALOGUES) | $(VENV)/.installed var/.system
	cd jalinan && ../$(BIN)/python ../manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	mkdir -p var && touch $@

install: var/.system $(VENV)/.installed node_modules/.installed var/.messages

demo: install
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT) (demo logins are in README.md)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: install
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	bash scripts/test-all

# On every CPU, transactional tests after the others (scripts/pytest-split;
# JALINAN_TEST_WORKERS=0 runs everything in one process).
test-sqlite: install
	bash scripts/pytest-split

test-postgres: install
	bash scripts/with-postgres bash scripts/pytest-split

# The fast loop: SQLite without the tests marked slow (the whole demo, 10,000 rows, the
# authorization matrix, the API fuzz, the backup drill), split as scripts/pytest-split does.
test-fast: install
	JALINAN_TEST_MARKS="not slow" bash scripts/pytest-split

test-browser: install
	bash scripts/test-browser

test-services: install
	$(BIN)/pytest -q -m services -p no:randomly

# mypy (with django-stubs) checks the apps listed in pyproject.toml's [tool.mypy].
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run
	bash scripts/audit-deps

# Known vulnerabilities in the pinned Python and npm packages (also part of `make lint`). Fails
# when the advisory services cannot be reached; JALINAN_AUDIT_OFFLINE=warn makes that a warning.
audit: install
	bash scripts/audit-deps

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A jalinan worker --beat --loglevel=INFO --concurrency=2

# Quality evaluations on ../shared/datasets (read at run time, never copied), JSON on stdout.
DATASETS ?= ../shared/datasets
eval: install
	$(MANAGE) evaluate_matching --dataset $(DATASETS)/reviewer-goldstandard-dev --json
	$(MANAGE) evaluate_sdg --benchmark $(DATASETS)/sdg-classification-benchmark/benchmark.csv --json

# Performance benchmarks, JSON on stdout (timings never live in tests). Expert matching runs
# against a throw-away PostgreSQL so that both backends (in-process and pgvector) are measured.
bench: install
	bash scripts/with-postgres $(MANAGE) benchmark_matching --experts 10000 --publications 100000 --json
	$(MANAGE) benchmark_pages --json

# The REST API fuzzed with schemathesis as every role and anonymously, in a seeded world:
# FUZZ_EXAMPLES generated requests per operation and role (the test suite runs 1), JSON
# figures on stdout (requests, failures per check, per role); fails on any failure. The
# same requests every run unless FUZZ_SEED is set (make fuzz FUZZ_SEED=$RANDOM explores others).
FUZZ_EXAMPLES ?= 10
FUZZ_SEED ?=
fuzz: install
	mkdir -p var && rm -f var/fuzz.json
	JALINAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) JALINAN_FUZZ_SEED=$(FUZZ_SEED) JALINAN_FUZZ_JSON=var/fuzz.json \
		$(BIN)/pytest -q -p no:randomly jalinan/api/tests/test_fuzz.py >&2; \
		status=$$?; cat var/fuzz.json; exit $$status

# Load test: gunicorn on a throw-away PostgreSQL, Redis and a Celery worker (loopback only), the
# demo data, then LOAD_USERS locust users for LOAD_TIME; JSON (p50/p95 per page kind, errors,
# queries per page kind) on stdout. FAULTS=1 also restarts PostgreSQL, stops Redis and kills
# the worker during the run (scripts/faults.py) and reports what users saw.
LOAD_USERS ?= 50
LOAD_SPAWN ?= 10
LOAD_TIME  ?= 10m
load: install
	LOAD_USERS=$(LOAD_USERS) LOAD_SPAWN=$(LOAD_SPAWN) LOAD_TIME=$(LOAD_TIME) bash scripts/with-postgres bash scripts/load.sh

# Backup of the database and uploaded files into var/backups (restore: see README).
backup: install
	$(MANAGE) backup $(if $(OUTPUT),--output $(OUTPUT))

messages: install
	cd jalinan && ../$(BIN)/python ../manage.py makemessages -l ms --ignore=.venv --ignore=node_modules --no-obsolete
	cd jalinan && ../$(BIN)/python ../manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

clean:
	rm -rf var .venv node_modules
