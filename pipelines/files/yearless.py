"""Dates written without a year, in the exporting user's UI language (TikTok Studio: `September 4`,
`4 septembre`, `18 января`, `9月13日`, `18 tháng Sáu`), and the year they belong to.

A per-day export is a SEQUENCE: one row per day, in order, ending at the last day of the range (the
download day, or the day before it). `resolve_sequence` dates a whole column at once: the last day is the
latest one on or before the evidence of when the export was made, and every other row is the latest day
strictly before the row after it, so a `Last 365 days` export from `August 2` to `August 1` crossing New
Year comes out as one run of consecutive days whatever the file's time. The evidence is, best first: the
range in the file, zip or folder name (`..._2026-08-01_2026-10-31...`), the zip entry time (written by the
platform when it built the export; it survives copying), the file's modification time. The file time is
only an upper bound on the download: a copy made months later still gives the right years, as long as it
is less than a year after the download. Rows newest-first are read the other way round (the order that
spans fewer days is taken). A value that already carries a year keeps it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

MONTHS: dict[str, int] = {}
_NAMES = {
    # English
    1: "january jan", 2: "february feb", 3: "march mar", 4: "april apr", 5: "may", 6: "june jun",
    7: "july jul", 8: "august aug", 9: "september sep sept", 10: "october oct", 11: "november nov",
    12: "december dec",
}  # fmt: skip
_FRENCH = {
    1: "janvier janv", 2: "février fevrier févr fevr", 3: "mars", 4: "avril avr", 5: "mai", 6: "juin",
    7: "juillet juil", 8: "août aout", 9: "septembre", 10: "octobre", 11: "novembre", 12: "décembre decembre déc",
}  # fmt: skip
_RUSSIAN = {
    1: "января январь янв", 2: "февраля февраль фев", 3: "марта март мар", 4: "апреля апрель апр",
    5: "мая май", 6: "июня июнь июн", 7: "июля июль июл", 8: "августа август авг",
    9: "сентября сентябрь сен сент", 10: "октября октябрь окт", 11: "ноября ноябрь ноя",
    12: "декабря декабрь дек",
}  # fmt: skip
_GERMAN_SPANISH = {
    1: "januar enero", 2: "februar febrero", 3: "märz marz marzo", 4: "abril", 5: "mai mayo", 6: "juni junio",
    7: "juli julio", 8: "agosto", 9: "septiembre setiembre", 10: "oktober octubre", 11: "noviembre",
    12: "dezember diciembre dez",
}  # fmt: skip
for _table in (_NAMES, _FRENCH, _RUSSIAN, _GERMAN_SPANISH):
    for _month, _words in _table.items():
        for _word in _words.split():
            MONTHS.setdefault(_word, _month)

# Vietnamese: `18 tháng Sáu` (month names are numerals, two words for 11 and 12) or `18 tháng 6`.
_VIETNAMESE_MONTHS = {
    "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}  # fmt: skip
_VIETNAMESE = re.compile(r"^(\d{1,2}) tháng (\d{1,2}|[^\d]+?)(?:,? (?:năm )?(\d{4}))?$", re.IGNORECASE)
_CJK = re.compile(r"^(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")
_WORDS = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})[_ ~to-]+(\d{4}-\d{2}-\d{2})")


def month_day(text: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) of a localised day; ValueError when it is not one."""
    value = " ".join(text.strip().replace(",", " ").split())
    match = _ISO.match(value)
    if match:
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    match = _VIETNAMESE.match(unicodedata.normalize("NFC", value))
    if match:
        word = match.group(2).lower()
        month = int(word) if word.isdigit() else _VIETNAMESE_MONTHS.get(word)
        if month is not None:
            year = int(match.group(3)) if match.group(3) else None
            return year, month, int(match.group(1))
    match = _CJK.match(value)
    if match:
        return (int(match.group(1)) if match.group(1) else None), int(match.group(2)), int(match.group(3))
    match = _SLASH.match(value)
    if match:  # TikTok's English UI writes month/day
        return (int(match.group(3)) if match.group(3) else None), int(match.group(1)), int(match.group(2))
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    words = [w.rstrip(".").lower() for w in _WORDS.findall(value)]
    months = [MONTHS[w] for w in words if w in MONTHS]
    unknown = [w for w in words if w not in MONTHS and w not in {"de", "del", "le", "th", "st", "nd", "rd"}]
    days = [n for n in numbers if n <= 31]
    years = [n for n in numbers if n >= 1900]
    if len(months) == 1 and len(days) == 1 and not unknown and len(numbers) == len(days) + len(years):
        return (years[0] if years else None), months[0], days[0]
    raise ValueError(f"{text!r} is not a day like 'September 4', '4 septembre', '18 января' or '9月13日'")


