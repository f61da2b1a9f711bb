# LumpGuide: `make run` to use it, `make test` to test it. `make help` lists the rest.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer: look on PATH, then in pyenv's versions folder.
PYTHON_FOR_VENV := $(shell \
  for c in python3.13 python3.12; do command -v $$c >/dev/null 2>&1 && { command -v $$c; exit 0; }; done; \
  for d in "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.13* "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.12*; do \
    [ -x "$$d/bin/python" ] && { echo "$$d/bin/python"; exit 0; }; done)

.PHONY: help run test test-fast test-fast-checks test-fast-node test-fast-pytest test-browser fuzz lint format bench bench-caddy lighthouse install node-packages browser zbar messages clean deploy backup restore test-deploy

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
	  echo "LumpGuide needs Python 3.13 or 3.12 (Django 6 does not run on older ones)." >&2; \
	  echo "None was found on PATH or in $${PYENV_ROOT:-$$HOME/.pyenv}/versions. Install one and run make again." >&2; \
	  exit 1; fi
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned packages

# The tests' Node tools (package.json: the FHIR validators tests/js/validate_fhir.js runs),
# installed from package-lock.json again whenever it is newer than node_modules.
node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

node-packages: node_modules/.package-lock.json ## Install the tests' Node packages (npm ci)

# The interface's translations: locale/<language>/LC_MESSAGES/django.po, compiled to .mo by
# GNU gettext's msgfmt (Debian's gettext package, installed here if missing).
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES) ## Compile the translations (.po -> .mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext for the translations..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; }
	msgfmt --check-format -o $@ $<

browser: ## Install Debian's Chromium for the browser tests, if it is missing
	@command -v /usr/bin/chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

zbar: ## Install Debian's zbar-tools (zbarimg reads the hand-over's QR code in tests), if missing
	@command -v /usr/bin/zbarimg >/dev/null 2>&1 || { \
	  echo "Installing Debian's zbar-tools for the QR code tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq zbar-tools >/dev/null; }

run: install messages ## Migrate, load the articles, start the web server and the task worker
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_articles
	$(PY) manage.py load_questionnaire
	$(PY) manage.py ensure_vapid_keys
	$(PY) manage.py sweep_reminders
	$(PY) manage.py collectstatic --no-input --verbosity 0
	@echo "LumpGuide is at http://$(HOST):$(PORT)/  (Ctrl-C stops the web server and the worker)"
	@# Stop both on Ctrl-C, or when either stops (a port already in use), and say which stopped:
	@# nothing here restarts them (in production systemd restarts each alone: deploy/README.md).
	@# The trap clears itself first (a "kill 0" from a trap on TERM signalled itself again and again).
	@trap 'trap - EXIT INT TERM; kill $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	  $(VENV)/bin/gunicorn lumpguide.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile - & \
	  wait -n -p stopped; status=$$?; \
	  if [ "$$stopped" = "$$worker" ]; then what="The task worker (reminders are not sent without it)"; \
	  else what="The web server"; fi; \
	  echo "make run: $$what stopped (exit status $$status), so both are stopped now. Run make run again." >&2; \
	  exit $$status

test: install node-packages browser zbar messages ## Lint, then run every test: make test-fast (timed), the browser tests, make test-deploy
	@start=$$(date +%s); $(MAKE) --no-print-directory test-fast; status=$$?; \
	  echo "make test: make test-fast took $$(( $$(date +%s) - start )) s (wall time, $$(nproc) cores)"; \
	  exit $$status
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-deploy

test-browser: install node-packages browser zbar messages ## Only the browser tests (Playwright, headless Chromium)
	$(VENV)/bin/pytest -m browser

test-deploy: install browser ## Production end to end in network namespaces: PostgreSQL, two app hosts, Caddy over HTTPS, a phone (root; about a minute)
	$(SUDO) $(PY) deploy/test_deploy.py

test-fast: install node-packages zbar messages ## Every test but the browser ones (lint, checks, JavaScript, pytest): no Chromium
	@# The checks run beside pytest (each is one process for a few seconds); each one's output
	@# is printed whole when it ends
	@$(MAKE) --no-print-directory -j 3 --output-sync=target test-fast-checks test-fast-node test-fast-pytest

test-fast-checks:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_PRODUCTION=1 DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))')" \
	  DJANGO_ALLOWED_HOSTS=lumpguide.example $(PY) manage.py check --deploy --fail-level WARNING

