# Jalinan's front door. Every target installs what it needs first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8000
MANAGE  := $(BIN)/python manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo serve test test-sqlite test-postgres test-browser test-services lint format worker messages bench eval clean

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

var/.messages: jalinan/locale/ms/LC_MESSAGES/django.po jalinan/locale_vendor/ms/LC_MESSAGES/django.po | $(VENV)/.installed
	cd jalinan && ../$(BIN)/python ../manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
	mkdir -p var && touch $@

install: $(VENV)/.installed node_modules/.installed var/.messages

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

test-sqlite: install
	$(BIN)/pytest -q

test-postgres: install
	bash scripts/with-postgres $(BIN)/pytest -q

test-browser: install
	bash scripts/test-browser

test-services: install
	$(BIN)/pytest -q -m services -p no:randomly

lint: install
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A jalinan worker --loglevel=INFO --concurrency=2

messages: install
	cd jalinan && ../$(BIN)/python ../manage.py makemessages -l ms --ignore=.venv --ignore=node_modules --no-obsolete
	cd jalinan && ../$(BIN)/python ../manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

clean:
	rm -rf var .venv node_modules
