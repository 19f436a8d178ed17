"""The run summary's file lines: every file a user must look at, each reason said once."""

from __future__ import annotations

from pipelines.summary import file_lines

CHART = "YouTube chart data (Date, Content, …): per-day chart data, used only for the date range"


def test_a_not_used_file_states_its_reason_once_and_keeps_its_other_notes():
    files = [
        {"relative_path": "a.zip::Chart data.csv", "status": "not_used", "reason": CHART,
         "notes": f"recognised as {CHART}; skipped"},
        {"relative_path": "b.zip::Totals.csv", "status": "not_used", "reason": CHART,
         "notes": f"recognised as {CHART}; skipped; dates re-saved by a spreadsheet"},
        {"relative_path": "c.csv", "status": "loaded", "reason": None, "notes": "no `TikTok handle` column",
         "rows_in": 7, "rows_loaded": 5, "rows_rejected": 1, "rows_duplicate": 1},
    ]  # fmt: skip

    assert file_lines(files) == [
        "landing files    3: 1 loaded, 2 not used",
        "rows (this run)  7 in = 5 loaded + 1 rejected + 1 merged as duplicates",
        "  loaded    c.csv: 7 in: 5 loaded, 1 rejected, 1 duplicate; no `TikTok handle` column",
        f"  not used  a.zip::Chart data.csv: {CHART}",
        f"  not used  b.zip::Totals.csv: {CHART}; dates re-saved by a spreadsheet",
    ]


def test_the_rows_identity_is_summed_over_files_read_and_a_broken_one_is_named():
    files = [
        {"relative_path": "a.jsonl", "status": "loaded", "reason": "", "rows_in": 10, "rows_loaded": 6,
         "rows_rejected": 3, "rows_duplicate": 1},
        {"relative_path": "b.jsonl", "status": "duplicate_file", "reason": "same content as a.jsonl",
         "rows_in": 10, "rows_loaded": 0, "rows_rejected": 0, "rows_duplicate": 10},
        {"relative_path": "c.jsonl", "status": "unchanged", "reason": "this content was loaded before",
         "rows_in": 4, "rows_loaded": 4, "rows_rejected": 0, "rows_duplicate": 0},
        {"relative_path": "d.csv", "status": "loaded", "reason": "", "rows_in": 5, "rows_loaded": 3,
         "rows_rejected": 1, "rows_duplicate": 0},
    ]  # fmt: skip

    lines = file_lines(files, recovered="recovered an interrupted load: 1 pending package(s) (123) loaded")

    assert lines[:3] == [
        "landing files    4: 2 loaded, 1 unchanged, 1 duplicate file",
        "rows (this run)  25 in = 9 loaded + 4 rejected + 11 merged as duplicates   NOT ACCOUNTED: d.csv",
        "  recovered an interrupted load: 1 pending package(s) (123) loaded",
    ]
    assert "  duplicate file b.jsonl: same content as a.jsonl" in lines
