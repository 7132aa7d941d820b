# Everyday commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
DEMO_POSTINGS ?= 300
HOST ?= 127.0.0.1:8000
export DEBUG ?= true

.PHONY: run test test-fast lint format migrate seed bench browser html-checker clean

# The virtualenv, built with the Python named in .python-version (pyenv's or the PATH's).
$(VENV)/.installed: pyproject.toml
	@py=$$(command -v python$(PYTHON_VERSION) || pyenv which python$(PYTHON_VERSION) 2>/dev/null || true); \
	if [ -z "$$py" ]; then echo "Python $(PYTHON_VERSION) is needed (see .python-version): install it with pyenv or your package manager." >&2; exit 1; fi; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	@mkdir -p var
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo --postings $(DEMO_POSTINGS) --if-empty
	$(PY) manage.py demo_accounts

# The web server and, beside it, the task worker that sends email and scans uploads.
run: seed
	@$(PY) manage.py db_worker --queue-name '*' --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

# Debian's Chromium drives the browser tests (Playwright's own download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium: sudo apt-get install chromium" >&2; fi; }

# The W3C Nu HTML Checker (npm's vnu-jar, run with Java) for the HTML validity test.
VNU_JAR := var/node/node_modules/vnu-jar/build/dist/vnu.jar
html-checker:
	@[ -f $(VNU_JAR) ] || { \
	  if command -v npm >/dev/null 2>&1 && command -v java >/dev/null 2>&1; then \
	    mkdir -p var/node && npm install --prefix var/node --no-audit --no-fund --silent vnu-jar >/dev/null; \
	  else echo "The HTML validity test needs npm and Java (apt-get install npm default-jre-headless)" >&2; fi; }

# Scanning tests use a private clamd (bin/clamd-test starts one; installs it when root).
test: venv browser html-checker
	OTJOBS_TEST_CLAMAV_URL=$${OTJOBS_TEST_CLAMAV_URL:-$$(bin/clamd-test || true)} $(PY) -m pytest $(PYTEST_ARGS)

test-fast: venv
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@mkdir -p var
	$(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
