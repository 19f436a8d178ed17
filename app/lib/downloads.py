"""CSV downloads of a page's tables: the raw numbers, never the formatted text.

A table shown as '1 d 17 h', '12.5%' or '4.40 CAD' is downloaded as 2461.1, 0.125 and 4.4: a reader who opens
the file in a spreadsheet must be able to sum and chart it. The frame passed in is the one the page builds
before styling (lib/display.styled only changes how cells read on screen).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pipelines.csvsafe import safe_frame


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a BOM, so spreadsheet programs read accents), empty cells for missing;
    text a spreadsheet would run as a formula is prefixed with `'` (pipelines/csvsafe.py)."""
    return safe_frame(table).to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S").encode("utf-8-sig")


def button(table: pd.DataFrame, file_name: str, *, key: str) -> None:
    """A 'Download CSV' button under a table."""
    st.download_button(
        "Download CSV",
        csv_bytes(table),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
        help="The raw numbers of this table (minutes, shares as 0–1, amounts), not the formatted text.",
    )
