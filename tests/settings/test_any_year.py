"""A small landing dated 2016-2017, built end to end (load + dbt + checks + publish) twice: without a
settings folder (the honest defaults) and with one that dates a CA-ON calendar from 2017, sets CAD as the
reporting currency and gives its own USD rate. Every expected value is worked out here.

Landing (times UTC; Toronto is UTC-4 in May):
  A  Instagram DM received Mon 22 May 2017 14:00 (Victoria Day, a CA-ON holiday), answered by an agent
     Tue 23 May 14:00 (10:00 Toronto).
  B  Facebook DM received Fri 30 Dec 2016 15:00, answered at 15:30: before the dated calendar and policy.
  Orders: ZAR 1499.90 on 15 Mar 2017, USD 74.00 on Sat 18 Mar 2017, CAD 100.00, XOF 5000 (a currency the
     ECB does not publish).
  Instagram account export: new followers 20-24 May 2017 (gains only: the level needs an anchor).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import query, socialkpi
from tests.e2e.attribution_landing import ORDER_HEADER, _order
from tests.settings.test_holidays import ontario
from tests.settings.test_rates import ecb_file

GAINS = {
    date(2017, 5, 20): 5,
    date(2017, 5, 21): 7,
    date(2017, 5, 22): 3,
    date(2017, 5, 23): 0,
    date(2017, 5, 24): 4,
}
NO_ANCHOR = "no follower level: add an anchor to follower_anchors.csv"


def ev(event_id: str, name: str, at: str, conversation: str, actor: str, **extra) -> dict:
    record = {"event_id": event_id, "event_name": name, "occurred_at": at, "conversation_id": conversation,
              "user_id": f"user-{conversation}", "actor": actor, "message_id": f"m-{event_id}"}  # fmt: skip
    return record | extra


EVENTS = [
    ev("a1", "instagram.dm_received", "2017-05-22T14:00:00Z", "A", "customer", language="en"),
    ev("a2", "instagram.dm_response_sent", "2017-05-23T14:00:00Z", "A", "agent", agent_id="ag1"),
    ev("b1", "facebook.dm_received", "2016-12-30T15:00:00Z", "B", "customer", language="en"),
    ev("b2", "facebook.dm_response_sent", "2016-12-30T15:30:00Z", "B", "agent", agent_id="ag1"),
]

ORDERS = [
    *_order("#2001", "z@example.org", "ZAR", "1499.90", "", "2017-03-15 08:00:00 +0200", "", "7000000000001", "",
            [("1", "Blanket", "1499.90")]),
    *_order("#2002", "u@example.org", "USD", "74.00", "", "2017-03-18 12:00:00 -0400", "", "7000000000002", "",
            [("1", "Toque", "74.00")]),
    *_order("#2003", "c@example.org", "CAD", "100.00", "", "2017-03-15 09:00:00 -0400", "", "7000000000003", "",
            [("1", "Mug", "100.00")]),
    *_order("#2004", "x@example.org", "XOF", "5000", "", "2017-03-16 09:00:00 +0000", "", "7000000000004", "",
            [("1", "Socks", "5000")]),
]  # fmt: skip

SETTINGS = {
    "settings.toml": 'reporting_currency = "CAD"\n[holiday_regions]\nsupport = "CA-ON"\n',
    "business_calendars.csv": "queue_id,time_zone,weekday,open_time,close_time,effective_from,effective_to\n"
    + "".join(f"support,America/Toronto,{day},09:00,17:00,2017-01-01,\n" for day in range(1, 6)),
    "team_queues.csv": "platform,language,queue_id\n*,*,support\n",
    "sla_policies.csv": "sla_policy_id,queue_id,channel,priority,language,first_response_target_min,"
    "resolution_target_min,effective_from,effective_to\ndm,*,dm,*,*,60,1440,2017-01-01,\n",
    "currency_rates.csv": "currency_code,reporting_currency_code,rate,effective_from,effective_to\n"
    "USD,CAD,1.25,2017-03-01,2017-04-01\n",
    "follower_anchors.csv": "platform,account,as_of_date,followers,note\ninstagram,,2017-05-22,1000,read in the app\n",
}


def account_export() -> bytes:
    """Meta Business Suite's account-level export: UTF-16 with BOM, CRLF, `sep=,`, a title, Date/Primary."""
    lines = ["sep=,", '"Instagram follows"', '"Date","Primary"']
    lines += [f'"{day.isoformat()}T00:00:00","{gain}"' for day, gain in GAINS.items()]
    return codecs.BOM_UTF16_LE + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def write_landing(landing: Path, settings: dict[str, str] | None) -> None:
    (landing / "events").mkdir(parents=True)
    (landing / "events" / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in EVENTS))
    (landing / "commerce").mkdir()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ORDER_HEADER)
    writer.writeheader()
    writer.writerows(ORDERS)
    (landing / "commerce" / "orders_export_1.csv").write_text(buffer.getvalue())
    (landing / "content" / "instagram").mkdir(parents=True)
    (landing / "content" / "instagram" / "May-20-2017_May-24-2017_Instagram_follows.csv").write_bytes(
        account_export()
    )
    if settings is not None:
        (landing / "settings").mkdir()
        for name, text in settings.items():
            (landing / "settings" / name).write_text(text)


