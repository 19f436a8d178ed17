"""Hostile values through every filter of the app and every argument of `kpis`, `attribution`, `alerts` and
`onepager`, on a copy of the shared built warehouse: no SQL error text, no table dropped or changed (every
table checksummed before and after), and a clean error naming the argument for a value that is invalid."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.cli import main
from pipelines.config import REPO_ROOT, WAREHOUSE_ENV, serving_path
from tests.runsafe.warehouse_state import checksums

APP = str(REPO_ROOT / "app" / "streamlit_app.py")
HOSTILE = (
    "x' OR 1=1 --",
    '"; drop table marts.fct_conversations; --',
    "') union select * from raw.events --",
    "fr-CA'); delete from marts.fct_alerts; --",
    "ünïcødé ‮ 🙂 ﷽",
    "A" * 5000,
)
SQL_ERRORS = (
    "Parser Error",
    "Binder Error",
    "Catalog Error",
    "Conversion Error",
    "syntax error",
    "Traceback",
)


@pytest.fixture(scope="module")
def built(sample_run, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the shared built warehouse and its serving copy (the shared one is never touched), and the
    checksum of every table of both before any hostile value is tried."""
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    copy = tmp_path_factory.mktemp("injection") / "socialkpi.duckdb"
    shutil.copyfile(sample_run.warehouse, copy)
    shutil.copyfile(serving_path(sample_run.warehouse), serving_path(copy))
    return copy, every_checksum(copy)


def every_checksum(warehouse: Path) -> dict[str, str]:
    serving = {f"serving {table}": value for table, value in checksums(serving_path(warehouse)).items()}
    return {**checksums(warehouse), **serving}


@pytest.fixture
def warehouse(built) -> Path:
    return built[0]


def socialkpi(capsys, *argv: str) -> tuple[int, str]:
    """`socialkpi ARGV` in this process: exit code (argparse's 2 included) and everything it printed."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out + out.err


CASES = {  # command, argument -> the exit code of a hostile value and what the message must say
    ("kpis", "--platform"): (2, "argument --platform: unknown platform"),
    ("kpis", "--language"): (2, "argument --language:"),
    ("kpis", "--kpi"): (1, "unknown KPI"),
    ("kpis", "--by"): (1, "unknown --by"),
    ("kpis", "--channel"): (2, "argument --channel: invalid choice"),
    ("kpis", "--preset"): (2, "argument --preset: invalid choice"),
    ("kpis", "--from"): (2, "argument --from: invalid fromisoformat value"),
    ("kpis", "--to"): (2, "argument --to: invalid fromisoformat value"),
    ("attribution", "--by"): (2, "argument --by: unknown group"),
    ("attribution", "--model"): (2, "argument --model: invalid choice"),
    ("attribution", "--from"): (2, "argument --from: invalid fromisoformat value"),
    ("alerts", "--to"): (2, "argument --to: invalid fromisoformat value"),
    ("alerts", "--fail-on"): (2, "argument --fail-on: invalid choice"),
    ("onepager", "--platform"): (2, "argument --platform: unknown platform"),
    ("onepager", "--language"): (2, "argument --language:"),
    ("onepager", "--from"): (2, "argument --from: invalid fromisoformat value"),
}


@pytest.mark.parametrize(("command", "argument"), CASES)
def test_a_hostile_argument_is_refused_cleanly(warehouse, tmp_path, capsys, command, argument):
    code, message = CASES[(command, argument)]
    extra = ["--out", str(tmp_path / "page.html")] if command == "onepager" else []
    for value in HOSTILE:
        exit_code, printed = socialkpi(
            capsys, command, "--warehouse", str(warehouse), argument, value, *extra
        )
        assert exit_code == code, (value[:40], printed[-2000:])
        assert message in printed, (value[:40], printed[-2000:])
        assert not any(error in printed for error in SQL_ERRORS), (value[:40], printed[-2000:])


def test_hostile_output_paths_and_extreme_dates_are_answered_or_refused_cleanly(warehouse, tmp_path, capsys):
    for value in HOSTILE:
        out = tmp_path / f"{value}.html"
        code, printed = socialkpi(capsys, "onepager", "--warehouse", str(warehouse), "--out", str(out))
        assert not any(error in printed for error in SQL_ERRORS), printed[-2000:]
        if len(value.encode()) > 250:  # longer than a file name may be: the OS error, named, exit 1
            assert code == 1 and "File name too long" in printed, printed[-2000:]
        else:
            assert code == 0 and out.read_bytes().lower().startswith(b"<!doctype html>"), printed[-2000:]
    for command in ("kpis", "attribution", "alerts"):
        code, printed = socialkpi(
            capsys, command, "--warehouse", str(warehouse), "--from", "0001-01-01", "--to", "9999-12-31"
        )
        assert code in (0, 1) and not any(error in printed for error in SQL_ERRORS), printed[-2000:]
        assert f"step={command} status=" in printed
    missing = tmp_path / "x' OR 1=1 --.duckdb"
    code, printed = socialkpi(capsys, "kpis", "--warehouse", str(missing))
    assert code == 1 and f"no warehouse at {missing}" in printed


def test_hostile_app_filters_are_dropped(warehouse, monkeypatch):
    """Every hostile value in the URL of a shared view (the filters' only free-text way in: the widgets offer
    the data's own values), then an out-of-range period picked: dropped or clipped, never an error."""
    monkeypatch.setenv(WAREHOUSE_ENV, str(warehouse))
    at = AppTest.from_file(APP, default_timeout=180)
    for key in ("platform", "channel", "language"):
        at.query_params[key] = [*HOSTILE, "instagram"]
    at.query_params["period"] = [*HOSTILE, "9999-12-31"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="language").value == []  # an unknown value is dropped, never queried
    assert at.multiselect(key="channel").value == []
    assert at.multiselect(key="platform").value == ["instagram"]  # the one real value is kept
    for page in ("app_pages/operations.py", "app_pages/all_kpis.py", "app_pages/attribution.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        shown = " ".join(str(e.value) for e in at.error)
        assert not any(error in shown for error in SQL_ERRORS), shown
    at.date_input(key="period").set_value((date(1, 1, 1), date(9999, 12, 31))).run()
    assert not at.exception, [e.value for e in at.exception]


def test_no_table_was_dropped_or_changed(built):
    """Runs last in this module: every table of the warehouse and its serving copy as before the values."""
    warehouse, before = built
    assert every_checksum(warehouse) == before
