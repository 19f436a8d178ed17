"""Retention (`[privacy] retention_days` of settings.toml): after every load, the personal columns of raw rows
older than the period are null, younger rows are untouched, and running again (unchanged files skipped, or
a full refresh that re-reads them) gives the same raw layer. No dbt build is needed: the rule works on `raw`.

The landing is dated relative to the day the test runs (retention counts back from the run), so the cutoff
falls between rows written 400 and 401 days ago.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.load import LoadError, load
from pipelines.privacy.keys import KEY_ENV
from tests.conftest import query
from tests.e2e.own_landing import SHOPIFY_HEADER

RETENTION_DAYS = 400
TODAY = datetime.now(UTC).date()


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


def stamp(days_ago: int, clock: str = "12:00:00") -> str:
    return f"{day(days_ago).isoformat()}T{clock}Z"


# event id -> (days ago, user, actor, text, contact e-mail); purged when older than 400 days
EVENTS = {
    "old-1": (401, "olga.old", "customer", "Mon adresse est 3 rue Haute", None),
    "old-2": (401, "olga.old", "agent", None, "olga@old.example"),
    "edge-1": (400, "eddie.edge", "customer", "still within the period", None),  # the first day kept
    "new-1": (10, "nina.new", "customer", "where is my order?", "nina@new.example"),
    "new-2": (10, "nina.new", "agent", None, None),
}
PURGED_EVENTS = {"old-1", "old-2"}
CONVERSATIONS = {"olga.old": "t-901", "eddie.edge": "t-902", "nina.new": "t-903"}  # thread ids name no one

# contact id -> (create date days ago, became-a-customer days ago or None, e-mail, first, last)
CONTACTS = {
    "701": (500, None, "olga@old.example", "Olga", "Oldham"),  # latest activity 500 days ago: purged
    "702": (500, 20, "rita@renewed.example", "Rita", "Renew"),  # customer 20 days ago: kept
}
# order name -> (id, days ago, e-mail, billing name, address)
ORDERS = {
    "#2001": ("7100000000001", 450, "olga@old.example", "Olga Oldham", "3 rue Haute"),
    "#2002": ("7100000000002", 5, "nina@new.example", "Nina New", "9 Low Road"),
}


def write_landing(landing: Path, retention: str | None) -> Path:
    (landing / "events").mkdir(parents=True)
    lines = []
    for event_id, (days_ago, user, actor, text, email) in EVENTS.items():
        event = {"event_id": event_id, "event_name": f"instagram.{'dm_received' if actor == 'customer' else 'dm_response_sent'}",
                 "occurred_at": stamp(days_ago, "12:00:00" if actor == "customer" else "12:05:00"),
                 "conversation_id": CONVERSATIONS[user], "message_id": f"m-{event_id}", "user_id": user, "actor": actor}  # fmt: skip
        if actor == "agent":
            event["agent_id"] = "agent-1"
        if text:
            event["text"] = text
        if email:
            event["contact_email"] = email
        lines.append(json.dumps(event) + "\n")
    (landing / "events" / "inbox.jsonl").write_text("".join(lines), encoding="utf-8")
    (landing / "commerce").mkdir()
    contacts = ['"Record ID","First Name","Last Name","Email","Create Date","Became a Customer Date"']
    for contact_id, (created, customer, email, first, last) in CONTACTS.items():
        became = f"{day(customer).isoformat()} 10:00" if customer is not None else ""
        contacts.append(
            f'"{contact_id}","{first}","{last}","{email}","{day(created).isoformat()} 09:00","{became}"'
        )
    (landing / "commerce" / "hubspot-contacts.csv").write_bytes(("\r\n".join(contacts) + "\r\n").encode())
    header = SHOPIFY_HEADER.split(",")
    rows = [",".join(header)]
    for name, (order_id, days_ago, email, billing, address) in ORDERS.items():
        row = dict.fromkeys(header, "")
        created = f"{day(days_ago).isoformat()} 10:00:00 +0000"
        row.update({"Name": name, "Email": email, "Financial Status": "paid", "Paid at": created,
                    "Currency": "CAD", "Subtotal": "50.00", "Shipping": "0.00", "Taxes": "0.00", "Total": "50.00",
                    "Created at": created, "Lineitem quantity": "1", "Lineitem name": "Mug",
                    "Lineitem price": "50.00", "Billing Name": billing, "Billing Address1": address, "Id": order_id})  # fmt: skip
        rows.append(",".join(row[column] for column in header))
    (landing / "commerce" / "orders_export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if retention is not None:
        (landing / "settings").mkdir()
        (landing / "settings" / "settings.toml").write_text(f"[privacy]\n{retention}\n", encoding="utf-8")
    return landing


def raw_state(warehouse: Path) -> dict[str, list[tuple]]:
    return {
        "events": query(warehouse, "select event_id, occurred_at, actor, agent_id, user_id, contact_email, text "
                                   "from raw.events order by event_id"),
        "contacts": query(warehouse, "select contact_id, created_at, email, first_name, last_name "
                                     "from raw.hubspot_contacts order by contact_id"),
        "orders": query(warehouse, "select order_id, total_amount, created_at, email, billing_name, billing_address1 "
                                   "from raw.shopify_order_lines order by order_id"),
    }  # fmt: skip


@pytest.fixture(autouse=True)
def key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "retention-test-key-0123456789")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENV, "retention-test-key-0123456789")
        base = tmp_path_factory.mktemp("retention")
        landing = write_landing(base / "landing", f"retention_days = {RETENTION_DAYS}")
        warehouse = base / "warehouse" / "socialkpi.duckdb"
        first = load(str(landing), warehouse)
        first_state = raw_state(warehouse)
        second = load(str(landing), warehouse)
        second_state = raw_state(warehouse)
        refreshed = load(str(landing), warehouse, full_refresh=True)
        refreshed_state = raw_state(warehouse)
    return first, first_state, second, second_state, refreshed, refreshed_state


def test_rows_older_than_the_period_lose_their_personal_data_and_younger_rows_keep_it(runs):
    first, state = runs[0], runs[1]
    assert dict(first.privacy.purged) == {"events": 2, "hubspot_contacts": 1, "shopify_order_lines": 1}
    assert first.privacy.retention_days == RETENTION_DAYS
    for event_id, _occurred, actor, agent, user, email, text in state["events"]:
        days_ago, w_user, w_actor, w_text, w_email = EVENTS[event_id]
        assert actor == w_actor and agent == (
            "agent-1" if w_actor == "agent" else None
        )  # the KPI columns stay
        if event_id in PURGED_EVENTS:  # the required user id becomes a stand-in named after the thread
            assert (user, email, text) == (f"purged:{CONVERSATIONS[w_user]}", None, None), event_id
        else:
            assert (user, email, text) == (w_user, w_email, w_text), event_id
    assert [row[0] for row in state["events"]] == sorted(EVENTS)
    assert [(c, e, f, last) for c, _, e, f, last in state["contacts"]] == [
        ("701", None, None, None),
        ("702", "rita@renewed.example", "Rita", "Renew"),
    ]
    assert [(o, t, e, b, a) for o, t, _, e, b, a in state["orders"]] == [
        ("7100000000001", Decimal("50.00"), None, None, None),  # the order still counts: its total stays
        ("7100000000002", Decimal("50.00"), "nina@new.example", "Nina New", "9 Low Road"),
    ]


def test_running_again_gives_the_same_raw_layer(runs):
    first_state, second, second_state, refreshed, refreshed_state = runs[1:]
    assert second.files_skipped == 3 and not second.privacy.purged  # nothing new to purge
    assert second_state == first_state
    # a full refresh reads the old rows again: they are purged again, counted again, and raw is the same
    assert dict(refreshed.privacy.purged) == {"events": 2, "hubspot_contacts": 1, "shopify_order_lines": 1}
    assert refreshed_state == first_state


def test_without_the_setting_nothing_is_purged(tmp_path):
    landing = write_landing(tmp_path / "landing", None)
    warehouse = tmp_path / "warehouse" / "socialkpi.duckdb"
    report = load(str(landing), warehouse)
    assert report.privacy.retention_days is None and not report.privacy.purged
    users = {u for (u,) in query(warehouse, "select user_id from raw.events")}
    assert users == {"olga.old", "eddie.edge", "nina.new"}


@pytest.mark.parametrize("line", ["retention_days = 0", 'retention_days = "a year"', "keep_days = 30"])
def test_a_bad_retention_setting_stops_the_load_naming_the_file_and_key(tmp_path, line):
    landing = write_landing(tmp_path / "landing", line)
    with pytest.raises(LoadError) as error:
        load(str(landing), tmp_path / "warehouse" / "socialkpi.duckdb")
    assert "settings.toml" in str(error.value) and "privacy." in str(error.value)