def build(base: Path, settings: dict[str, str] | None):
    landing, warehouse = base / "landing", base / "warehouse" / "w.duckdb"
    write_landing(landing, settings)
    result = socialkpi("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr[-4000:]
    return warehouse, result.stdout


@pytest.fixture(scope="module")
def defaults(tmp_path_factory):
    return build(tmp_path_factory.mktemp("defaults"), None)


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dated"), SETTINGS)


DURATIONS = (
    "select conversation_id, queue_id, sla_policy_id, frt_business_any_min, is_first_response_within_sla, sla_status "
    "from intermediate.int_conversations_business_durations order by conversation_id"
)


def test_defaults_open_24_7_with_one_policy_from_the_beginning_of_time(defaults):
    warehouse, _ = defaults
    assert query(warehouse, DURATIONS) == [
        ("A", "default", "default", 1440.0, False, "covered"),  # a full wall-clock day > 120 min
        ("B", "default", "default", 30.0, True, "covered"),  # 2016: covered, the defaults have no start date
    ]
    assert query(warehouse, "select count(*) from settings.business_holidays") == [(0,)]


def test_defaults_have_no_follower_level_only_the_reason(defaults):
    warehouse, _ = defaults
    rows = query(
        warehouse,
        "select metric_date, followers, follower_change, followers_method, followers_missing_reason "
        "from marts.fct_account_daily where platform = 'instagram' order by metric_date",
    )
    assert rows == [(day, None, gain, None, NO_ANCHOR) for day, gain in GAINS.items()]


def test_defaults_with_several_currencies_leave_money_empty_with_the_reason(defaults):
    warehouse, stdout = defaults
    reason = "no reporting_currency in settings.toml; the data has several: CAD,USD,XOF,ZAR"
    rows = query(
        warehouse,
        "select order_name, revenue_amount, currency_reject_reason from marts.fct_orders order by 1",
    )
    assert rows == [(name, None, reason) for name in ("#2001", "#2002", "#2003", "#2004")]
    assert "reporting currency (none) (" + reason + ")" in stdout
    assert "defaults used for: settings.toml, business_calendars.csv" in stdout


def test_no_sample_value_reaches_a_landing_without_settings(defaults):
    warehouse, _ = defaults
    assert query(warehouse, "select distinct queue_id from settings.business_calendars") == [("default",)]
    assert query(warehouse, "select count(*) from settings.follower_anchors") == [(0,)]
    assert query(warehouse, "select count(*) from settings.currency_rates") == [(0,)]
    assert query(warehouse, "select sla_policy_id, effective_from from settings.sla_policies") == [
        ("default", None)
    ]


def test_a_dated_ca_on_calendar_takes_2017_holidays_from_the_package(dated):
    warehouse, _ = dated
    holidays = query(
        warehouse, "select holiday_date from settings.business_holidays where queue_id = 'support'"
    )
    assert {day for (day,) in holidays} == ontario(2016) | ontario(2017)
    # A: Victoria Day closed, Tuesday opens 09:00 Toronto = 13:00 UTC, answered 14:00: 60 business minutes.
    # B: 2016, before the calendar and the policy: no business time, no policy, reported as such.
    assert query(warehouse, DURATIONS) == [
        ("A", "support", "dm", 60.0, True, "covered"),
        (
            "B",
            "support",
            None,
            0.0,
            None,
            "no SLA policy: no sla_policies.csv row in force on its date",
        ),
    ]


def test_the_anchor_gives_the_level(dated):
    warehouse, _ = dated
    anchor_day, anchor = date(2017, 5, 22), 1000
    expected = []
    for day, gain in GAINS.items():
        after = sum(g for d, g in GAINS.items() if anchor_day < d <= day)
        before = sum(g for d, g in GAINS.items() if day < d <= anchor_day)
        expected.append((day, anchor + after - before, gain, "anchor_plus_gains", None))
    assert expected[0][1] == 990 and expected[-1][1] == 1004
    rows = query(
        warehouse,
        "select metric_date, followers, follower_change, followers_method, followers_missing_reason "
        "from marts.fct_account_daily where platform = 'instagram' order by metric_date",
    )
    assert rows == expected


def test_orders_in_three_currencies_at_the_ecb_rate_the_users_rate_or_rejected(dated):
    warehouse, stdout = dated
    ecb = ecb_file()
    zar_rate = ecb[date(2017, 3, 15)]["CAD"] / ecb[date(2017, 3, 15)]["ZAR"]
    rows = query(
        warehouse,
        "select order_name, original_currency_code, revenue_amount, currency_rate_source, currency_reject_reason "
        "from marts.fct_orders order by 1",
    )
    assert rows == [
        ("#2001", "ZAR", (Decimal("1499.90") * zar_rate).quantize(Decimal("0.01")), "ecb", None),
        ("#2002", "USD", Decimal("92.50"), "user", None),  # 74.00 x the user's 1.25 (a Saturday: no ECB needed)
        ("#2003", "CAD", Decimal("100.00"), "same currency", None),
        ("#2004", "XOF", None, None,
         "no XOF->CAD rate for 2017-03-16: add it to currency_rates.csv"),
    ]  # fmt: skip
    rejects = query(
        warehouse,
        "select record_kind, record_id, original_currency_code from reporting.rpt_revenue__currency_rejects",
    )
    assert rejects == [("order", "7000000000004", "XOF")]
    assert "currency of orders: ecb 1, rejected: no rate 1, same currency 1, user 1" in stdout
    assert "no rate for XOF" in stdout


def test_weekend_order_without_user_rate_takes_the_nearest_earlier_ecb_day(tmp_path):
    """The same landing with no user rate: the Saturday USD order uses Friday's ECB rate (load only)."""
    from pipelines.load import load

    settings = {**SETTINGS, "currency_rates.csv": "currency_code,reporting_currency_code,rate\n"}
    write_landing(tmp_path / "landing", settings)
    report = load(str(tmp_path / "landing"), tmp_path / "w.duckdb")
    assert report.settings.rate_sources == {"ecb": 1, "ecb nearest earlier day": 1}
    ecb, friday = ecb_file(), date(2017, 3, 17)
    [(rate, source)] = query(
        tmp_path / "w.duckdb",
        "select rate, rate_source from settings.currency_rates where currency_code = 'USD' and rate_date = ?",
        [date(2017, 3, 18)],
    )
    assert source == "ecb nearest earlier day" and friday == date(2017, 3, 18) - timedelta(days=1)
    assert abs(rate - ecb[friday]["CAD"] / ecb[friday]["USD"]) < Decimal("1e-9")
