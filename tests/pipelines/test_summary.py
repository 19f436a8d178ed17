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
        {"relative_path": "c.csv", "status": "loaded", "reason": None, "notes": "no `TikTok handle` column"},
    ]  # fmt: skip

    assert file_lines(files) == [
        "landing files    3: 1 loaded, 2 not used",
        "  loaded    c.csv: no `TikTok handle` column",
        f"  not used  a.zip::Chart data.csv: {CHART}",
        f"  not used  b.zip::Totals.csv: {CHART}; dates re-saved by a spreadsheet",
    ]
