"""The Operations page (the former Inbox page) under AppTest, on a real DuckDB serving copy (see conftest.py):
the period's headline with medians beside means, today's backlog, English vs French with the staffing flag,
the SLA-breach list and the review queue, for every filter."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import pytest
from lib import display
from operations_fixture import as_of, review_items, sla_breaches
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

if TYPE_CHECKING:
    from conftest import Conversation, FixtureWarehouse

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"

TIMEOUT_S = 30
LANGUAGE_CODES = {"English": "en", "French (Canada)": "fr-CA"}
LABELS = (
    "Conversations",
    "Response rate",
    "First response (any, median)",
    "First response (any, mean)",
    "First response (human, median)",
    "First response (human, mean)",
)


def run_app(query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=TIMEOUT_S)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()  # the landing page is the One-pager: open Operations from it
    at.switch_page("app_pages/operations.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def blocks(node: Any) -> Iterator[Block]:
    """Every block under `node`, depth first."""
    for child in getattr(node, "children", {}).values():
        if isinstance(child, Block):
            yield child
            yield from blocks(child)


def block(at: AppTest, key: str) -> Block | None:
    return next((b for b in blocks(at.main) if b.key == key), None)


TABLE_COLUMNS = {  # each table of the page by a column only it has
    "languages": "Staffing flag",
    "breaches": "Late by (min)",
    "review": "Kind",
    "breakdown": "Share",
}


def frame(at: AppTest, table: str) -> Any:
    """One table of the page (its .value is the raw table, before the page's formatting)."""
    return next(f for f in [*at.dataframe, *at.table] if TABLE_COLUMNS[table] in f.value.columns)


def shown(at: AppTest, key: str = "operations_period") -> dict[str, str]:
    found = block(at, key)
    return {} if found is None else {m.label: m.value for m in found.metric}


def expected(fixture: FixtureWarehouse, **filters: Any) -> dict[str, str]:
    """The headline numbers as a reader should see them: values worked out by the fixture from its rows,
    durations through the page's humaniser (tested on its own against literals in test_display.py)."""
    kpis, median = fixture.kpis(**filters), fixture.medians(**filters)
    return {
        "Conversations": f"{int(kpis['conversations']):,}",
        "Response rate": f"{kpis['response_rate']:.1%}",
        "First response (any, median)": display.duration(median["frt_any_median_min"]),
        "First response (any, mean)": display.duration(kpis["frt_any_mean_min"]),
        "First response (human, median)": display.duration(median["frt_human_median_min"]),
        "First response (human, mean)": display.duration(kpis["frt_human_mean_min"]),
    }


def test_page_renders_headline_chart_and_table(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()

    assert at.title[0].value == "Operations"
    assert tuple(shown(at)) == LABELS
    assert any("Bot replies count toward" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 2
    assert [next(t for t, c in TABLE_COLUMNS.items() if c in f.value.columns) for f in at.table] == [
        "languages"
    ]
    assert [next(t for t, c in TABLE_COLUMNS.items() if c in f.value.columns) for f in at.dataframe] == [
        "breaches",
        "review",
        "breakdown",
    ]
    assert [w.label for w in at.sidebar.multiselect] == ["Platform", "Channel", "Language"]
    assert not at.error
    assert all("may need more staff" in w.value for w in at.warning)  # the staffing flag only


def test_headline_metrics_are_ratios_of_sums(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()

    # The fixture spans two weeks, inside the default period (the last 28 days with data).
    assert at.date_input(key="period").value == (serving_warehouse.first_date, serving_warehouse.last_date)
    assert shown(at) == expected(serving_warehouse)

    # The fixture is uneven enough that an average of daily rates would show something else.
    rates = [r["response_rate"] for r in serving_warehouse.rows]
    assert f"{sum(rates) / len(rates):.1%}" != shown(at)["Response rate"]


def test_language_filter_changes_the_metrics(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()
    all_languages = shown(at)

    at.multiselect(key="language").set_value(["fr-CA"]).run()

    assert not at.exception
    assert shown(at) == expected(serving_warehouse, languages=["fr-CA"])
    assert shown(at) != all_languages
    assert "French (Canada)" in at.caption[0].value
    assert at.query_params == {"language": "fr-CA"}  # the URL now carries the filter, as a code


def test_period_filter_and_comparison_with_previous_period(serving_warehouse: FixtureWarehouse) -> None:
    last = serving_warehouse.last_date
    start = last - timedelta(days=6)
    at = run_app()

    at.date_input(key="period").set_value((start, last)).run()

    assert not at.exception
    now = serving_warehouse.kpis(start=start, end=last)
    before = serving_warehouse.kpis(start=start - timedelta(days=7), end=start - timedelta(days=1))
    assert shown(at) == expected(serving_warehouse, start=start, end=last)
    assert at.caption[0].value.endswith(f"changes vs {start.day - 7} – {start.day - 1} Mar 2025")
    assert at.query_params == {"period": [start.isoformat(), last.isoformat()]}
    period = block(at, "operations_period")
    volume = period.metric[0]
    assert (
        volume.delta == f"{(now['conversations'] - before['conversations']) / before['conversations']:+.1%}"
    )
    rate = period.metric[1]
    assert rate.delta == f"{(now['response_rate'] - before['response_rate']) * 100:+.1f} pp"


def test_filters_are_read_from_the_url(serving_warehouse: FixtureWarehouse) -> None:
    first = serving_warehouse.first_date
    end = first + timedelta(days=9)
    at = run_app(
        {
            "language": "fr-CA",
            "platform": ["instagram"],
            "channel": "dm",
            "period": [first.isoformat(), end.isoformat()],
        }
    )

    assert at.multiselect(key="language").value == ["fr-CA"]
    assert at.date_input(key="period").value == (first, end)
    want = expected(
        serving_warehouse, start=first, end=end, platforms=["instagram"], channels=["dm"], languages=["fr-CA"]
    )
    assert shown(at) == want


def test_invalid_url_values_are_ignored(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app({"platform": "myspace", "period": ["1999-01-01", "1999-01-31"]})

    assert at.multiselect(key="platform").value == []
    assert at.date_input(key="period").value == (serving_warehouse.first_date, serving_warehouse.last_date)
    assert shown(at) == expected(serving_warehouse)
    assert at.query_params == {}


def test_reset_filters(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app({"language": "fr-CA"})
    assert shown(at) == expected(serving_warehouse, languages=["fr-CA"])

    at.button[0].click().run()

    assert at.multiselect(key="language").value == []
    assert shown(at) == expected(serving_warehouse)
    assert at.query_params == {}


def test_breakdown_by_platform_and_language(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()

    table = frame(at, "breakdown").value
    assert len(table) == len(serving_warehouse.platform_languages())
    for _, row in table.iterrows():
        platform, language = row["Platform"].lower(), LANGUAGE_CODES[row["Language"]]
        want = serving_warehouse.kpis(platforms=[platform], languages=[language])
        assert row["Conversations"] == want["conversations"]
        assert row["Response rate"] == pytest.approx(want["response_rate"] * 100)
        assert row["FRT any mean"] == pytest.approx(want["frt_any_mean_min"])
        assert row["FRT human mean"] == pytest.approx(want["frt_human_mean_min"])
        median = serving_warehouse.medians(platforms=[platform], languages=[language])
        assert row["FRT any median"] == pytest.approx(median["frt_any_median_min"])
        assert row["FRT human median"] == pytest.approx(median["frt_human_median_min"])
    assert table["Share"].sum() == pytest.approx(100.0)
    assert list(table["Conversations"]) == sorted(table["Conversations"], reverse=True)


def test_empty_state_when_nothing_matches(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app({"platform": "facebook", "channel": "comment", "language": "fr-CA"})

    assert not at.metric
    assert "No conversations match these filters" in at.info[0].value
    assert not at.dataframe


def test_missing_warehouse_says_how_to_build_it(missing_warehouse: Path) -> None:
    at = run_app()

    assert str(missing_warehouse) in at.warning[0].value
    assert at.code[0].value == "make run"
    assert not at.metric


def test_warehouse_without_the_report_table(serving_warehouse: FixtureWarehouse) -> None:
    con = duckdb.connect(str(serving_warehouse.path))
    con.execute("drop table reporting.rpt_inbox__daily")
    con.close()

    at = run_app()

    assert "not complete" in at.warning[0].value
    assert "rpt_inbox__daily" in at.warning[0].value
    assert at.code[0].value == "make run"


def test_reconnects_when_a_new_copy_is_published(
    serving_warehouse: FixtureWarehouse, conversations: list[Conversation]
) -> None:
    at = run_app()
    assert shown(at) == expected(serving_warehouse)

    # A new run publishes a new copy (here: without the French conversations) over the old file.
    serving_warehouse.publish([c for c in conversations if c.language != "fr-CA"])
    at.run()

    assert not at.exception
    assert shown(at) == expected(serving_warehouse)
    assert at.multiselect(key="language").options == ["English"]


# Today, languages, SLA breaches, review queue --------------------------------------------------------------


def test_today_backlog_and_oldest_wait(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()

    rows = serving_warehouse.conversation_rows
    now = max(max(r["first_inbound_at"], r["first_response_at"] or r["first_inbound_at"]) for r in rows)
    waiting = [
        r for r in rows if r["first_response_at"] is None and r["first_inbound_at"] >= now - timedelta(days=7)
    ]
    oldest = max((now - r["first_inbound_at"]).total_seconds() / 60 for r in waiting)
    today = [r for r in rows if r["first_inbound_date"] == serving_warehouse.last_date]
    today_frt = [r["frt_any_min"] for r in today if r["frt_any_min"] is not None]
    assert shown(at, "operations_today") == {
        "Waiting now": f"{len(waiting):,}",
        "Oldest wait": display.duration(oldest),
        "Received today": f"{len(today):,}",
        "First response today (median)": display.duration(statistics.median(today_frt)),
    }


def test_languages_side_by_side_with_the_staffing_flag(serving_warehouse: FixtureWarehouse) -> None:
    at = run_app()

    en, fr = (serving_warehouse.medians(languages=[code])["frt_human_median_min"] for code in ("en", "fr-CA"))
    # The fixture answers French later: worse than English by at least the documented margin of 1.5×.
    assert fr >= 1.5 * en
    for code in ("en", "fr-CA"):
        cards = shown(at, f"operations_language_{code}")
        kpis = serving_warehouse.kpis(languages=[code])
        median = serving_warehouse.medians(languages=[code])
        assert cards["Volume"] == f"{int(kpis['conversations']):,}"
        assert cards["Human FRT (median)"] == display.duration(median["frt_human_median_min"])
        assert cards["Human FRT (mean)"] == display.duration(kpis["frt_human_mean_min"])
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert warnings[0].startswith("**French (Canada)** may need more staff")
    assert display.duration(fr) in warnings[0] and display.duration(en) in warnings[0]
    table = frame(at, "languages").value.set_index("Language")
    assert table.loc["English", "Staffing flag"] == "—"  # no flag
    assert "median human first response" in table.loc["French (Canada)", "Staffing flag"]


def test_sla_breach_list_and_review_queue(
    serving_warehouse: FixtureWarehouse, conversations: list[Conversation]
) -> None:
    at = run_app({"language": "fr-CA", "channel": "dm"})

    conversations_all = conversations
    conversations = [c for c in conversations_all if c.language == "fr-CA" and c.channel == "dm"]
    everything = conversations_all
    breaches = [b for b in sla_breaches(everything) if b["language"] == "fr-CA" and b["channel"] == "dm"]
    table = frame(at, "breaches").value
    assert sorted(table["Conversation"]) == sorted(b["conversation_key"] for b in breaches)
    late = dict(zip(table["Conversation"], table["Late by (min)"], strict=True))
    for b in breaches:
        assert late[b["conversation_key"]] == pytest.approx(b["first_response_late_business_min"])
    assert list(table["Status"]).index("Answered late") >= sum(b["is_unanswered"] for b in breaches)
    queue = frame(at, "review").value
    items = [i for i in review_items(everything) if i["language"] == "fr-CA" and i["channel"] == "dm"]
    assert len(queue) == len(items) > 0
    assert {f"{c.platform}:{c.conversation_key.split(':', 1)[1]}" for c in conversations} >= set(
        queue["Conversation"]
    )
    assert as_of(everything) is not None


@pytest.mark.parametrize(
    "params",
    [
        {"platform": "instagram"},
        {"platform": "facebook"},
        {"channel": "dm"},
        {"channel": "comment"},
        {"language": "en"},
        {"language": "fr-CA"},
        {"platform": ["instagram", "facebook"], "channel": "comment", "language": "fr-CA"},
    ],
)
def test_every_filter(serving_warehouse: FixtureWarehouse, params) -> None:
    at = run_app(params)

    def codes(key: str) -> list[str]:
        value = params.get(key, [])
        return [value] if isinstance(value, str) else list(value)

    filters = {"platforms": codes("platform"), "channels": codes("channel"), "languages": codes("language")}
    assert shown(at) == expected(serving_warehouse, **filters)
    assert not at.error


def test_a_missing_report_is_named_in_plain_words(serving_warehouse: FixtureWarehouse) -> None:
    con = duckdb.connect(str(serving_warehouse.path))
    con.execute("drop table reporting.rpt_inbox__sla_breaches")
    con.close()

    at = run_app()

    assert not at.exception
    message = at.warning[-1].value
    assert "has no table `reporting.rpt_inbox__sla_breaches`" in message
    assert "Catalog Error" not in message and "LINE 1" not in message
    assert at.code[0].value == "make run"


def test_frt_trend_breaks_on_days_without_answers(serving_warehouse: FixtureWarehouse) -> None:
    """Every day of the period is sent to the FRT chart; a day without an answered conversation is a null the
    line breaks at, not a point dropped so the line runs straight across it."""
    import json

    import pyarrow as pa

    params = {"platform": "facebook", "channel": "comment"}
    at = run_app(params)

    chart = next(c for c in at.get("vega_lite_chart") if json.loads(c.proto.spec)["mark"]["type"] == "line")
    assert json.loads(chart.proto.spec)["mark"]["invalid"] == "break-paths-show-domains"
    (dataset,) = chart.proto.datasets
    rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    anyone = rows[rows["response"] == "Any (bot or human)"].sort_values("conversation_date")
    days = [serving_warehouse.first_date + timedelta(days=i) for i in range(14)]
    assert pd.to_datetime(anyone["conversation_date"]).dt.date.tolist() == days
    answered = {
        day
        for day in days
        if serving_warehouse.kpis(start=day, end=day, platforms=["facebook"], channels=["comment"])[
            "frt_any_mean_min"
        ]
        is not None
    }
    assert set(days) - answered, (
        "the fixture must have a day without an answer for this test to mean anything"
    )
    assert [value == value for value in anyone["minutes"]] == [day in answered for day in days]
