"""The whole pipeline on generated sample data, checked against KPIs computed here from the raw events."""

from __future__ import annotations

import gzip
import json
import shutil
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import query, socialkpi

TEAM_ZONE = ZoneInfo("America/Toronto")
CUSTOMER_MESSAGES = {"comment_received", "dm_received"}
RESPONSES = {"comment_replied", "dm_response_sent", "auto_reply_sent"}


def canonical_language(tag: str | None) -> str:
    if not tag or not tag.strip():
        return "und"
    parts = tag.strip().replace("_", "-").split("-")
    return parts[0].lower() + ("-" + parts[1].upper() if len(parts) > 1 else "")


def read_events(landing: Path, rejected: set[tuple[str, int]]) -> dict[str, dict]:
    """Every event line the loader did not reject, deduplicated by event_id (independently of the loader)."""
    events: dict[str, dict] = {}
    for path in sorted((landing / "events").rglob("*.jsonl*")):
        relative = path.relative_to(landing).as_posix()
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
            if line.strip() and (relative, number) not in rejected:
                record = json.loads(line)
                events.setdefault(record["event_id"], record)
    return events


def independent_inbox_daily(events: dict[str, dict]) -> dict[tuple, dict]:
    """rpt_inbox__daily recomputed from the events, straight from shared/spec/kpis.md §2."""
    by_conversation: dict[tuple, list] = defaultdict(list)
    for record in events.values():
        platform, event = record["event_name"].split(".")
        at = datetime.fromisoformat(record["occurred_at"].replace("Z", "+00:00"))
        by_conversation[(platform, record["conversation_id"])].append((at, record["event_id"], event, record))
    daily: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    for (platform, _), items in by_conversation.items():
        inbound = sorted(i for i in items if i[2] in CUSTOMER_MESSAGES)
        if not inbound:
            continue
        first_at, _, first_event, first = inbound[0]
        responses = [i for i in items if i[2] in RESPONSES and i[0] >= first_at]
        human = [i for i in responses if i[3]["actor"] == "agent"]
        key = (
            first_at.astimezone(TEAM_ZONE).date(),
            platform,
            "comment" if first_event == "comment_received" else "dm",
            canonical_language(first.get("language")),
        )
        row = daily[key]
        row["conversations"] += 1
        if responses:
            row["responded_conversations"] += 1
            row["frt_any_total_min"] += (min(i[0] for i in responses) - first_at).total_seconds() / 60
        if human:
            row["human_responded_conversations"] += 1
            row["frt_human_total_min"] += (min(i[0] for i in human) - first_at).total_seconds() / 60
    return daily


