"""Type a Meta export's numbers and dates by the conventions of the whole file, not value by value.

Meta writes numbers and dates the way the exporting user's interface language does: `1,234.5` (English),
`1.234,5` (German, Portuguese, Spanish), `1 234,5` (French, with a no-break space), `08/31/2026` or
`31/08/2026`. One value cannot always tell: `1.234` is a thousand in German and one point two in English,
`03/04/2026` is March or April. So the post and account readers keep every number and date as text, and
this module decides per file, from every value in it:

- the decimal mark: what the file's numbers prove (`values.decimal_mark_evidence`: `0,75`, `182045.947`,
  `1.234.567`, `1.234,5`; and a count such as `1,234`, which cannot have a fraction, proves `,` groups
  thousands), else the default of the file's language (settings.LANGUAGES);
- the day order of slashed dates: a first field above 12 proves day-first, a second one month-first, else
  the language's default.
A file whose values prove two conventions at once is rejected whole (the message names both). A value that
does not parse under the file's convention (a count with a fraction, a date that is no date) rejects its row
with the file, line and header as written in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import FileRejected, ParsedFile
from pipelines.meta import settings
from pipelines.rejects import Reject

SLASHED_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/\d{2,4}")


def file_language(parsed: ParsedFile) -> str:
    """The interface language the file was exported in: the language of its `Post ID` header."""
    header = parsed.matched_headers.get("post_id", "")
    key = " ".join(header.lower().split())
    for language, headers in settings.POST_ID_HEADERS.items():
        if key in {" ".join(h.lower().split()) for h in headers}:
            return language
    return "en"


def day_order(texts: list[str | None], default: str, file: str) -> str:
    """`mdy` or `dmy` for the slashed dates of one file (`default` when no date proves either)."""
    seen: set[str] = set()
    for text in texts:
        match = SLASHED_DATE.match(text or "")
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12:
                seen.add("dmy")
            elif second > 12:
                seen.add("mdy")
    if len(seen) > 1:
        raise FileRejected(file, "", "dates are written both day-first and month-first in the same file")
    return seen.pop() if seen else default


def parse_period(value: str | None, formats: tuple[str, ...]) -> str | None:
    """`Lifetime` (in any of the interface languages) or a day: returned as 'lifetime' or an ISO date."""
    text = values.clean(value)
    if text is None:
        return None
    if " ".join(text.lower().split()) in settings.LIFETIME_LABELS:
        return "lifetime"
    parsed: date | None = values.parse_date(text, formats)
    return parsed.isoformat() if parsed else None


def type_columns(
    parsed: ParsedFile,
    file: str,
    parsers: dict[str, tuple[pa.DataType, Callable[[str | None], Any]]],
) -> tuple[pa.Table, list[Reject]]:
    """Replace the text columns named in `parsers` by their typed values; a row where one does not parse is
    rejected (file, line, header as written) and left out."""
    table = parsed.table
    columns = {name: table.column(name).to_pylist() for name in parsers}
    lines = table.column("_source_line").to_pylist()
    keep: list[int] = []
    typed: dict[str, list[Any]] = {name: [] for name in parsers}
    rejects: list[Reject] = []
    for row in range(table.num_rows):
        parsed_row: dict[str, Any] = {}
        for name, (_, parse) in parsers.items():
            try:
                parsed_row[name] = parse(columns[name][row])
            except ValueError as exc:
                raw = {header: columns[column][row] for column, header in _headers(parsed, parsers).items()}
                header = parsed.matched_headers.get(name, name)
                rejects.append(Reject.from_row(file, lines[row], header, str(exc), raw))
                break
        else:
            keep.append(row)
            for name, value in parsed_row.items():
                typed[name].append(value)
    table = table.take(pa.array(keep, pa.int64()))
    for name, (arrow_type, _) in parsers.items():
        position = table.schema.get_field_index(name)
        table = table.set_column(position, name, pa.array(typed[name], arrow_type))
    return table, rejects


def _headers(parsed: ParsedFile, parsers: dict) -> dict[str, str]:
    return {name: parsed.matched_headers.get(name, name) for name in parsers}


def number_parsers(parsed: ParsedFile, file: str, default_decimal: str) -> dict[str, tuple]:
    """Parsers for the count and measure columns present in the layout, by the file's decimal mark."""
    names = [
        name
        for name in parsed.table.column_names
        if name in settings.COUNTS or name in settings.MEASURES or name == "value"
    ]
    texts = [text for name in names for text in parsed.table.column(name).to_pylist()]
    counts = [
        text
        for name in names
        if name not in settings.MEASURES
        for text in parsed.table.column(name).to_pylist()
    ]
    try:
        decimal = values.file_decimal_mark(texts, default_decimal, file, counts)
    except ValueError as exc:
        raise FileRejected(file, "", str(exc).removeprefix(f"{file}: ")) from None
    parsers: dict[str, tuple] = {}
    for name in names:
        if name in settings.MEASURES:
            parsers[name] = (pa.float64(), lambda v, d=decimal: values.parse_measure(v, d))
        else:
            parsers[name] = (pa.int64(), lambda v, d=decimal: values.parse_count(v, d))
    return parsers


def type_post_export(parsed: ParsedFile, file: str) -> tuple[pa.Table, list[Reject]]:
    """A post export's numbers, publish times and `Date` values typed by the file's conventions."""
    decimal, order = settings.LANGUAGES[file_language(parsed)]
    table = parsed.table
    order = day_order(
        table.column("published_at_local").to_pylist() + table.column("period_label").to_pylist(), order, file
    )
    publish_formats, day_formats = settings.PUBLISH_FORMATS[order], settings.DAY_FORMATS[order]

    def period(value: str | None) -> str:
        result = parse_period(value, day_formats)
        if result is None:
            raise ValueError("required value is empty")
        return result

    def published(value: str | None):
        result = values.parse_datetime(value, publish_formats)
        if result is None:
            raise ValueError("required value is empty")
        return result

    parsers = {
        "published_at_local": (pa.timestamp("us"), published),
        "period_label": (pa.string(), period),
        **number_parsers(parsed, file, decimal),
    }
    return type_columns(parsed, file, parsers)
