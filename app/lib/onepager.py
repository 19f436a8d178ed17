"""The one-pager's data for the app: `pipelines.onepager.build_onepager` on the serving copy, cached per
published version and scope, and the PDF / PNG bytes `socialkpi onepager` makes.

The page draws the same `OnePager` value the CLI renders, so the app and the e-mailed page cannot differ.
"""

from __future__ import annotations

from datetime import date

import duckdb
import streamlit as st

from lib import warehouse
from pipelines.kpis import KpiExportError
from pipelines.onepager import Filters, OnePager, Period, build_onepager
from pipelines.onepager.html import render_html
from pipelines.onepager.printing import print_html

TTL_S = 60


@st.cache_data(ttl=TTL_S, show_spinner=False)
def onepager(
    db: str,
    version: int,
    start: date,
    end: date,
    platforms: tuple[str, ...],
    channels: tuple[str, ...],
    languages: tuple[str, ...],
) -> OnePager:
    """The one-pager of [start, end] against the previous period of equal length, for the filters."""
    filters = Filters(platform=platforms, language=languages, channel=channels)
    with warehouse.serving_database().cursor(db) as cur:
        try:
            return build_onepager(cur, Period(start, end), filters)
        except (KpiExportError, duckdb.CatalogException, duckdb.BinderException) as exc:
            raise warehouse.WarehouseNotReady(f"{db}: {exc}") from exc


def printed(page: OnePager, output_format: str) -> bytes:
    """The PDF or PNG of the page, printed by the system Chromium (called when the download is clicked)."""
    return print_html(render_html(page), output_format)
