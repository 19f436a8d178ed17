"""The filters every page shares: period, platform, channel, language, in the sidebar and in the URL.

Every filter is written to `st.query_params` under its own name (codes, not labels:
`?period=2025-03-01&period=2025-03-14&platform=instagram&language=fr-CA`) and read back from it when a
session starts, so a view can be shared as a link. Filters at their default are left out of the URL (a link
without a period shows the latest weeks); values that do not fit the data (an unknown platform, dates outside
the data) are dropped.

Why not the widgets' own `bind="query-params"`: it writes the formatted labels ("French (Canada) · fr-CA")
into the URL, not the codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from lib import display, families, queries
from lib.warehouse import Snapshot

PERIOD, PLATFORM, CHANNEL, LANGUAGE = "period", "platform", "channel", "language"
FILTER_KEYS = (PERIOD, PLATFORM, CHANNEL, LANGUAGE)
DEFAULT_DAYS = 28
_SCOPE_KEY = "_socialkpi_scope"


@dataclass(frozen=True)
class Scope:
    """What the pages show: one published copy of the warehouse, one period, the filters chosen."""

    db: str
    version: int
    start: date
    end: date
    platforms: tuple[str, ...]
    channels: tuple[str, ...]
    languages: tuple[str, ...]
    first_date: date
    last_date: date
    families: tuple[str, ...] = ()  # the input families with rows (lib/families.py)

    def has(self, family: str) -> bool:
        return family in self.families

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def compare_start(self) -> date | None:
        """Start of the previous period of the same length, if the data covers all of it."""
        previous = self.start - timedelta(days=self.days)
        return previous if previous >= self.first_date else None

    def query_args(self) -> dict[str, Any]:
        """The plain arguments the cached queries take."""
        return {
            "db": self.db,
            "version": self.version,
            "start": self.start,
            "end": self.end,
            "platforms": self.platforms,
            "channels": self.channels,
            "languages": self.languages,
        }

    def describe(self) -> str:
        """One line naming the period and any narrowing filter."""
        parts = [display.period(self.start, self.end)]
        for codes, label in (
            (self.platforms, display.platform_label),
            (self.channels, display.channel_label),
            (self.languages, display.language_label),
        ):
            if codes:
                parts.append(", ".join(label(code) for code in codes))
        return " · ".join(parts)


def _reset() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)


def render_sidebar(snap: Snapshot) -> Scope | None:
    """Draw the filters in the sidebar and return the scope they select (None: no family has any rows).

    The period spans the conversations' dates, or, in a warehouse without conversations, the first present
    family's (lib/families.py); platforms are those of every present family, channels and languages those of
    the conversations (empty without them).
    """
    options = queries.inbox_options(snap.path, snap.version).iloc[0]
    loaded = families.loaded(snap.path, snap.version)
    period = families.data_period(loaded)
    if period is None:
        return None
    first, last = period
    default_period = (max(first, last - timedelta(days=DEFAULT_DAYS - 1)), last)
    choices = {key: _codes(options[f"{key}s"]) for key in (CHANNEL, LANGUAGE)}
    choices[PLATFORM] = sorted({*_codes(options["platforms"]), *families.platforms(loaded)})
    _seed_state(first, last, default_period, choices)

    with st.sidebar:
        st.header("Filters")
        picked = st.date_input(
            "Period",
            min_value=first,
            max_value=last,
            key=PERIOD,
            format="YYYY-MM-DD",
            help="Conversations count on the day of their first customer message. "
            f"Default: the last {DEFAULT_DAYS} days with data.",
        )
        platforms = st.multiselect(
            "Platform",
            choices[PLATFORM],
            key=PLATFORM,
            format_func=display.platform_label,
            placeholder="All platforms",
        )
        channels = st.multiselect(
            "Channel",
            choices[CHANNEL],
            key=CHANNEL,
            format_func=display.channel_label,
            placeholder="All channels",
        )
        languages = st.multiselect(
            "Language",
            choices[LANGUAGE],
            key=LANGUAGE,
            format_func=display.language_label,
            placeholder="All languages",
        )
        st.button("Reset filters", on_click=_reset, icon=":material/restart_alt:", width="stretch")
        st.caption(
            f"Data {display.period(first, last)}  \n"
            f"Published {snap.published_at:%Y-%m-%d %H:%M}  \n"
            "Filters are kept in the URL: copy it to share this view."
        )

    start, end = _period_bounds(picked, default_period)
    scope = Scope(
        db=snap.path,
        version=snap.version,
        start=start,
        end=end,
        platforms=tuple(platforms),
        channels=tuple(channels),
        languages=tuple(languages),
        first_date=first,
        last_date=last,
        families=families.present_families(loaded),
    )
    _write_url(scope, default_period)
    st.session_state[_SCOPE_KEY] = scope
    return scope


def _seed_state(
    first: date, last: date, default_period: tuple[date, date], choices: dict[str, list[str]]
) -> None:
    """Give each filter its value before its widget is drawn.

    A filter with no value yet (a new session, or after Reset) takes it from the URL, else its default. A
    filter that has one keeps it, trimmed to what the current data offers (a new publish may have fewer
    languages or other dates).
    """
    state = st.session_state
    if PERIOD not in state:
        state[PERIOD] = _clip_period(_url_dates(), first, last) or default_period
    else:
        state[PERIOD] = _clip_period(_as_pair(state[PERIOD]), first, last) or default_period
    for key, valid in choices.items():
        wanted = state[key] if key in state else st.query_params.get_all(key)
        state[key] = [v for v in dict.fromkeys(wanted) if v in valid]


def _write_url(scope: Scope, default_period: tuple[date, date]) -> None:
    """Mirror the filters in the URL (codes; defaults left out)."""
    params = st.query_params
    if (scope.start, scope.end) == default_period:
        params.pop(PERIOD, None)
    else:
        _set(PERIOD, [scope.start.isoformat(), scope.end.isoformat()])
    for key, values in ((PLATFORM, scope.platforms), (CHANNEL, scope.channels), (LANGUAGE, scope.languages)):
        if values:
            _set(key, list(values))
        else:
            params.pop(key, None)


def _set(key: str, values: list[str]) -> None:
    if st.query_params.get_all(key) != values:
        st.query_params[key] = values


def _url_dates() -> tuple[date, date] | None:
    try:
        dates = [date.fromisoformat(v) for v in st.query_params.get_all(PERIOD)]
    except ValueError:
        return None
    return (min(dates), max(dates)) if dates else None


def _as_pair(value: Any) -> tuple[date, date] | None:
    if isinstance(value, date):
        return value, value
    dates = [d for d in (value or ()) if d is not None]
    return (min(dates), max(dates)) if dates else None


def _clip_period(period: tuple[date, date] | None, first: date, last: date) -> tuple[date, date] | None:
    if period is None:
        return None
    start, end = max(period[0], first), min(period[1], last)
    return (start, end) if start <= end else None


def current() -> Scope:
    """The scope the entrypoint's sidebar selected in this run (pages call this)."""
    return st.session_state[_SCOPE_KEY]


def _codes(values: Any) -> list[str]:
    """A list() aggregate's values as text; over no rows (no conversations) it is NULL, i.e. none."""
    return [] if values is None or values is pd.NA or isinstance(values, float) else [str(v) for v in values]


def _period_bounds(picked: Any, default_period: tuple[date, date]) -> tuple[date, date]:
    """A date range from the widget: a half-picked range (one date) is that one day."""
    return _as_pair(picked) or default_period
