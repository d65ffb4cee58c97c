# The two commands a new user needs are `make run` and `make test` (see README.md).
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := wup.settings

# make test talks to real services; override these to use others.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/wijkwaarde)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/1)

.PHONY: run test bench lint check-migrations messages deps lock services clean

run: deps messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Wijkwaarde draait op http://127.0.0.1:8000 (stoppen: Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: deps messages services lint check-migrations
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest $(PYTEST_ARGS)

bench: deps messages services
	DATABASE_URL=$(or $(BENCH_DATABASE_URL),postgres://postgres@127.0.0.1:5432/wijkwaarde_bench) \
		$(PY) -m bench.run

lint: deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/bandit -c pyproject.toml -r . --quiet --severity-level low

check-migrations: deps
	$(PY) manage.py makemigrations --check --dry-run

messages: deps
	@command -v msgfmt >/dev/null || bin/ensure-system-package gettext msgfmt
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

# The virtualenv and node_modules are rebuilt when their package lists change. Python packages
# come from requirements.lock: every runtime and test package pinned with its hashes, so two
# builds of one commit install the same files; then the project itself, without dependencies.
deps: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Wijkwaarde needs $(PYTHON) (Python 3.12 or newer): install it, or run make PYTHON=python3.13"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# After changing the dependencies in pyproject.toml: regenerate both locks (the image installs
# requirements-runtime.lock, without the test packages) and commit them. Versions already in
# the locks are kept unless pyproject.toml asks for others.
UV_VERSION := 0.13.10
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.12 \
		--custom-compile-command "make lock" --quiet -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml -c requirements.lock --generate-hashes \
		--python-version 3.12 --custom-compile-command "make lock" --quiet -o requirements-runtime.lock

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Wijkwaarde needs Node.js 20 and npm: install them first"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

services:
	@bin/ensure-services "$(TEST_DATABASE_URL)" "$(TEST_REDIS_URL)"

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
