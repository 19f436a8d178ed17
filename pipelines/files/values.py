"""Parsers for the values found in exports. Each raises ValueError with a message fit for a rejects row."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation, localcontext

MISSING = {"", "undefined", "null", "none", "n/a", "-", "--"}

# What the warehouse can hold, checked when a value is READ so a row that cannot be stored is a reject naming
# its file, line and field, never a failure of dlt's normalize or of a dbt model naming nothing.
MAX_AMOUNT = Decimal(10) ** 14  # decimal(18,4), the type amounts are stored in: 14 digits before the point
MAX_INT = 2**63 - 1  # bigint
# The one rule for instants (docs/inputs.md): an event, order or deal dated before EARLIEST or more than
# FUTURE_SLACK after the load is a typo or a clock fault, and a far-off date widens the inbox calendar
# spines past their bound and fails the dbt build (and a merge keeps it in `raw` even once the line is
# gone): the row is rejected with `<field> <value> outside <range>`.
EARLIEST = datetime(2000, 1, 1)
FUTURE_SLACK = timedelta(days=1)


def check_in_range(
    value: datetime | date | None, text: object, loaded_at: datetime, field: str = "occurred_at"
):
    """ValueError `<field> <text> outside <EARLIEST> … <load time + FUTURE_SLACK>` for an instant or date
    outside the documented range (see EARLIEST); None passes (emptiness is the layout's rule)."""
    if value is None:
        return
    instant = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    latest = loaded_at + FUTURE_SLACK
    if not EARLIEST <= instant <= latest:
        raise ValueError(
            f"{field} {text} outside {EARLIEST:%Y-%m-%d} … {latest:%Y-%m-%d %H:%M} UTC "
            "(before 2000 or after the load time + 1 day: a typo or a wrong clock)"
        )


def _finite(number: float, text: str) -> float:
    if not math.isfinite(number) or abs(number) > 1e300:
        raise ValueError(f"{text!r} is not a finite number the warehouse can hold")
    return number


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
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        number = int(text.split(".")[0])
        if abs(number) > MAX_INT:
            raise ValueError(f"{text!r} is beyond the largest whole number the warehouse holds")
        return number
    raise ValueError(f"{text!r} is not a whole number")


def parse_float(value: str | None) -> float | None:
    text = clean(value)
    if text is None:
        return None
    text = text.rstrip("%").strip()
    try:
        return _finite(float(text), text)
    except ValueError:
        raise ValueError(f"{text!r} is not a finite number") from None


# Grouping marks a number may carry besides `.`/`,`: spaces (fr: `1 234`, often a no-break or narrow no-break
# space) and the apostrophe (de-CH). They never stand for a decimal point.
SPACE_GROUPING = ("\u00a0", "\u202f", "\u2009", " ", "'", "\u2019")
DECIMAL_MARKS = (".", ",")


def _plain_number(text: str, decimal: str) -> Decimal:
    """`text` with `decimal` as its decimal mark and the other mark (or spaces) grouping thousands."""
    grouping = "," if decimal == "." else "."
    body = text
    for mark in SPACE_GROUPING:
        body = body.replace(mark, grouping)
    sign = ""
    if body[:1] in "+-":
        sign, body = body[0].replace("+", ""), body[1:]
    grouped = rf"\d{{1,3}}(?:{re.escape(grouping)}\d{{3}})+"
    if not re.fullmatch(rf"(?:\d+|{grouped})(?:{re.escape(decimal)}\d+)?", body):
        raise ValueError(
            f"{text!r} is not a number with {decimal!r} as decimal mark "
            f"(thousands grouped by {grouping!r} or a space)"
        )
    return Decimal(sign + body.replace(grouping, "").replace(decimal, "."))


def decimal_mark_evidence(value: str | None) -> str | None:
    """The decimal mark one written number proves, or None when it proves nothing.

    `1.234,5` and `1,234.5` (both marks: the last is decimal), `0,75` / `182045.947` (a mark not followed
    by exactly three digits, or after more than three digits: decimal), `1.234.567` (a mark used twice:
    grouping, so the other one is decimal). `1.234` alone is ambiguous (a thousand or one point two).
    """
    text = clean(value)
    if text is None:
        return None
    text = text.lstrip("+-")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        return "." if text.rfind(".") > text.rfind(",") else ","
    for mark, count in ((".", dots), (",", commas)):
        if count > 1:
            return "," if mark == "." else "."
        if count == 1:
            whole, fraction = text.split(mark)
            digits = whole.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
            if len(fraction) != 3 or len(digits) > 3 or not digits:
                return mark
    return None


def count_grouping_evidence(value: str | None) -> str | None:
    """The decimal mark a COUNT proves: `1,234` cannot be one point two three four people, so its `,` groups
    thousands and the decimal mark is `.` (`1.234` the other way round). `1,000` proves nothing (1 or 1000)."""
    text = clean(value)
    if text is None:
        return None
    match = re.fullmatch(r"[+-]?\d{1,3}([.,])(\d{3})", text)
    if match is None or match.group(2) == "000":
        return None
    return "," if match.group(1) == "." else "."


def file_decimal_mark(texts: list[str | None], default: str, file: str, counts: list[str | None] = ()) -> str:
    """The decimal mark of a whole file: what its numbers prove (`counts`: the texts of its count columns,
    which cannot have a fraction), else `default` (the export language's).

    A file whose numbers prove both marks is written in two formats at once: ValueError naming the file.
    """
    seen = {mark for mark in map(decimal_mark_evidence, texts) if mark}
    seen |= {mark for mark in map(count_grouping_evidence, counts) if mark}
    if len(seen) > 1:
        raise ValueError(f"{file}: numbers are written with both '.' and ',' as decimal mark")
    return seen.pop() if seen else default


def parse_count(value: str | None, decimal: str = ".") -> int | None:
    """A COUNT (people, views, reactions): a whole number, thousands grouped or not (`1,234`, `1.234`,
    `1 234` by the file's decimal mark). A decimal whose fraction is zero (`3.0`, a spreadsheet's float) is
    that whole number; `3.5` is not a count and raises."""
    text = clean(value)
    if text is None:
        return None
    number = _plain_number(text, decimal)
    if number != number.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number (a count cannot have a fraction)")
    if abs(number) > MAX_INT:
        raise ValueError(f"{text!r} is beyond the largest whole number the warehouse holds")
    return int(number)


def parse_measure(value: str | None, decimal: str = ".") -> float | None:
    """A MEASURE (seconds viewed, an average): a decimal number, thousands grouped or not, by the file's
    decimal mark (`182045.947`, `182.045,947`, `182 045,947`)."""
    text = clean(value)
    if text is None:
        return None
    return _finite(float(_plain_number(text, decimal)), text)


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
    if abs(amount) >= MAX_AMOUNT:
        raise ValueError(f"{text!r} is beyond decimal(18,4), the largest amount the warehouse holds")
    with localcontext(prec=60):  # 18 digits fit easily; the default 28 would do too, said for clarity
        amount = amount.quantize(Decimal("0.0001"))
    if abs(amount) >= MAX_AMOUNT:  # 99999999999999.99995 rounds up to 10^14
        raise ValueError(f"{text!r} is beyond decimal(18,4), the largest amount the warehouse holds")
    return amount


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
            parsed = _utc(parsed, text)
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
    return _utc(parsed, text)


def _utc(parsed: datetime, text: str) -> datetime:
    """Naive UTC; an offset that moves the instant past year 1 or 9999 is a ValueError, not OverflowError."""
    try:
        return parsed.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise ValueError(f"{text!r}: its UTC offset moves it outside the years 1 … 9999") from None


def snake_case(header: str) -> str:
    """A header as a column name: `Impressions click-through rate (%)` -> `impressions_click_through_rate_pct`."""
    text = header.strip().lower().replace("%", " pct ").replace("#", " number ")
    text = re.sub(r"[^0-9a-z]+", "_", text).strip("_")
    return text or "unnamed"