def file_range(name: str) -> tuple[date, date] | None:
    """The export's date range from a file, folder or zip name (`…_2026-08-01_2026-10-31…`)."""
    match = RANGE.search(name)
    if not match:
        return None
    start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
    return (start, end) if start <= end else (end, start)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(text: str, within: tuple[date, date] | None, not_after: date) -> date:
    """The dated day for `text`: inside `within` when given (nearest to it otherwise), else on or before
    `not_after`."""
    year, month, day = month_day(text)
    if year is not None:
        found = _make(year, month, day)
        if found is None:
            raise ValueError(f"{text!r} is not a valid date")
        return found
    if within is not None:
        start, end = within
        candidates = [d for y in range(start.year - 1, end.year + 2) if (d := _make(y, month, day))]
        if not candidates:
            raise ValueError(f"{text!r} is not a valid day")
        inside = [d for d in candidates if start <= d <= end]
        if inside:
            return inside[0]

        def distance(d: date) -> int:
            return (start - d).days if d < start else (d - end).days

        return min(candidates, key=distance)
    for y in (not_after.year, not_after.year - 1, not_after.year - 2, not_after.year - 3, not_after.year - 4):
        found = _make(y, month, day)
        if found is not None and found <= not_after:
            return found
    raise ValueError(f"{text!r} is not a valid day")


def valid_day(year: int | None, month: int, day: int) -> date | None:
    """The day in `year` (in 2000, a leap year, when there is none), or None when it exists in no year
    (`February 30`) or not in that one."""
    return _make(year if year is not None else 2000, month, day)


def _latest_on_or_before(month: int, day: int, bound: date, text: str) -> date:
    for y in range(bound.year, bound.year - 5, -1):
        found = _make(y, month, day)
        if found is not None and found <= bound:
            return found
    raise ValueError(f"{text!r} is not a valid day")


def _chain(
    parts: list[tuple[int | None, int, int]], texts: list[str], bound: date, strict: bool
) -> list[date]:
    """Date `parts` (latest row first): each row the latest day on or before the row before it."""
    out: list[date] = []
    for (year, month, day), text in zip(parts, texts, strict=True):
        if year is not None:
            found = _make(year, month, day)
            if found is None:
                raise ValueError(f"{text!r} is not a valid date")
        else:
            found = _latest_on_or_before(month, day, bound, text)
        out.append(found)
        bound = found - timedelta(days=1) if strict else found
    return out


def resolve_sequence(
    texts: list[str | None], within: tuple[date, date] | None, not_after: date, strict: bool = True
) -> list[date | None]:
    """Date every row of a per-day column at once (see the module docstring); `None` stays `None`.

    `within` is the range from a name (its end bounds the last day), else `not_after` (zip entry or file
    time) does. `strict`: each day appears once (per-day files); otherwise rows may repeat a day (the
    snapshot `Time` of a content export). Raises ValueError naming the first text that is not a day.
    """
    positions = [i for i, text in enumerate(texts) if text is not None]
    present = [texts[i] or "" for i in positions]
    parts = [month_day(text) for text in present]
    if not parts:
        return [None] * len(texts)
    bound = within[1] if within is not None else not_after
    forward = _chain(parts[::-1], present[::-1], bound, strict)[::-1]  # oldest first, last row latest
    backward = _chain(parts, present, bound, strict)  # newest first, first row latest
    span_forward = (forward[-1] - forward[0]).days
    span_backward = (backward[0] - backward[-1]).days
    chosen = backward if span_backward < span_forward else forward
    out: list[date | None] = [None] * len(texts)
    for position, found in zip(positions, chosen, strict=True):
        out[position] = found
    return out
