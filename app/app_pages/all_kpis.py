"""All KPIs: every KPI of the registry for the sidebar's filters, the numbers `socialkpi kpis` exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from lib import display, downloads, families, filters, queries

ROW_PX = 35  # st.dataframe's row height: size each table to show all its rows
SECTIONS = (
    ("dm", "Conversations (DMs and comment threads)"),
    ("comments", "Comments"),
    ("automation", "Automation"),
    ("content", "Content and engagement"),
    ("roi", "ROI and unit economics"),
)

scope = filters.current()
st.title("All KPIs")
families.show_absent(scope.families)  # the KPIs of an absent family are listed, empty
st.caption(
    f"{scope.describe()} · computed from the facts by the same SQL as `socialkpi kpis` "
    "(a period's median is the median of its conversations)"
)


def formatted(row: pd.Series) -> str:
    """ratio '2.5%', minutes '4.2 min', seconds '12.3 s', times and scores '1.59', counts '1,234'."""
    return display.kpi_value(row["value"], row["unit"])


table = queries.all_kpis(**scope.query_args())
for section, title in SECTIONS:
    part = table[table["kpi_section"] == section]
    if part.empty:
        continue
    st.subheader(title)
    # Value first: on a phone the table scrolls sideways and the first columns are what fits on screen.
    shown = pd.DataFrame(
        {
            "Value": part.apply(formatted, axis=1),
            "KPI": part["kpi_label"],
            # numeric even when a whole section is empty (a family not loaded: every value NULL)
            "Numerator": pd.to_numeric(part["numerator"], errors="coerce").round(1),
            "Denominator": pd.to_numeric(part["denominator"], errors="coerce").round(1),
            "id": part["kpi"],
            # a filter the KPI cannot take (costs have no language) is said, not silently dropped
            "Note": part["note"].fillna(""),
        }
    )
    st.dataframe(
        display.styled(shown, {"Numerator": "{:,.1f}", "Denominator": "{:,.1f}"}),
        hide_index=True,
        width="stretch",
        height=ROW_PX * (len(shown) + 1) + 3,
        column_config={
            "Value": st.column_config.Column(width="small", pinned=True),
            "KPI": st.column_config.Column(width="medium"),
        },
    )
st.caption(
    "Rates are shares of their denominator; means show Σ and n as numerator and denominator; “—” means not "
    "defined for these filters (no denominator: nothing matched). A note names a filter a KPI cannot take: "
    "that KPI is shown for everything instead."
)
raw = pd.DataFrame(
    {
        "kpi": table["kpi"],
        "kpi_label": table["kpi_label"],
        "section": table["kpi_section"],
        "unit": table["unit"],
        "value": pd.to_numeric(table["value"], errors="coerce"),
        "numerator": pd.to_numeric(table["numerator"], errors="coerce"),
        "denominator": pd.to_numeric(table["denominator"], errors="coerce"),
        "note": table["note"],
    }
)
downloads.button(raw, f"kpis_{scope.start}_{scope.end}.csv", key="download_all_kpis")