test-fast-node:
	node --test tests/js/

test-fast-pytest:
	@# Two workers per core: many tests wait on a subprocess (gunicorn, PostgreSQL, Node), and on
	@# 2 cores 4 workers took 112 s where 2 took 134 s; worksteal evens out the last minute
	$(VENV)/bin/pytest -m "not browser" -n $$(( 2 * $$(nproc) )) --dist worksteal

fuzz: install messages ## Fuzz every form, the API, paths and headers on SQLite and PostgreSQL: no 5xx
	@examples=$${LUMPGUIDE_FUZZ_EXAMPLES:-450}; status=0; \
	echo "Fuzzing on SQLite, LUMPGUIDE_FUZZ_EXAMPLES=$$examples per target..."; \
	LUMPGUIDE_FUZZ_EXAMPLES=$$examples $(VENV)/bin/pytest -m fuzz tests/fuzz || status=1; \
	echo "Fuzzing on a throwaway PostgreSQL, LUMPGUIDE_FUZZ_EXAMPLES=$$examples per target..."; \
	LUMPGUIDE_FUZZ_DB=postgres LUMPGUIDE_FUZZ_EXAMPLES=$$examples \
	  $(VENV)/bin/pytest -m fuzz tests/fuzz || status=1; \
	cat test-artifacts/fuzz-counts.txt; \
	exit $$status

lint: install ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install messages ## Run the benchmarks under bench/ (wrk from Debian if installed, else asyncio); as root, bench-caddy too
	$(PY) bench/page_weight.py
	$(PY) bench/screens.py
	$(PY) bench/load.py
	@# Through Caddy over HTTPS with PostgreSQL, beside the SQLite figures: it needs root (network
	@# namespaces); LUMPGUIDE_BENCH_CADDY=0 leaves it out
	@if [ "$${LUMPGUIDE_BENCH_CADDY:-1}" = 0 ]; then echo "bench-caddy left out (LUMPGUIDE_BENCH_CADDY=0)"; \
	elif [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then $(MAKE) --no-print-directory bench-caddy; \
	else echo "bench-caddy left out: it needs root (run: sudo make bench-caddy)"; fi

bench-caddy: install ## Throughput as deployed: Caddy over HTTPS, PostgreSQL, one app host then two (root; about 4 minutes)
	$(SUDO) $(PY) bench/through_caddy.py

lighthouse: install messages ## Lighthouse (npx, Chromium) on home, an article, a question, a result
	$(PY) bench/lighthouse.py

# Production on this Debian server (deploy/README.md): PostgreSQL, gunicorn, the worker and
# Caddy, each a systemd service. Run as root (sudo is used when you are not).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

deploy: ## Deploy or upgrade in place: make deploy DOMAIN=lumpguide.example.org (LAN=1 for an address on your Wi-Fi)
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then echo "LumpGuide needs Python 3.13 or 3.12 on this server." >&2; exit 1; fi
	$(SUDO) env DOMAIN="$(DOMAIN)" LAN="$(LAN)" EMAIL="$(EMAIL)" PYTHON="$(PYTHON_FOR_VENV)" deploy/deploy.sh

backup: ## Write a backup (database, VAPID key, settings) to /var/backups/lumpguide
	$(SUDO) deploy/backup.sh

restore: ## Bring this server back from a backup: make restore FILE=/var/backups/lumpguide/lumpguide-....tar
	$(SUDO) env FILE="$(FILE)" deploy/restore.sh

clean: ## Remove the virtual environment and generated files
	rm -rf $(VENV) node_modules staticfiles .pytest_cache test-artifacts
