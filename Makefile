# socialkpi: two commands for a newcomer (`make run`, `make test`), plus `make app`.
# Every target creates the virtual environment from the lock file when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.8
STAMP  := $(VENV)/.installed

export RUNTIME__DLTHUB_TELEMETRY := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: run test app lint lock venv bench clean

$(STAMP): requirements-lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-lock.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## run: generate the bundled sample data, load, build, check, print the summary
run: $(STAMP)
	$(BIN)/socialkpi run

## test: lint, then the whole test suite
test: $(STAMP)
	$(BIN)/ruff check pipelines expectations app tests
	$(BIN)/ruff format --check pipelines expectations app tests
	$(BIN)/python -m pytest

## app: open the Streamlit app on the built (published) warehouse
app: $(STAMP)
	$(BIN)/streamlit run app/streamlit_app.py

## bench: rows/s of every step on a scale-10 sample (SOCIALKPI_BENCH_SCALE=100 for the big one)
bench: $(STAMP)
	$(BIN)/python -m pytest tests/benchmarks -m benchmark -s

## lock: re-resolve requirements-lock.txt after editing pyproject.toml
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev -o requirements-lock.txt --python-version 3.11

clean:
	rm -rf .warehouse data dbt_project/target dbt_project/logs expectations/gx/uncommitted
