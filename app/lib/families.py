"""Which input families the published warehouse holds, and what every page says about the ones it lacks.

Every family of the landing folder is optional (issue 11): a user may drop in only content exports, only
commerce exports, only events, or any mix. The warehouse then still builds, with the marts of an absent
family empty. The app must show what exists and say on every page what is absent and how to add it, never
refuse to open or fail: a user who loaded only Instagram exports should see their content KPIs, with one line
saying the inbox is empty because no events were loaded.

A family is present when one of its marts has a row. A mart missing from the file (a warehouse built by an
older version) counts as empty, not as an error: the page that needs it says so itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from lib import warehouse

TTL_S = 60


@dataclass(frozen=True)
class Family:
    key: str
    # (table, date column, platform column or None): the marts that hold the family's rows
    tables: tuple[tuple[str, str, str | None], ...]
    absent: str  # the sentence every page shows when the family has no rows


CONVERSATIONS = Family(
    "conversations",
    (("reporting.rpt_inbox__daily", "conversation_date", "platform"),),
    "No conversations loaded: add events/ files (docs/inputs.md) to see the inbox, comment and automation KPIs.",
)
# Content is judged by its posts only: fct_account_daily gets a row per follower anchor of the settings even
# when no content export was loaded, so its rows do not prove that any export was. Its dates are the posts'
# publish dates: a lifetime snapshot's metric date is the day it was taken, which may be weeks after the
# last day the content KPIs cover.
CONTENT = Family(
    "content",
    (("marts.fct_post_daily", "published_on", "platform"),),
    "No content exports loaded: add content/<platform>/ exports from Meta Business Suite, TikTok Studio, "
    "YouTube Studio or LinkedIn (docs/inputs.md) to see the content KPIs.",
)
COMMERCE = Family(
    "commerce",
    (("marts.fct_orders", "order_date", None),),
    "No orders loaded: add commerce/ files (Shopify orders export, HubSpot; docs/inputs.md) to see revenue "
    "and ROI.",
)
COSTS = Family(
    "costs",
    (("marts.fct_costs", "cost_month", "platform"),),
    "No costs loaded: add costs/costs.csv (docs/inputs.md) to see cost per conversation and ROI.",
)
# In this order a family's dates set the sidebar's period when the ones before it are absent: the period
# filter is about conversation dates first (the inbox), then content days, then orders, then cost months.
FAMILIES = (CONVERSATIONS, CONTENT, COMMERCE, COSTS)


@st.cache_data(ttl=TTL_S, show_spinner=False)
def loaded(db: str, version: int) -> pd.DataFrame:
    """One row per family (in FAMILIES order): rows, first_date, last_date and the platforms it holds."""
    tables = set(
        warehouse.query(
            db, "select table_schema || '.' || table_name as name from information_schema.tables"
        )["name"]
    )
    rows = []
    for family in FAMILIES:
        parts = []
        for table, date_column, platform_column in family.tables:
            if table not in tables:
                continue
            platforms = f"list(distinct {platform_column})" if platform_column else "[]::varchar[]"
            parts.append(
                warehouse.query(
                    db,
                    f"select count(*) as n, min({date_column})::date as first_date, "
                    f"max({date_column})::date as last_date, {platforms} as platforms from {table}",
                ).iloc[0]
            )
        present = [part for part in parts if part["n"] > 0]
        rows.append(
            {
                "family": family.key,
                "rows": int(sum(part["n"] for part in parts)),
                "first_date": min((part["first_date"] for part in present), default=None),
                "last_date": max((part["last_date"] for part in present), default=None),
                "platforms": sorted({str(p) for part in present for p in part["platforms"] if p is not None}),
            }
        )
    return pd.DataFrame(rows, columns=["family", "rows", "first_date", "last_date", "platforms"])


def present_families(table: pd.DataFrame) -> tuple[str, ...]:
    return tuple(table.loc[table["rows"] > 0, "family"])


def data_period(table: pd.DataFrame) -> tuple[date, date] | None:
    """The first present family's (first, last) date, in FAMILIES order; None when nothing is loaded."""
    present = table[table["rows"] > 0]
    if present.empty:
        return None
    first = present.iloc[0]
    return _as_date(first["first_date"]), _as_date(first["last_date"])


def platforms(table: pd.DataFrame) -> list[str]:
    """Every platform any present family holds (the sidebar's platform choices)."""
    return sorted({p for values in table.loc[table["rows"] > 0, "platforms"] for p in values})


def show_absent(present: tuple[str, ...]) -> None:
    """One line per absent family, with how to add it (every page calls this under its title)."""
    for family in FAMILIES:
        if family.key not in present:
            st.info(family.absent, icon=":material/folder_off:")


def _as_date(value: object) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[return-value]
