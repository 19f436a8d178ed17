"""A new user's own folders, end to end: content only, commerce only, events only, and all three mixed, with
2017 dates, orders in three currencies reported in euros, and `x` comments and DMs.

Each landing is inspected (`socialkpi inspect`, which writes nothing) and then run for real (load → dbt build →
checks → publish). The four runs start together in child processes (the machine has two cores; a run is
mostly one dbt process), and every test reads the warehouses they built. Expected values come from
tests/e2e/own_landing.py, where they are worked out beside the rows that produce them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.config import TELEMETRY_OFF, serving_path
from tests.conftest import query, socialkpi
from tests.e2e import own_landing

LANDINGS = {
    "content": ("content",),
    "commerce": ("commerce",),
    "events": ("events",),
    "mixed": ("content", "commerce", "events"),
}


@dataclass(frozen=True)
class OwnRun:
    landing: Path
    warehouse: Path
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def own_runs(tmp_path_factory) -> dict[str, OwnRun]:
    base = tmp_path_factory.mktemp("own")
    started = {}
    for name, families in LANDINGS.items():
        landing = own_landing.write_landing(base / name / "landing", families)
        warehouse = base / name / "warehouse" / "socialkpi.duckdb"
        started[name] = (
            landing,
            warehouse,
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pipelines.cli",
                    "run",
                    "--landing",
                    str(landing),
                    "--warehouse",
                    str(warehouse),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, **TELEMETRY_OFF},
            ),
        )
    runs = {}
    for name, (landing, warehouse, process) in started.items():
        stdout, stderr = process.communicate(timeout=1200)
        runs[name] = OwnRun(landing, warehouse, process.returncode, stdout, stderr)
    return runs


@pytest.mark.parametrize("name", LANDINGS)
def test_every_landing_builds_checks_and_publishes(own_runs, name):
    run = own_runs[name]
    assert run.returncode == 0, run.stderr[-4000:]
    for step in ("load", "transform", "publish"):
        assert f"step={step} status=ok" in run.stderr, step
    assert "step=check status=ok" in run.stderr
    assert serving_path(run.warehouse).exists()


@pytest.mark.parametrize("name", LANDINGS)
def test_inspect_reads_every_file_and_would_reject_nothing(own_runs, name):
    run = own_runs[name]
    inspected = socialkpi("inspect", "--landing", str(run.landing), "--format", "json")
    assert inspected.returncode == 0, inspected.stdout[-3000:] + inspected.stderr[-3000:]
    report = json.loads(inspected.stdout)
    files = {row["path"]: row for row in report["files"]}
    assert report["ok"] is True
    written = {path.relative_to(run.landing).as_posix() for path in run.landing.rglob("*") if path.is_file()}
    assert set(files) == written
    for path, row in files.items():
        expected = "settings" if path.startswith("settings/") else "would load"
        assert row["status"] == expected, (path, row)


def test_every_landing_file_is_accounted_for_in_the_manifest(own_runs):
    run = own_runs["mixed"]
    rows = dict(query(run.warehouse, "select relative_path, status from raw.landing_files"))
    assert rows == {
        "events/inbox_2017-03.jsonl": "loaded",
        "content/instagram/Mar-01-2017_Mar-31-2017_1234567890.csv": "loaded",
        "commerce/Shopify_orders_export_2.csv": "loaded",
        "commerce/hubspot-crm-exports-my-saved-view-2017-03-10.csv": "loaded",
        "settings/settings.toml": "settings",
    }


@pytest.mark.parametrize("name", ["commerce", "mixed"])
def test_orders_in_three_currencies_are_reported_in_euros_at_the_ecb_rate_of_their_day(own_runs, name):
    warehouse = own_runs[name].warehouse
    rows = query(
        warehouse,
        "select order_id, original_currency_code, currency_code, revenue_amount, currency_rate_source "
        "from marts.fct_orders order by order_id",
    )
    expected = own_landing.expected_revenue_eur()
    assert {row[0]: Decimal(row[3]) for row in rows} == expected
    assert {row[1] for row in rows} == {"USD", "ZAR", "GBP"}
    assert {row[2] for row in rows} == {"EUR"}
    sources = {row[0]: row[4] for row in rows}
    assert sources["5000000000004"] == "ecb nearest earlier day"  # a Saturday order
    assert {sources[order] for order in ("5000000000001", "5000000000002", "5000000000003")} == {"ecb"}


@pytest.mark.parametrize("name", ["events", "mixed"])
def test_x_and_instagram_conversations_from_2017_have_their_first_response_times(own_runs, name):
    rows = query(
        own_runs[name].warehouse,
        "select conversation_id, platform, frt_any_us / 60e6, frt_human_us / 60e6 from marts.fct_conversations",
    )
    assert {row[0]: (row[1], row[2], row[3]) for row in rows} == own_landing.EXPECTED_CONVERSATIONS


@pytest.mark.parametrize("name", ["events", "mixed"])
def test_a_reply_answers_only_the_comment_it_replies_to(own_runs, name):
    rows = query(own_runs[name].warehouse, "select message_id, is_replied from marts.fct_comments")
    assert dict(rows) == own_landing.EXPECTED_COMMENT_ANSWERED


@pytest.mark.parametrize("name", ["content", "mixed"])
def test_the_2017_instagram_posts_are_in_the_content_marts(own_runs, name):
    rows = query(
        own_runs[name].warehouse,
        "select post_id, sum(views) from marts.fct_post_daily where platform = 'instagram' group by post_id",
    )
    assert {row[0]: row[1] for row in rows} == own_landing.EXPECTED_POST_VIEWS


@pytest.mark.parametrize(
    ("name", "absent_tables"),
    [
        ("content", ("marts.fct_conversations", "marts.fct_orders")),
        ("commerce", ("marts.fct_conversations", "marts.fct_post_daily")),
        ("events", ("marts.fct_orders", "marts.fct_post_daily")),
    ],
)
def test_absent_families_leave_their_marts_empty_not_missing(own_runs, name, absent_tables):
    for table in absent_tables:
        assert query(own_runs[name].warehouse, f"select count(*) from {table}") == [(0,)], table
