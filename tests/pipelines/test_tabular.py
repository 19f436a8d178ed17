"""The CSV reader takes exports as their tools write them: encodings, preambles, totals, ids, aliases."""

from __future__ import annotations

import codecs

import pyarrow as pa
import pytest

from pipelines.files import values
from pipelines.files.tabular import Column, FileRejected, Layout, parse_csv

LAYOUT = Layout(
    name="test posts",
    columns=(
        Column("post_id", ("Post ID",), pa.string(), values.parse_id, required=True, required_value=True),
        Column("views", ("Views", "Impressions"), pa.int64(), values.parse_int, required=True),
        Column("caption", ("Description",)),
    ),
    total_row_columns=("post_id",),
)


def parse(text: str, encoding: str = "utf-8", prefix: bytes = b""):
    return parse_csv(prefix + text.encode(encoding), "content/x.csv", LAYOUT)


def test_matches_columns_by_name_not_position_and_keeps_extras():
    parsed = parse("Extra col,Views,Post ID\nhello,12,17841400000000001\n")
    assert parsed.table.column("post_id").to_pylist() == ["17841400000000001"]
    assert parsed.table.column("views").to_pylist() == [12]
    assert parsed.table.column("extra_col").to_pylist() == ["hello"]
    assert parsed.table.column("caption").to_pylist() == [None]  # optional column absent -> NULL


def test_long_ids_stay_strings_and_lose_leading_apostrophe():
    parsed = parse("Post ID,Views\n'17841400000000001234,5\n 1784140000000000123.0,6\n")
    assert parsed.table.column("post_id").to_pylist() == ["17841400000000001234", "1784140000000000123"]


def test_utf8_bom_and_utf16_are_decoded():
    text = "Post ID,Views\n1,5\n"
    assert parse(text, prefix=codecs.BOM_UTF8).table.num_rows == 1
    utf16 = codecs.BOM_UTF16_LE + "Post ID\tViews\n1\t5\n".encode("utf-16-le")
    assert parse_csv(utf16, "a.csv", LAYOUT).table.column("views").to_pylist() == [5]


def test_sep_line_preamble_and_description_line_are_skipped():
    text = "sep=,\n# GA4 export\n# generated 2026-09-01\nAll posts of the page, exported by LinkedIn\nPost ID,Views\n1,5\n"
    parsed = parse(text)
    assert parsed.table.column("post_id").to_pylist() == ["1"]
    assert parsed.table.column("_source_line").to_pylist() == [6]


def test_total_rows_are_dropped_not_rejected():
    parsed = parse("Post ID,Views\nTotal,99\n1,5\nGrand total,99\n")
    assert parsed.table.column("post_id").to_pylist() == ["1"]
    assert parsed.rejects == []


def test_quoted_caption_with_comma_and_line_break_keeps_line_numbers():
    parsed = parse('Post ID,Description,Views\n1,"a, b\nc",5\n2,plain,6\n')
    assert parsed.table.column("caption").to_pylist() == ["a, b\nc", "plain"]
    assert parsed.table.column("_source_line").to_pylist() == [2, 4]


def test_renamed_metric_is_recorded():
    parsed = parse("Post ID,Impressions\n1,5\n")
    assert parsed.matched_headers["views"] == "Impressions"


def test_bad_value_is_a_reject_naming_line_and_field():
    parsed = parse("Post ID,Views\n1,5\n2,lots\n3,\n")
    assert parsed.table.column("post_id").to_pylist() == ["1", "3"]
    [reject] = parsed.rejects
    assert (reject.file, reject.line, reject.field) == ("content/x.csv", 3, "Views")
    assert "not a whole number" in reject.reason


def test_empty_required_value_is_a_reject():
    parsed = parse("Post ID,Views\n,5\n")
    assert parsed.table.num_rows == 0
    assert parsed.rejects[0].field == "Post ID"


def test_missing_required_column_rejects_the_file_naming_the_column():
    with pytest.raises(FileRejected) as raised:
        parse("Post ID,Reach\n1,5\n")
    assert raised.value.file == "content/x.csv"
    assert "views" in raised.value.reason and "missing required column" in raised.value.reason


def test_scientific_notation_id_is_rejected():
    parsed = parse("Post ID,Views\n1.78414E+16,5\n")
    assert parsed.rejects and "scientific notation" in parsed.rejects[0].reason


def test_hash_below_the_header_is_data_not_a_preamble():
    parsed = parse("# exported by a tool\nPost ID,Views\n#1001,5\n")
    assert parsed.table.column("post_id").to_pylist() == ["#1001"]
