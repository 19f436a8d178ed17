"""The Operations page's reports for the app tests' serving copy, derived in plain Python from the fixture's
conversations (conftest.py) with hand-set rules, so a test can work out what the page must show.

- `reporting.rpt_inbox__sla_breaches`: a DM's first-response target is 60 minutes, a comment's 24 hours;
  a conversation breaches when answered later than its target, or still unanswered past its deadline at
  AS_OF (the latest first message or first response in the fixture). Business time = clock time here.
- `reporting.rpt_inbox__review_queue`: every unanswered conversation's first message as `low_confidence`,
  and every fifth answered DM's bot reply as an `auto_reply` sample.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from conftest import Conversation

TARGET_MIN = {"dm": 60, "comment": 24 * 60}


def as_of(conversations: list[Conversation]) -> datetime | None:
    instants = [c.first_inbound_at for c in conversations if c.first_inbound_at]
    instants += [c.first_response_at for c in conversations if c.first_response_at]
    return max(instants) if instants else None


def sla_breaches(conversations: list[Conversation]) -> list[dict[str, Any]]:
    now = as_of(conversations)
    rows = []
    for c in conversations:
        target = TARGET_MIN[c.channel]
        if c.frt_any_min is not None:
            late = c.frt_any_min - target
        else:
            late = (now - c.first_inbound_at).total_seconds() / 60 - target
        if late <= 0:
            continue
        rows.append(
            {
                "conversation_key": c.conversation_key,
                "platform": c.platform,
                "conversation_id": c.conversation_key.split(":", 1)[1],
                "channel": c.channel,
                "language": c.language,
                "priority": "normal",
                "first_inbound_at": c.first_inbound_at,
                "first_inbound_date": c.first_inbound_date,
                "sla_first_response_target_min": target,
                "first_response_due_at": c.first_inbound_at + timedelta(minutes=target),
                "sla_first_response_at": c.first_response_at,
                "first_response_late_business_min": late,
                "is_unanswered": c.frt_any_min is None,
                "as_of_at": now,
            }
        )
    return rows


def review_items(conversations: list[Conversation]) -> list[dict[str, Any]]:
    rows = []
    answered_dms = [c for c in conversations if c.channel == "dm" and c.frt_any_min is not None]
    for c in conversations:
        if c.frt_any_min is None:
            rows.append(_item(c, "low_confidence", c.first_inbound_at, "neutral", 0.41, None))
    for c in answered_dms[::5]:
        rows.append(_item(c, "auto_reply", c.first_response_at, None, None, "greeting_v2"))
    return rows


def _item(c: Conversation, kind: str, at: datetime, label, confidence, template) -> dict[str, Any]:
    return {
        "review_week": (at - timedelta(days=at.weekday())).date(),
        "item_kind": kind,
        "event_id": f"{kind}:{c.conversation_key}",
        "platform": c.platform,
        "conversation_id": c.conversation_key.split(":", 1)[1],
        "channel": c.channel,
        "language": c.language,
        "occurred_at": at,
        "sentiment_label": label,
        "sentiment_confidence": confidence,
        "template_id": template,
        "items_in_week": 1,
    }


def _write(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str], rows: list[dict]) -> None:
    con.execute(f"create table {table} ({', '.join(f'{n} {t}' for n, t in columns.items())})")
    if rows:
        con.executemany(
            f"insert into {table} values ({', '.join('?' for _ in columns)})",
            [[row[n] for n in columns] for row in rows],
        )


def write_operations(con: duckdb.DuckDBPyConnection, conversations: list[Conversation]) -> None:
    _write(
        con,
        "reporting.rpt_inbox__sla_breaches",
        {
            "conversation_key": "varchar",
            "platform": "varchar",
            "conversation_id": "varchar",
            "channel": "varchar",
            "language": "varchar",
            "priority": "varchar",
            "first_inbound_at": "timestamp",
            "first_inbound_date": "date",
            "sla_first_response_target_min": "integer",
            "first_response_due_at": "timestamp",
            "sla_first_response_at": "timestamp",
            "first_response_late_business_min": "double",
            "is_unanswered": "boolean",
            "as_of_at": "timestamp",
        },
        sla_breaches(conversations),
    )
    _write(
        con,
        "reporting.rpt_inbox__review_queue",
        {
            "review_week": "date",
            "item_kind": "varchar",
            "event_id": "varchar",
            "platform": "varchar",
            "conversation_id": "varchar",
            "channel": "varchar",
            "language": "varchar",
            "occurred_at": "timestamp",
            "sentiment_label": "varchar",
            "sentiment_confidence": "double",
            "template_id": "varchar",
            "items_in_week": "bigint",
        },
        review_items(conversations),
    )
