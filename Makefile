# The two commands: `make run` and `make test`. Everything else is below them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
MUTATION_STAMP := $(VENV)/.installed-mutation
export DEBUG ?= true

.PHONY: run test lint e2e bench mutation install messages clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(MUTATION_STAMP): $(DEV_STAMP) requirements-mutation.txt
	$(PY) -m pip install --quiet -r requirements-mutation.txt
	touch $@

install: $(STAMP)

# The embedded database, broker and uploads live here; a fresh clone has no var/ yet.
var:
	mkdir -p var

## make run: migrate the embedded SQLite database, load demo data once, start web + worker + beat.
## RUN_ADDR=127.0.0.1:8001 make run serves elsewhere; links in demo SMS and e-mail follow it.
export RUN_ADDR ?= 127.0.0.1:8000
run: export SITE_URL ?= http://$(RUN_ADDR)
run: $(STAMP) | var
	$(PY) manage.py compile_catalogs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py classifier_train --if-missing
	$(PY) manage.py seed_demo
	$(PY) manage.py rundesk

## make test: lint, then the whole suite (SQLite and the filesystem broker unless DATABASE_URL etc. say otherwise).
test: $(DEV_STAMP) | var
	$(PY) manage.py compile_catalogs
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q -n 2 -m "not e2e and not services"

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make e2e: browser tests in Debian's chromium (installs chromium and a CJK font when missing).
e2e: $(DEV_STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei)
	$(PY) manage.py compile_catalogs
	$(PY) -m pytest -q -m e2e

## make bench: benchmarks under bench/ (see docs/performance.md).
bench: $(DEV_STAMP)
	$(PY) -m bench

## make mutation: mutmut over the modules that carry trust, module by module; prints the kill rates
## (docs/development.md). Not part of make test or CI. MUTATION_MINUTES bounds each module's run.
mutation: $(MUTATION_STAMP) | var
	$(PY) manage.py compile_catalogs
	$(PY) tools/mutation.py --fresh

## make messages: extract translatable strings into the zh-Hans catalogs (needs gettext).
messages: $(STAMP)
	for app in core intake investigations resolutions penalties deadlines reporting; do (cd $$app && ../$(PY) ../manage.py makemessages -l zh_Hans --no-obsolete); done
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete -i .venv -i var -i tests -i bench $(foreach app,core intake investigations resolutions penalties deadlines reporting,-i $(app))

clean:
	rm -rf var
