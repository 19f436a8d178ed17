"""Every way an event can break shared/spec/events.md is caught, with the field and the reason."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from pipelines.events import read_events_file
from pipelines.events.contract import ContractError, validate
from pipelines.files.landing import LandingFile

VALID = {
    "event_id": "e1",
    "event_name": "instagram.dm_received",
    "occurred_at": "2026-03-02T09:15:00-05:00",
    "conversation_id": "c1",
    "message_id": "m1",
    "user_id": "u1",
    "actor": "customer",
}


def test_valid_event_is_normalised_to_utc_and_keeps_extra_fields():
    row = validate(VALID | {"language": "fr-CA", "custom": {"a": 1}})
    assert row["occurred_at"] == datetime(2026, 3, 2, 14, 15)
    assert row["occurred_at_text"] == "2026-03-02T09:15:00-05:00"
    assert row["extra_fields"] == '{"custom": {"a": 1}}'


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"event_id": None}, "event_id", "required"),
        ({"conversation_id": ""}, "conversation_id", "required"),
        ({"user_id": None}, "user_id", "required"),
        ({"actor": "robot"}, "actor", "unknown actor"),
        ({"actor": "bot"}, "actor", "dm_received is sent by customer"),
        ({"occurred_at": "yesterday 5pm"}, "occurred_at", "RFC 3339"),
        ({"occurred_at": "2026-03-02T09:15:00"}, "occurred_at", "offset"),
        ({"occurred_at": "2026-02-30T09:15:00Z"}, "occurred_at", "not a valid timestamp"),
        ({"event_name": "myspace.dm_received"}, "event_name", "unknown platform"),
        ({"event_name": "instagram.dm_exploded"}, "event_name", "unknown event"),
        ({"event_name": "Instagram.DM_received"}, "event_name", "lower case"),
        ({"message_id": None}, "message_id", "required for dm_received"),
        ({"sentiment_score": 3}, "sentiment_score", "outside"),
        ({"priority": "asap"}, "priority", "not low"),
        ({"user_id": 12345}, "user_id", "not a string"),
    ],
)
def test_contract_breaches_name_field_and_reason(change, field, reason):
    with pytest.raises(ContractError) as raised:
        validate(VALID | change)
    assert raised.value.field == field
    assert reason in raised.value.reason


@pytest.mark.parametrize("score", [0, 6, 4.5, "5", None, True])
def test_csat_must_be_an_integer_one_to_five(score):
    event = VALID | {"event_name": "instagram.csat_submitted", "csat_score": score}
    event.pop("message_id")
    with pytest.raises(ContractError) as raised:
        validate(event)
    assert raised.value.field == "csat_score"


def test_csat_five_is_valid():
    event = VALID | {"event_name": "instagram.csat_submitted", "csat_score": 5}
    assert validate(event)["csat_score"] == 5


def test_comment_needs_its_content_id():
    event = VALID | {"event_name": "facebook.comment_received"}
    with pytest.raises(ContractError) as raised:
        validate(event)
    assert raised.value.field == "content_id"
    assert validate(event | {"content_id": "p1"})["content_id"] == "p1"


def test_in_reply_to_message_id_is_a_contract_column_not_an_extra_field():
    reply = VALID | {
        "event_name": "x.comment_replied",
        "actor": "agent",
        "message_id": "m2",
        "in_reply_to_message_id": "m1",
    }
    row = validate(reply)
    assert row["in_reply_to_message_id"] == "m1"
    assert row["extra_fields"] is None
    assert validate(VALID)["in_reply_to_message_id"] is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [(42, "not a string"), ("m1", "cannot answer itself")],
)
def test_in_reply_to_message_id_breaches_name_the_field(value, reason):
    with pytest.raises(ContractError) as raised:
        validate(VALID | {"in_reply_to_message_id": value})
    assert raised.value.field == "in_reply_to_message_id"
    assert reason in raised.value.reason


@pytest.mark.parametrize(
    ("event", "actor"),
    [
        ("comment_received", "customer"),
        ("comment_replied", "agent"),
        ("comment_hidden", "bot"),
        ("dm_received", "customer"),
        ("dm_response_sent", "agent"),
        ("auto_reply_sent", "bot"),
        ("escalated_to_agent", "bot"),
        ("conversation_resolved", "agent"),
        ("lead_created", "agent"),
    ],
)
def test_every_event_of_the_contract_is_valid_on_x(event, actor):
    row = validate(VALID | {"event_name": f"x.{event}", "actor": actor, "content_id": "p1"})
    assert row["event_name"] == f"x.{event}"
    assert row["actor"] == actor


def test_events_file_keeps_in_reply_to_and_names_the_line_of_a_breach():
    lines = [
        VALID | {"event_name": "x.dm_received", "message_id": "m1"},
        VALID
        | {
            "event_id": "e2",
            "event_name": "x.dm_response_sent",
            "actor": "bot",
            "message_id": "m2",
            "in_reply_to_message_id": "m1",
            "occurred_at": "2017-03-02T09:20:00-05:00",
        },
        VALID
        | {
            "event_id": "e3",
            "event_name": "x.dm_response_sent",
            "actor": "agent",
            "message_id": "m3",
            "in_reply_to_message_id": ["m1"],
        },
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    file = LandingFile(
        "events/x_2017.jsonl", "file:///landing/events/x_2017.jsonl", datetime(2017, 3, 3), len(data), None
    )
    rows, rejects, whole_file = read_events_file(file, data, datetime(2026, 3, 3), set())
    assert not whole_file
    assert [(r["event_id"], r["in_reply_to_message_id"], r["occurred_at"]) for r in rows] == [
        ("e1", None, datetime(2026, 3, 2, 14, 15)),
        ("e2", "m1", datetime(2017, 3, 2, 14, 20)),
    ]
    assert [(r.file, r.line, r.field) for r in rejects] == [
        ("events/x_2017.jsonl", 3, "in_reply_to_message_id")
    ]
