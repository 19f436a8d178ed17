"""dlt source for Shopify: the orders export (line items) and the order journeys (UTM, landing page).

The orders files are whatever the load step recognised as orders exports, by content: a CSV of any name
or the zip Shopify e-mails (each CSV in it read alike, named `export.zip::orders_export_1.csv`)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime

import dlt
import pyarrow as pa

from pipelines.files.guard import guarded
from pipelines.files.jsonlines import LineError, json_lines, parse_line, shown
from pipelines.files.landing import LandingFile, content_sha256
from pipelines.files.layout_files import read_layout_files
from pipelines.files.tabular import ParsedFile
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.shopify import settings
from pipelines.shopify.journeys import ARROW_SCHEMA, flatten

FAMILY = "shopify"


def carries_order(financial_status: str | None, total: object) -> bool:
    """The row of an order that carries its order-level fields: Shopify fills them on the first line only."""
    return bool(financial_status) or total is not None


def add_line_index(parsed: ParsedFile, file: LandingFile) -> tuple[pa.Table, list[Reject]]:
    """Number each order's line items 1, 2, … in file order, and key each line by what it is.

    The export keeps an order's rows together: the first carries the order's fields, each continuation
    row one more line item. A large export is split over several files, and an order can straddle two: its
    continuation rows open the second file. So a line's merge key is not its position in one file but
    `line_key`: `order` for the row carrying the order, else the line item itself (name, SKU, quantity,
    price, and its occurrence among identical items of that order in the file). Rows of one order from
    two files then all load, and a re-export of the same order merges line for line. `line_index` keeps
    the position, never 1 for a continuation row (1 marks the order's first line downstream)."""
    table = parsed.table
    columns = {
        name: table.column(name).to_pylist()
        for name in ("order_name", "financial_status", "total_amount", "lineitem_name", "lineitem_sku")
    }
    quantities = table.column("lineitem_quantity").to_pylist()
    prices = table.column("lineitem_price").to_pylist()
    counters: dict[str, int] = defaultdict(int)
    opened: dict[str, bool] = {}
    occurrences: dict[tuple, int] = defaultdict(int)
    indexes, keys = [], []
    for position, name in enumerate(columns["order_name"]):
        first = carries_order(columns["financial_status"][position], columns["total_amount"][position])
        if name not in opened:
            opened[name] = first
            counters[name] = 0 if first else 1  # a continuation opening the file: its first line is elsewhere
        counters[name] += 1
        indexes.append(counters[name])
        if first:
            keys.append("order")
            continue
        item = (
            name,
            columns["lineitem_name"][position],
            columns["lineitem_sku"][position],
            quantities[position],
            str(prices[position]),
        )
        occurrences[item] += 1
        text = "\x1f".join(str(part) for part in (*item[1:], occurrences[item]))
        keys.append("item:" + hashlib.sha256(text.encode()).hexdigest()[:20])
    table = table.append_column("line_index", pa.array(indexes, pa.int64()))
    return table.append_column("line_key", pa.array(keys, pa.string())), []


def read_journeys(files: list[LandingFile], log: ReadLog, loaded_at: datetime) -> Iterator[pa.Table]:
    for file in files:
        rows: list[dict] = []
        with guarded(log, FAMILY, settings.JOURNEYS_TABLE, file, "reading Shopify order journeys") as guard:
            data = file.read_bytes()
            guard.sha256 = sha = content_sha256(data)
            if log.is_unchanged(file, sha):
                continue
            rows, rejects = read_journeys_file(file, data, loaded_at)
            log.record(FAMILY, settings.JOURNEYS_TABLE, file, sha, len(rows), rejects)
        if rows and not guard.failed:
            yield pa.Table.from_pylist(rows, schema=ARROW_SCHEMA)


def read_journeys_file(
    file: LandingFile, data: bytes, loaded_at: datetime
) -> tuple[list[dict], list[Reject]]:
    """Rows and rejects of one journeys file (JSON lines as pipelines/files/jsonlines.py reads them)."""
    rows: list[dict] = []
    rejects: list[Reject] = []
    for number, line in json_lines(data):
        try:
            if isinstance(line, LineError):
                raise line
            row = flatten(parse_line(line))
        except LineError as exc:
            text = "" if isinstance(line, LineError) else shown(line)
            rejects.append(Reject.from_row(file.relative_path, number, exc.field, exc.reason, text))
            continue
        except ValueError as exc:
            field, _, reason = str(exc).partition(": ")
            rejects.append(Reject.from_row(file.relative_path, number, field, reason or str(exc), line))
            continue
        row.update(raw_json=line, _source_file=file.relative_path, _source_line=number, _loaded_at=loaded_at)
        rows.append(row)
    return rows, rejects


@dlt.source(name="shopify")
def shopify_source(
    order_files: list[LandingFile], journey_files: list[LandingFile], log: ReadLog, loaded_at: datetime
):
    @dlt.resource(
        name=settings.ORDER_LINES_TABLE, write_disposition="merge", primary_key=("order_name", "line_key")
    )
    def order_lines():
        yield from read_layout_files(
            order_files,
            settings.ORDERS,
            FAMILY,
            settings.ORDER_LINES_TABLE,
            log,
            loaded_at,
            finish=add_line_index,
            feeds=settings.FEEDS,
        )

    @dlt.resource(name=settings.JOURNEYS_TABLE, write_disposition="merge", primary_key="order_id")
    def order_journeys():
        yield from read_journeys(journey_files, log, loaded_at)

    return order_lines, order_journeys
