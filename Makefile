# Two commands set everything up: `make demo` and `make test` (see README.md).
# Only Python >= 3.11 and make are needed; uv (pinned below) is bootstrapped into .uv/.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .uv/bin/uv
VENV := .venv
RUN := $(VENV)/bin
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo test install install-dev lint types pytest messages serve clean

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --no-dev --quiet

install-dev: $(UV)
	$(UV) sync --frozen --quiet

demo: install
	@mkdir -p var
	$(RUN)/sousei demo --port $(PORT)

lint: install-dev
	$(RUN)/ruff check .
	$(RUN)/ruff format --check .
	$(RUN)/lint-imports --no-logo --no-cache

types: install-dev
	$(RUN)/mypy sousei tests bench conftest.py

# Every statement the application sends to a tenant table must name one region
# (docs/adr/0002-past-one-machine.md); SOUSEI_REGION_CHECK=report only writes what it finds.
SOUSEI_REGION_CHECK ?= fail
export SOUSEI_REGION_CHECK

pytest: install-dev
	@eval "$$($(RUN)/python -m sousei.dbprobe --shell)" && $(RUN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# The checks load the settings as a server would (DEBUG off), so they need a key of their own.
THROWAWAY_KEY = SECRET_KEY="$$($(RUN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"

test: lint types
	$(THROWAWAY_KEY) $(RUN)/python -m sousei.manage check --fail-level WARNING
	$(THROWAWAY_KEY) DATABASE_URL=sqlite://:memory: $(RUN)/python -m sousei.manage makemigrations --check --dry-run
	@$(MAKE) --no-print-directory pytest

messages: install-dev
	tools/messages

clean:
	rm -rf .venv .uv var/*.sqlite3
