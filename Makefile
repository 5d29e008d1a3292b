# Millenniekommunerna. `make run` serves the site with the seed stories on SQLite;
# `make test` runs the whole test suite. `make help` lists every target.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SEED := millenniekommunerna/data/seed/millenniekommunerna-listing.txt
SEED_GOALS := millenniekommunerna/data/seed/seed_goals.csv
# semgrep pins its own dependencies tightly and brings some forty packages the site never
# imports, so it lives in an environment of its own, pinned in tools/semgrep/.
SEMGREP_VENV := tools/semgrep/.venv
SEMGREP := $(SEMGREP_VENV)/bin/semgrep
SEMGREP_FLAGS := --metrics=off --disable-version-check
PYTEST_ARGS ?=
FAULT_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install setup run test test-postgres backup-roundtrip lint format check security messages lock bench bench-export bench-http fault-test scale-out clean quality-tools mutation mutation-smoke

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

install: $(BIN)/.installed ## Create the virtual environment from the lock file

setup: install ## Migrate, load reference data and seed stories, create an admin once
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py import_listing $(SEED) --goals $(SEED_GOALS) --mark-millennium
	$(BIN)/python manage.py setup_editorial
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py train_goal_suggestions

run: setup ## Serve the site with the seed stories on http://127.0.0.1:8000
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (against DATABASE_URL when it is set)
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install ## Run the suite on a private throw-away PostgreSQL
	@url=$$(scripts/postgres.sh start) && trap 'scripts/postgres.sh stop' EXIT && \
	  DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS)

backup-roundtrip: install ## export_site/import_site SQLite → PostgreSQL → SQLite gives the same manifest (PostgreSQL of DATABASE_URL, or a private one)
	@case "$${DATABASE_URL:-}" in \
	  postgres*) $(BIN)/python scripts/backup_roundtrip.py "$$DATABASE_URL" ;; \
	  *) url=$$(scripts/postgres.sh start) && trap 'scripts/postgres.sh stop' EXIT && \
	     $(BIN)/python scripts/backup_roundtrip.py "$$url" ;; \
	esac

bench: install ## Render times and query counts at 1 000 and 10 000 stories (scratch SQLite in var/)
	@mkdir -p var
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 DJANGO_SETTINGS_MODULE=millenniekommunerna.settings.dev \
	  $(BIN)/python bench/pages.py --reset --stories 1000,10000 $(BENCH_ARGS)

bench-http: install ## Requests/s through nginx, its micro-cache and gunicorn at 1 000 and 100 000 stories (needs wrk, nginx, redis-server, postgresql)
	$(BIN)/python bench/throughput.py $(BENCH_ARGS)

fault-test: install ## Two app processes under load while a worker is killed, PostgreSQL restarts, Redis stops (FAULT_ARGS=--short; needs postgresql, redis-server)
	@mkdir -p var
	$(BIN)/python bench/fault.py $(FAULT_ARGS)

scale-out: install ## Two app processes behind two nginx: a publication through either is seen through all within 1 s (SCALE_ARGS=--publications 4; needs postgresql, redis-server, nginx)
	$(BIN)/python bench/scaleout.py $(SCALE_ARGS)

mutation: install ## Mutation testing of the modules that decide (var/mutation/report.md); MUTATION_TARGETS=… for some
	$(BIN)/python scripts/mutation.py $(MUTATION_TARGETS)

mutation-smoke: install ## Mutation testing of one small module, as CI runs it
	$(BIN)/python scripts/mutation.py text --min-score 90

quality-tools: ## Install the Nu HTML checker and Lighthouse for the browser tests (needs Node, Java)
	npm ci --prefix tools/quality --no-audit --no-fund

bench-export: install ## Peak memory of the CSV/JSON exports at 1 000, 10 000 and 100 000 stories
	@mkdir -p var
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench-export.sqlite3 DJANGO_SETTINGS_MODULE=millenniekommunerna.settings.dev \
	  $(BIN)/python bench/export.py --stories 1000,10000,100000 $(BENCH_ARGS)

lint: install ## ruff check, format check, and the import layers (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and migrations check
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

$(SEMGREP_VENV)/.installed: tools/semgrep/requirements.txt
	$(PYTHON) -m venv $(SEMGREP_VENV)
	$(SEMGREP_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SEMGREP_VENV)/bin/python -m pip install --quiet --require-hashes -r tools/semgrep/requirements.txt
	@touch $@

security: install $(SEMGREP_VENV)/.installed ## bandit, the project's semgrep rules (.semgrep/) and their tests
	$(BIN)/bandit -c pyproject.toml -r millenniekommunerna devtools deploy --quiet
	@# The rules' tests run from inside .semgrep/ (semgrep finds none under a hidden folder);
	@# a run that finds no tests must fail, not pass.
	@out=$$(cd .semgrep && ../$(SEMGREP) --test $(SEMGREP_FLAGS) . 2>&1); status=$$?; \
	  echo "$$out" | grep -E "tests? (passed|did not pass)|✖|missed|incorrect"; \
	  [ $$status -eq 0 ] && echo "$$out" | grep -q "All tests passed"
	$(SEMGREP) scan $(SEMGREP_FLAGS) --config .semgrep/ --error --quiet \
	  --exclude '*/tests/*' --exclude '*/migrations/*' millenniekommunerna devtools deploy

messages: install ## Extract and compile the Swedish translations
	cd millenniekommunerna && ../$(BIN)/python ../manage.py makemessages -l sv --no-obsolete
	cd millenniekommunerna && ../$(BIN)/python ../manage.py compilemessages -l sv

lock: ## Re-pin the dependencies (needs uv: pip install uv)
	uv pip compile pyproject.toml --python 3.11 --generate-hashes -o requirements/base.txt
	uv pip compile pyproject.toml --extra dev --python 3.11 --generate-hashes -o requirements/dev.txt
	uv pip compile tools/semgrep/requirements.in --python 3.11 --generate-hashes -o tools/semgrep/requirements.txt

clean: ## Remove the environment, the SQLite database and generated files
	rm -rf $(VENV) $(SEMGREP_VENV) db.sqlite3 db.sqlite3-* var .pytest_cache .ruff_cache
