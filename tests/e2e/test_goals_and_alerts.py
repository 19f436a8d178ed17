"""Goals and alerts on the warehouse the real pipeline built from the sample (its own goals.csv and the default
alert thresholds): `socialkpi alerts` exit codes and JSON, and the values checked against a computation of
their own here, from the facts."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

import pytest

from pipelines.alerts import ALERT_COLUMNS, PAUSE_COLUMNS
from tests.conftest import query, socialkpi


def alerts(sample_run, *args: str):
    result = socialkpi("alerts", "--warehouse", str(sample_run.warehouse), "--format", "json", *args)
    return result, json.loads(result.stdout) if result.stdout else None


def daily_shares(rows, day) -> dict[tuple[str, str], float]:
    """(platform, language) -> Σ flag ÷ Σ base on `day` (rows: date, platform, language, flag, base)."""
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row_day, platform, language, flag, base in rows:
        if row_day == day and base:
            sums[(platform, language or "und")][0] += int(bool(flag))
            sums[(platform, language or "und")][1] += 1
    return {key: part / whole for key, (part, whole) in sums.items() if whole}


def test_alerts_json_and_exit_codes_match_the_facts(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    result, report = alerts(sample_run)
    assert result.returncode == 0, result.stderr
    assert set(report) == {"alerts", "pause_recommendations", "fail_on", "failing"}
    assert all(list(alert) == list(ALERT_COLUMNS) for alert in report["alerts"])
    assert all(list(pause) == list(PAUSE_COLUMNS) for pause in report["pause_recommendations"])
    assert report["alerts"] and all(alert["is_open"] for alert in report["alerts"])

    conversations = query(
        sample_run.warehouse,
        "select first_inbound_date, platform, language, is_frt_over_60m, true from marts.fct_conversations",
    )
    last_conversation_day = max(row[0] for row in conversations)
    slow = {k: v for k, v in daily_shares(conversations, last_conversation_day).items() if round(v, 9) > 0.10}
    reported = {
        (a["platform"], a["language"]): a["observed_value"]
        for a in report["alerts"]
        if a["rule"] == "slow_first_response"
    }
    assert reported.keys() == slow.keys() and slow
    assert all(reported[key] == pytest.approx(share) for key, share in slow.items())

    comments = query(
        sample_run.warehouse,
        "select comment_date, platform, language, is_negative, is_sentiment_labelled from marts.fct_comments",
    )
    last_comment_day = max(row[0] for row in comments)
    negative = {k: v for k, v in daily_shares(comments, last_comment_day).items() if round(v, 9) > 0.05}
    reported = {
        (a["platform"], a["language"]): a["observed_value"]
        for a in report["alerts"]
        if a["rule"] == "negative_sentiment"
    }
    assert reported.keys() == negative.keys()
    assert all(reported[key] == pytest.approx(share) for key, share in negative.items())

    # pause: negative share of the last 7 days' comments above 10 %
    week = [r for r in comments if r[0] > last_comment_day - timedelta(days=7)]
    week_shares: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for _, platform, language, is_negative, labelled in week:
        if labelled:
            week_shares[(platform, language or "und")][0] += int(bool(is_negative))
            week_shares[(platform, language or "und")][1] += 1
    expected_pause = {k for k, (n, d) in week_shares.items() if round(n / d, 9) > 0.10}
    reported_pause = {
        (p["platform"], p["language"]): p["negative_share_7d"]
        for p in report["pause_recommendations"]
        if "negative" in p["reason"]
    }
    assert reported_pause.keys() == expected_pause
    assert all(
        reported_pause[k] == pytest.approx(week_shares[k][0] / week_shares[k][1]) for k in expected_pause
    )

    # exit codes for a scheduler: 1 when an open alert is at or above --fail-on
    critical, critical_report = alerts(sample_run, "--fail-on", "critical")
    assert critical.returncode == 1  # the slow-first-response alerts above are critical
    assert critical_report["failing"] == sum(a["severity"] == "critical" for a in report["alerts"])
    assert "open alert(s) at or above critical" in critical.stderr
    warning, warning_report = alerts(sample_run, "--fail-on", "warning")
    assert warning.returncode == 1 and warning_report["failing"] == len(report["alerts"])

    # a period lists every alert that fired in it, open or closed
    early, early_report = alerts(
        sample_run, "--from", "2026-08-01", "--to", "2026-08-20", "--fail-on", "critical"
    )
    assert all(
        a["first_seen"] <= "2026-08-20" and a["last_seen"] >= "2026-08-01" for a in early_report["alerts"]
    )
    assert any(not a["is_open"] for a in early_report["alerts"])  # closed alerts are listed too
    open_critical = [a for a in early_report["alerts"] if a["is_open"] and a["severity"] == "critical"]
    assert early_report["failing"] == len(open_critical)
    assert early.returncode == (1 if open_critical else 0)
    assert (
        socialkpi("alerts", "--warehouse", str(sample_run.warehouse), "--from", "2030-01-01").returncode == 0
    )

    table = socialkpi("alerts", "--warehouse", str(sample_run.warehouse))
    assert table.returncode == 0 and table.stdout.startswith(f"alerts ({len(report['alerts'])})")


def test_alerts_without_a_warehouse_is_a_clear_error(tmp_path):
    result = socialkpi("alerts", "--warehouse", str(tmp_path / "none.duckdb"))
    assert result.returncode == 1 and "run `socialkpi run` first" in result.stderr


def test_the_sample_goal_mart_matches_its_own_computation(sample_run):
    rows = query(
        sample_run.warehouse,
        "select goal_id, kpi, baseline, baseline_source, target, as_of_date, current_value, progress, "
        "expected_progress, status, days_left from marts.fct_goal_progress order by goal_id, kpi",
    )
    assert [(r[0], r[1]) for r in rows] == sorted(
        [
            ("dm_response_rate", "response_rate"),
            ("fr_facebook", "avg_response_time_min"),
            ("fr_facebook", "response_rate"),
            ("ig_dm_leads", "leads_generated"),
            ("ig_frt_median", "frt_any_median_min"),
            ("negative_down", "negative_share"),
        ]
    )
    last_day = max(
        query(sample_run.warehouse, f"select max({column}) from marts.{table}")[0][0]
        for table, column in (
            ("fct_conversations", "first_inbound_date"),
            ("fct_inbox_messages", "message_date"),
            ("fct_comments", "comment_date"),
            ("fct_post_daily", "metric_date"),
            ("fct_account_daily", "metric_date"),
            ("fct_roi_monthly", "month"),
        )
    )
    dms = query(
        sample_run.warehouse,
        "select first_inbound_date, is_responded from marts.fct_conversations where channel = 'dm'",
    )

    def response_rate(end: date) -> float:
        window = [responded for day, responded in dms if end - timedelta(days=30) < day <= end]
        return sum(window) / len(window)

    start, deadline = date(2026, 9, 1), date(2026, 11, 30)
    as_of = min(deadline, last_day)
    baseline, current = response_rate(start - timedelta(days=1)), response_rate(as_of)
    progress = (current - baseline) / (0.98 - baseline)
    expected = (as_of - start).days / (deadline - start).days
    [goal] = [r for r in rows if r[0] == "dm_response_rate"]
    assert goal[2:6] == (pytest.approx(baseline), "30d_before_start", pytest.approx(0.98), as_of)
    assert goal[6:9] == (pytest.approx(current), pytest.approx(progress), pytest.approx(expected))
    status = "achieved" if progress >= 1 else "on_track" if progress >= expected else "off_track"
    assert goal[9:] == (status, (deadline - as_of).days)

    # the given baseline is kept; a relative_change target is baseline × (1 − 20 %)
    by_goal = {(r[0], r[1]): r for r in rows}
    assert by_goal[("fr_facebook", "response_rate")][2:5] == (0.8, "given", 0.9)
    negative = by_goal[("negative_down", "negative_share")]
    assert negative[4] == pytest.approx(negative[2] * 0.8)

    daily = query(
        sample_run.warehouse,
        "select count(*), min(snapshot_date), max(snapshot_date) from marts.fct_goal_progress_daily "
        "where goal_id = 'dm_response_rate'",
    )
    assert daily == [((as_of - start).days + 1, start, as_of)]
