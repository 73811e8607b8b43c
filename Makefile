# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test test-services lint format migrate seed worker clean requirements

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

## make run: the site on the embedded default (SQLite, no Redis, mail to instance/outbox/)
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	@echo "HireMeBahamas is starting on http://127.0.0.1:$${PORT:-8000}"
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## make test: the whole suite (SQLite by default; set TEST_DATABASE_URL/TEST_REDIS_URL for
## PostgreSQL + Redis, in which case a missing service fails the run)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-services: the suite on the local PostgreSQL and Redis
test-services: $(VENV)/.installed-dev
	TEST_DATABASE_URL=$${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/hiremebahamas_test} \
	TEST_REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(VENV)/.installed
	$(FLASK) db upgrade

seed: $(VENV)/.installed
	$(FLASK) seed-demo

## make worker: the mail worker (needs REDIS_URL)
worker: $(VENV)/.installed
	$(FLASK) worker

requirements: $(VENV)/.installed
	$(BIN)/pip freeze --exclude-editable | grep -v -i -E '^(pytest|iniconfig|pluggy|pygments|aiosmtpd|atpublic|attrs|ruff)==' > requirements.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
