"""No personal data where the app and the exports read (issue 13), by value, not by column name.

Every personal value of a landing's input files (user ids, e-mails, names, handles, phones, addresses,
message texts, order notes: tests/privacy/personal_values.py) is looked for in EVERY value of EVERY column of
EVERY table of the published copy, in the `kpis`, `attribution` and `alerts` exports and in the one-pager
HTML: none may occur, exactly or (6 characters or more) inside a longer value. Done for the shared sample
build and for a hand-written landing whose people are planted in free-text fields (planted_landing.py),
where the marts and reporting tables of the warehouse itself are searched too.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.config import TELEMETRY_OFF, serving_path
from pipelines.privacy.keys import KEY_ENV, KEY_FILE, keyed_hash
from pipelines.publish import PUBLISHED_TABLES
from tests.conftest import PipelineRun, query, socialkpi
from tests.privacy.personal_values import collect, database_cells, hits, text_cells
from tests.privacy.planted_landing import GABRIELLE_ID, PLANTED, write_planted_landing

PLANTED_KEY = "planted-landing-key-0123456789abcdef"


def export_cells(warehouse: Path, out: Path) -> dict[str, str]:
    """Every value of what a user can export from `warehouse`: KPIs (all, and by every text group),
    attribution (summary and per conversion), alerts and the one-pager."""
    runs = {
        "kpis": ["kpis", "--format", "csv"],
        "kpis by campaign": ["kpis", "--by", "campaign", "--format", "csv"],
        "kpis by template": ["kpis", "--by", "template", "--format", "csv"],
        "kpis by post": ["kpis", "--by", "post", "--format", "csv"],
        "attribution": ["attribution", "--by", "model,platform,campaign,channel", "--format", "csv"],
        "attribution conversions": ["attribution", "--conversions", "--format", "json"],
        "alerts": ["alerts", "--format", "json"],
    }
    cells: dict[str, str] = {}
    for name, args in runs.items():
        done = socialkpi(*args, "--warehouse", str(warehouse))
        assert done.returncode == 0, (name, done.stderr[-2000:])
        cells.update(text_cells(name, done.stdout))
    html = out / "onepager.html"
    done = socialkpi("onepager", "--format", "html", "--out", str(html), "--warehouse", str(warehouse))
    assert done.returncode == 0, done.stderr[-2000:]
    cells.update(text_cells("onepager", html.read_text(encoding="utf-8")))
    return cells


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory) -> PipelineRun:
    base = tmp_path_factory.mktemp("planted")
    landing = write_planted_landing(base / "landing")
    warehouse = base / "warehouse" / "socialkpi.duckdb"
    run = socialkpi(
        "run", "--landing", str(landing), "--warehouse", str(warehouse), env={KEY_ENV: PLANTED_KEY}
    )
    return PipelineRun(landing, warehouse, run.returncode, run.stdout, run.stderr)


def test_published_copy_holds_only_the_allow_listed_tables_and_no_view(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    serving = serving_path(sample_run.warehouse)
    tables = query(
        serving,
        "select table_schema || '.' || table_name, table_type from information_schema.tables "
        "where table_catalog = current_database()",
    )
    assert {name for name, _ in tables} == set(PUBLISHED_TABLES)
    assert {kind for _, kind in tables} == {"BASE TABLE"}
    assert query(serving, "select count(*) from duckdb_views() where not internal") == [(0,)]
    # every KPI's fact is served, so `socialkpi kpis` computes all of them from the copy
    facts = query(serving, "select distinct fact_relation from marts.dim_kpis")
    assert facts and {fact for (fact,) in facts} <= set(PUBLISHED_TABLES)


def test_no_personal_value_of_the_sample_in_the_published_copy_or_any_export(sample_run, tmp_path):
    personal = collect(sample_run.landing)
    kinds = set(personal.values.values())
    assert {"user id", "e-mail", "name", "handle", "address", "message text"} <= kinds
    assert len(personal.values) > 3000  # the sample's people, not a handful
    cells = database_cells(serving_path(sample_run.warehouse))
    cells.update(export_cells(sample_run.warehouse, tmp_path))
    found = hits(personal, cells)
    print(
        f"sample: {len(personal.values)} personal values x {len(cells)} published values: {len(found)} hits"
    )
    assert found == []


def test_the_search_finds_what_raw_holds(sample_run):
    """The same search on the raw layer finds the people: a search that finds nothing anywhere proves nothing."""
    personal = collect(sample_run.landing)
    cells = {
        value: where
        for value, where in database_cells(sample_run.warehouse).items()
        if where.startswith("raw.")
    }
    found_kinds = {kind for _, kind, _ in hits(personal, cells, substrings=False)}
    assert {"user id", "e-mail", "name", "handle", "address", "message text"} <= found_kinds


def test_planted_personal_values_reach_no_mart_report_copy_or_export(planted_run, tmp_path):
    assert planted_run.returncode == 0, planted_run.stderr[-4000:]
    personal = collect(planted_run.landing)
    everything = database_cells(planted_run.warehouse)
    raw = {value: where for value, where in everything.items() if where.startswith("raw.")}
    in_raw = {value for _, _, value in hits(personal, raw)}
    # the planted values were loaded (raw keeps what was delivered)...
    for field, planted in PLANTED.items():
        assert any(value in planted.casefold() or planted.casefold() in value for value in in_raw), field
    # ...and none left raw/staging for a mart, a report, the published copy or an export
    cells = {
        value: where
        for value, where in everything.items()
        if where.split(".")[0] in ("marts", "reporting", "quality")
    }
    cells.update(database_cells(serving_path(planted_run.warehouse)))
    cells.update(export_cells(planted_run.warehouse, tmp_path))
    found = hits(personal, cells)
    print(f"planted: {len(personal.values)} personal values x {len(cells)} values: {len(found)} hits")
    assert found == []


def test_free_text_leaves_only_its_derived_values(planted_run):
    """What the KPIs need from the free-text fields survives: UTM source/medium/campaign, the link's path,
    the note's UTM lines, and the promo code's match (both sides hashed the same way)."""
    orders = {
        row[0]: row[1:]
        for row in query(
            planted_run.warehouse,
            "select order_id, discount_code, first_visit_landing_page, first_visit_utm_source, "
            "first_visit_utm_campaign, first_visit_utm_content, note_utm_source, note_utm_medium "
            "from marts.fct_orders",
        )
    }
    assert orders["5120000000001"] == (
        # a code holding a name: its keyed hash (upper-cased, as fct_orders writes every code)
        keyed_hash("TREMBLAY15", PLANTED_KEY.encode()).upper(),
        "https://shop.example.com/products/wool-scarf",  # a parameter held a handle: the path only
        "instagram",
        "spring",
        "(redacted)",
        "instagram",
        "social",
    )
    assert orders["5120000000002"] == (
        None,
        # the subscriber's e-mail parameter: the whole query goes, the path stays
        "https://shop.example.com/collections/candles",
        "newsletter",
        "may",
        None,
        "newsletter",  # the UTM lines of the note stay, its e-mail line does not
        "email",
    )
    links = query(
        planted_run.warehouse,
        "select linked_id from marts.fct_identity_links where match_method = 'promo_code' "
        "and customer_key = ?",
        [keyed_hash(GABRIELLE_ID, PLANTED_KEY.encode())],
    )
    assert links == [("5120000000001",)]
    [(tag,)] = query(
        planted_run.warehouse,
        "select distinct campaign_tag from marts.fct_conversations where conversation_id = 'ig-dm-planted-1'",
    )
    assert tag == "(redacted)"


def test_the_key_is_in_no_file_but_its_own(sample_run, planted_run):
    for run, key in ((sample_run, os.environ[KEY_ENV]), (planted_run, PLANTED_KEY)):
        needle = key.encode()
        files = [path for path in run.warehouse.parent.rglob("*") if path.is_file()]
        assert len(files) > 20  # dbt's target/ and logs, dlt's state, data docs, the copies
        for path in files:
            if path.name == KEY_FILE:
                continue
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data += gzip.decompress(data)
            assert needle not in data, path


def test_dlt_keeps_no_personal_data_after_the_load(planted_run):
    assert planted_run.returncode == 0, planted_run.stderr[-4000:]
    personal = collect(planted_run.landing)
    pipelines_dir = planted_run.warehouse.parent / ".dlt"
    files = [path for path in pipelines_dir.rglob("*") if path.is_file()]
    assert files
    assert not [path for path in files if "completed_jobs" in path.parts]
    lowered = {value for value in personal.values if len(value) >= 6}
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").casefold()
        leaked = sorted(value for value in lowered if value in text)
        assert leaked == [], path
    staged = query(
        planted_run.warehouse,
        "select table_name from duckdb_tables() where schema_name = 'raw_staging' and table_name not like '\\_dlt%' escape '\\'",
    )
    assert staged  # the merge staging tables exist (dlt merged into raw through them) and are empty
    for (table,) in staged:
        assert query(planted_run.warehouse, f'select count(*) from raw_staging."{table}"') == [(0,)], table


@pytest.mark.parametrize("command", ["run", "load"])
def test_a_run_on_own_exports_refuses_to_start_without_a_key(tmp_path, command):
    landing = write_planted_landing(tmp_path / "landing")
    warehouse = tmp_path / "warehouse" / "socialkpi.duckdb"
    env = {
        key: value
        for key, value in {**os.environ, **TELEMETRY_OFF}.items()
        if key not in (KEY_ENV, "SOCIALKPI__PII_KEY")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            command,
            "--landing",
            str(landing),
            "--warehouse",
            str(warehouse),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert f"step={command} status=failed" in done.stderr and KEY_ENV in done.stderr
    assert "Traceback" not in done.stderr
    assert not warehouse.exists() and not (warehouse.parent / KEY_FILE).exists()
