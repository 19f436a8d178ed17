"""Every way an event can break shared/spec/events.md is caught, with the field and the reason."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines.events.contract import ContractError, validate

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
