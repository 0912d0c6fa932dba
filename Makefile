# Developer entry points. `make run` on a fresh machine installs everything, starts
# private PostgreSQL/Redis (unless DATABASE_URL/REDIS_URL are set) and runs the portal.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# node_modules only once the project has a package.json.
NODE := $(if $(wildcard package.json),node_modules/.installed)
DEVSERVICES := $(PY) -m imi.devservices
LANGS := bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-dates e2e lint format messages totp bench bench-pages load-test clean-data

help: ## Show this help
	@grep -E '^[a-z0-9.-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -e ".[dev]"
	touch $@

node_modules/.installed: package.json $(wildcard package-lock.json) scripts/ecl-local-fonts.js
	if [ -f package-lock.json ]; then npm ci; else npm install; fi
	touch $@

run: $(VENV)/.installed $(NODE) ## Migrate, load the demo data, run web + worker + beat (Ctrl-C stops all)
	$(DEVSERVICES) run

test: $(VENV)/.installed $(NODE) ## Lint, migration/translation checks, then the whole test suite
	$(DEVSERVICES) test

# The inner loop: everything but the slow, fault, browser and crawl tests (pyproject.toml's markers).
# JOBS=N runs them in N processes (pytest-xdist), worth it on a machine with more than two idle cores.
FAST := not slow and not fault and not browser and not crawl
test-fast: $(VENV)/.installed $(NODE) ## The same checks, then the tests that take seconds (no slow/fault/browser/crawl)
	$(DEVSERVICES) test -m "$(FAST)" $(if $(JOBS),-n $(JOBS))

# Date arithmetic breaks on these: a year's first minutes, the first day after February, 29 February
# just before midnight. --today runs the whole session on that day, the clock ticking (tests/conftest.py).
AWKWARD_DAYS := 2027-01-01T00:30 2027-03-01T00:15 2028-02-29T23:45
test-dates: $(VENV)/.installed $(NODE) ## The same checks, then the fast tests on each of AWKWARD_DAYS (CI runs it)
	set -e; for day in $(AWKWARD_DAYS); do $(DEVSERVICES) test -m "$(FAST)" --today $$day; done

e2e: $(VENV)/.installed $(NODE) ## The same checks, then only the browser tests (tests/browser)
	$(DEVSERVICES) test tests/browser

lint: $(VENV)/.installed ## ruff check + format check + the layers (import-linter, docs/architecture.md)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed ## Fix what ruff can and format the code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# --no-obsolete drops `#~` leftovers; with --no-location and --no-wrap, entries follow
# the (sorted) file order and source order, so reruns give stable diffs.
messages: $(VENV)/.installed ## Update locale/*/LC_MESSAGES/django.po from the code
	$(DEVSERVICES) exec -- python manage.py makemessages $(addprefix -l ,$(LANGS)) \
	  --no-location --no-wrap --no-obsolete --ignore=.venv --ignore=node_modules --ignore=.devdata

bench: $(VENV)/.installed ## Time the reminder sweep (2,500 due among 100,000 and 1,000,000 requests) and the directory search (rolled back)
	CELERY_TASK_ALWAYS_EAGER=false $(DEVSERVICES) exec -- python manage.py bench_reminders --totals 100000 1000000 --due 2500
	$(DEVSERVICES) exec -- python manage.py bench_search --authorities 20000 --registers 5000

# A mixed day of handlers and coordinators (loadtest/locustfile.py) against a running portal seeded with the
# demo world (`make run`, `docker compose up` and seed_demo): LOAD_USERS simulated users for LOAD_TIME; prints
# throughput, p95 and errors, and fails on any error. Only ever against a portal of your own.
LOAD_HOST ?= http://127.0.0.1:8000
LOAD_USERS ?= 200
LOAD_SPAWN_RATE ?= 20
LOAD_TIME ?= 2m
load-test: $(VENV)/.installed ## Load test: LOAD_USERS (200) users for LOAD_TIME (2m) against LOAD_HOST
	$(VENV)/bin/locust -f loadtest/locustfile.py --headless --only-summary --host $(LOAD_HOST) \
	  --users $(LOAD_USERS) --spawn-rate $(LOAD_SPAWN_RATE) --run-time $(LOAD_TIME) --stop-timeout 10

# The real IMI's size; smaller worlds for a quicker look: make bench-pages REQUESTS=100000.
AUTHORITIES ?= 20000
USERS ?= 50000
REQUESTS ?= 1000000
bench-pages: $(VENV)/.installed ## Build a world of REQUESTS requests in a database of its own, time every page under gunicorn, drop it
	$(DEVSERVICES) exec -- python manage.py bench_pages --authorities $(AUTHORITIES) --users $(USERS) --requests $(REQUESTS)

# The demo's coordinators, helpdesk staff and superuser share this authenticator secret (seed_demo).
DEMO_TOTP_SECRET ?= JBSWY3DPEHPK3PXP
totp: ## Print the current authenticator code of the demo accounts that need one
	@$(PYTHON) -I imi/devservices.py totp $(DEMO_TOTP_SECRET)

# devservices.py is stdlib-only: as a plain script, `stop` needs no venv.
clean-data: ## Delete .devdata (local database, Redis, uploads), after asking
	@printf 'Delete .devdata with the local database? [y/N] '; read answer; \
	if [ "$$answer" = y ]; then $(PYTHON) -I imi/devservices.py stop && rm -rf .devdata && echo Deleted.; else echo Kept.; fi
