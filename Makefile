# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: bench drills run test test-services e2e browsers lint format migrate seed worker clean requirements

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

# axe-core (npm, pinned in package-lock.json) for the accessibility audit. Without npm the
# accessibility tests skip on a developer's machine; CI (CI=true) fails them instead.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped"; fi

## make test: the whole suite (SQLite by default; set TEST_DATABASE_URL/TEST_REDIS_URL for
## PostgreSQL + Redis, in which case a missing service fails the run). The browser tests
## (tests/e2e) need Debian's chromium and w3m (`make browsers`); without them they skip,
## except in CI.
test: $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make e2e: only the browser, text-browser and no-script tests
e2e: $(VENV)/.installed-dev node_modules/.installed
	$(BIN)/python -m pytest tests/e2e tests/test_text_browser.py tests/test_no_script.py $(PYTEST_ARGS)

## make browsers: Debian's Chromium and w3m for the browser tests (as root; .ci/run does this)
browsers:
	@command -v chromium >/dev/null 2>&1 && command -v w3m >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium w3m; }

## make test-services: the suite on the local PostgreSQL and Redis
test-services: $(VENV)/.installed-dev node_modules/.installed
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
	$(BIN)/pip freeze --exclude-editable | grep -v -i -E '^(pytest|iniconfig|pluggy|pygments|aiosmtpd|atpublic|attrs|ruff|playwright|greenlet)==' > requirements.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules test-artifacts

## make bench: the load benchmark on PostgreSQL + Redis at 127.0.0.1 (installs wrk, and
## matplotlib into .venv only); writes bench/RESULTS.md and bench/results.png. Not in make test/CI.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## make drills: fault drills on a private PostgreSQL and Redis (scripts/fault_drills.py)
drills: $(VENV)/.installed-dev
	$(BIN)/python scripts/fault_drills.py $(DRILL_ARGS)
