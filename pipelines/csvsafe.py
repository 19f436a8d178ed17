"""Formula-safe CSV cells: every CSV the command line or the app writes passes its cells through `safe_cell`.

A campaign tag, template name or post caption comes from a user's export; a cell starting with `=`, `+`,
`-`, `@`, a tab or a carriage return is run as a formula by spreadsheet programs (OWASP "CSV injection":
`=HYPERLINK("http://x","click")` in a file a manager opens). Such text is prefixed with a single quote,
which spreadsheets show as text and do not run. Numbers are numbers: `-3.5` (a negative change, a refund)
is left as it is, whether it arrives as a float or as the text of a number, so files still sum and chart.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number as Python, pandas and the exporters write one: -3.5, +2, -1e-05, -inf stays text-escaped
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """`value` with a leading `'` when it is text a spreadsheet would run as a formula; else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values: list) -> list:
    return [safe_cell(value) for value in values]


def safe_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of `table` whose text cells (and column names) are formula-safe; number columns untouched."""
    out = table.copy()
    out.columns = [safe_cell(str(column)) for column in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out