def test_run_succeeds_and_prints_the_summary(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    out = sample_run.stdout
    for expected in (
        "loaded (this run / now in raw)",
        "events",
        "dbt build",
        "checks",
        "response rate",
        "make app",
    ):
        assert expected in out
    assert str(sample_run.warehouse) in out
    for step in ("load", "transform", "check", "publish"):
        assert f"step={step} status=ok" in sample_run.stderr
    # the raw layer is checked right after the load, the marts after dbt
    checks = [line for line in sample_run.stderr.splitlines() if "step=check status=ok" in line]
    assert [("layer=raw" in line, "layer=marts" in line) for line in checks] == [(True, False), (False, True)]
    assert "checks (raw  )" in out and "checks (marts)" in out


def test_inbox_mart_matches_independent_computation(sample_run):
    rejected = {
        (file, line)
        for file, line in query(
            sample_run.warehouse, "select file, line from raw.load_rejects where file like 'events/%'"
        )
    }
    expected = independent_inbox_daily(read_events(sample_run.landing, rejected))
    actual = {
        row[:4]: row[4:]
        for row in query(
            sample_run.warehouse,
            "select conversation_date, platform, channel, language, conversations, responded_conversations, "
            "response_rate, frt_any_total_min, frt_any_mean_min, human_responded_conversations, "
            "frt_human_total_min, frt_human_mean_min from reporting.rpt_inbox__daily",
        )
    }
    assert set(actual) == set(expected)
    assert sum(r["conversations"] for r in expected.values()) > 500
    for key, want in expected.items():
        conv, responded, rate, any_total, any_mean, human_n, human_total, human_mean = actual[key]
        assert conv == want["conversations"], key
        assert responded == want["responded_conversations"], key
        assert rate == pytest.approx(want["responded_conversations"] / want["conversations"]), key
        assert human_n == want["human_responded_conversations"], key
        if responded:
            assert any_total == pytest.approx(want["frt_any_total_min"], abs=1e-6), key
            assert any_mean == pytest.approx(want["frt_any_total_min"] / responded, abs=1e-6), key
        else:
            assert any_mean is None
        if human_n:
            assert human_mean == pytest.approx(want["frt_human_total_min"] / human_n, abs=1e-6), key
        else:
            assert human_mean is None


def test_sample_data_has_something_true_to_find(sample_run):
    """fr-CA waits longer than English (the spec's cohort example), and bots make 'any' faster than 'human'."""
    rows = dict(
        query(
            sample_run.warehouse,
            "select language, sum(frt_any_total_min) / sum(responded_conversations) "
            "from reporting.rpt_inbox__daily where language in ('en', 'fr-CA') group by language",
        )
    )
    assert rows["fr-CA"] > 2 * rows["en"]
    [(any_mean, human_mean)] = query(
        sample_run.warehouse,
        "select sum(frt_any_total_min) / sum(responded_conversations), "
        "sum(frt_human_total_min) / sum(human_responded_conversations) from reporting.rpt_inbox__daily",
    )
    assert any_mean < human_mean


def test_contract_breaking_events_land_in_rejects_with_reasons(sample_run):
    reasons = query(
        sample_run.warehouse,
        "select field, reason, file, line from raw.load_rejects where source = 'events' order by file, line",
    )
    fields = {field for field, *_ in reasons}
    assert {"actor", "occurred_at", "csat_score", "event_name"} <= fields
    assert any(field in {"conversation_id", "event_id"} for field in fields)
    assert any(reason.startswith("not valid JSON") for _, reason, *_ in reasons)
    assert all(line > 0 and file.startswith("events/") for _, _, file, line in reasons)
    # and the summary counts them
    [(count,)] = query(sample_run.warehouse, "select count(*) from raw.load_rejects where source = 'events'")
    assert count == len(reasons) and count > 0


def test_no_personal_data_reaches_the_marts(sample_run):
    user_ids = {
        record_user
        for (record_user,) in query(sample_run.warehouse, "select distinct user_id from raw.events")
    }
    keys = {
        key
        for (key,) in query(sample_run.warehouse, "select distinct customer_key from marts.fct_conversations")
    }
    assert keys and not (keys & user_ids)
    columns = {
        name
        for (name,) in query(
            sample_run.warehouse,
            "select column_name from information_schema.columns where table_schema in ('marts', 'reporting')",
        )
    }
    assert not columns & {"user_id", "text", "contact_email", "email", "agent_id"}


def test_dbt_unit_tests_ran_and_passed(sample_run):
    results = sample_run.warehouse.parent / "dbt" / sample_run.warehouse.stem / "target" / "run_results.json"
    nodes = json.loads(results.read_text())["results"]
    unit = [n for n in nodes if n["unique_id"].startswith("unit_test.")]
    assert len(unit) >= 5 and all(n["status"] == "pass" for n in unit)
    assert all(n["status"] in {"pass", "success"} for n in nodes), [
        n for n in nodes if n["status"] not in {"pass", "success"}
    ]


def test_published_copy_is_what_the_app_reads(sample_run):
    serving = sample_run.warehouse.with_name(sample_run.warehouse.stem + ".serving.duckdb")
    assert query(serving, "select count(*) from reporting.rpt_inbox__daily") == query(
        sample_run.warehouse, "select count(*) from reporting.rpt_inbox__daily"
    )


def mart_snapshot(warehouse: Path) -> tuple[list, list]:
    return (
        query(
            warehouse,
            "select * exclude (customer_key) from marts.fct_conversations order by conversation_key",
        ),
        query(warehouse, "select * from reporting.rpt_inbox__daily order by all"),
    )


def test_rerun_on_same_input_changes_nothing(sample_run, tmp_path):
    before = mart_snapshot(sample_run.warehouse)
    raw_before = query(sample_run.warehouse, "select count(*), count(distinct event_id) from raw.events")
    rejects_before = query(
        sample_run.warehouse, "select count(*) from raw.load_rejects where superseded_at is null"
    )
    again = socialkpi("load", "--landing", str(sample_run.landing), "--warehouse", str(sample_run.warehouse))
    assert again.returncode == 0, again.stderr
    # files loaded whole are skipped; files with rejected rows are read again (issue 13: their rejects
    # repeat), merging onto their own rows: nothing in raw or the rejects changes
    assert "skipped_unchanged=" in again.stderr
    assert (
        query(sample_run.warehouse, "select count(*), count(distinct event_id) from raw.events") == raw_before
    )
    assert (
        query(sample_run.warehouse, "select count(*) from raw.load_rejects where superseded_at is null")
        == rejects_before
    )
    refresh = socialkpi(
        "load",
        "--full-refresh",
        "--landing",
        str(sample_run.landing),
        "--warehouse",
        str(sample_run.warehouse),
    )
    assert refresh.returncode == 0, refresh.stderr
    transform = socialkpi("transform", "--warehouse", str(sample_run.warehouse))
    assert transform.returncode == 0, transform.stderr
    assert (
        query(sample_run.warehouse, "select count(*), count(distinct event_id) from raw.events") == raw_before
    )
    after = mart_snapshot(sample_run.warehouse)
    assert after == before


def test_a_folder_with_only_events_loads_and_builds(sample_run, tmp_path):
    landing = tmp_path / "landing"
    shutil.copytree(sample_run.landing / "events", landing / "events")
    warehouse = tmp_path / "only_events.duckdb"
    for step in ("load", "transform"):
        result = socialkpi(step, "--landing", str(landing), "--warehouse", str(warehouse))
        assert result.returncode == 0, result.stderr[-3000:]
    raw_tables = {
        t
        for (t,) in query(
            warehouse, "select table_name from information_schema.tables where table_schema = 'raw'"
        )
    }
    assert "events" in raw_tables and "shopify_order_lines" not in raw_tables
    assert query(warehouse, "select count(*) from staging.stg_shopify__order_lines") == [(0,)]
    assert query(warehouse, "select count(*) from reporting.rpt_inbox__daily")[0][0] > 0
