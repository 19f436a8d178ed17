"""Parsers for the values found in exports. Each raises ValueError with a message fit for a rejects row."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

MISSING = {"", "undefined", "null", "none", "n/a", "-", "--"}


def clean(value: str | None) -> str | None:
    """Strip white space and the leading apostrophe Excel and YouTube add; map missing markers to None."""
    if value is None:
        return None
    text = value.strip()
    if text.startswith("'"):
        text = text[1:].strip()
    if text.lower() in MISSING:
        return None
    return text


def parse_id(value: str | None) -> str | None:
    """Ids stay strings: never let a 17–19 digit id become a float (`1.78e+17`)."""
    text = clean(value)
    if text is None:
        return None
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if re.fullmatch(r"[\d.]+[eE]\+?\d+", text):
        raise ValueError(f"id {text!r} was turned into scientific notation; its digits are lost")
    return text


def parse_int(value: str | None) -> int | None:
    text = clean(value)
    if text is None:
        return None
    text = text.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.0+", text):
        return int(text.split(".")[0])
    raise ValueError(f"{text!r} is not a whole number")


def parse_float(value: str | None) -> float | None:
    text = clean(value)
    if text is None:
        return None
    text = text.rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def parse_decimal(value: str | None) -> Decimal | None:
    """Money with a dot decimal and no thousands separator (Shopify, HubSpot, costs.csv)."""
    text = clean(value)
    if text is None:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount (dot decimal, no thousands separator)") from None
    if not amount.is_finite():
        raise ValueError(f"{text!r} is not a finite amount")
    return amount.quantize(Decimal("0.0001"))


def parse_bool(value: str | None) -> bool | None:
    text = clean(value)
    if text is None:
        return None
    lowered = text.lower()
    if lowered in {"true", "yes", "y", "1"}:
        return True
    if lowered in {"false", "no", "n", "0"}:
        return False
    raise ValueError(f"{text!r} is not true/false")


def parse_datetime(value: str | None, formats: tuple[str, ...]) -> datetime | None:
    """A local or offset timestamp in one of `formats`; offset-aware values are returned in naive UTC."""
    text = clean(value)
    if text is None:
        return None
    for fmt in formats:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    raise ValueError(f"{text!r} matches none of the formats {', '.join(formats)}")


def parse_date(value: str | None, formats: tuple[str, ...]) -> date | None:
    parsed = parse_datetime(value, formats)
    return parsed.date() if parsed else None


def parse_rfc3339(value: object) -> datetime:
    """An RFC 3339 timestamp WITH offset (`Z` or ±hh:mm), returned as naive UTC; anything else raises."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("missing or not a string")
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text):
        raise ValueError(f"{text!r} is not an RFC 3339 timestamp with an offset")
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid timestamp: {exc}") from None
    return parsed.astimezone(UTC).replace(tzinfo=None)


def snake_case(header: str) -> str:
    """A header as a column name: `Impressions click-through rate (%)` -> `impressions_click_through_rate_pct`."""
    text = header.strip().lower().replace("%", " pct ").replace("#", " number ")
    text = re.sub(r"[^0-9a-z]+", "_", text).strip("_")
    return text or "unnamed"
