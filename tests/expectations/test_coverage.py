"""Adding a mart, a report, a rate column or a KPI without its guards shows here, in review.

On the real warehouse of a sample run: every table of `marts` and `reporting` has a suite (or is listed in
`expectations.catalog.UNGUARDED` with the reason), every rate, share or ratio column of a wide table is named
by an expectation (itself or its derived `<column>_error`), every long KPI table (kpi, value, numerator,
denominator) has its registry-driven suite, and every KPI in the registry declares the bounds its checks use.
"""

from __future__ import annotations

from expectations.catalog import SUITES, UNGUARDED
from expectations.kpi_suites import KPI_MARTS
from tests.conftest import query

RATE_SUFFIXES = ("_rate", "_share", "_ratio")
# KPIs whose value can be anything, reviewed: every other KPI has bounds its checks use
UNBOUNDED_BY_DEFINITION = {
    "follower_growth": "followers lost outnumber followers gained in a bad week",
    "contribution_per_conversation": "value minus cost to serve is negative when serving costs more",
    "incremental_conversions": "a DM conversion rate that fell against the previous period gives fewer",
    "incremental_revenue": "a DM conversion rate that fell against the previous period loses revenue",
}
KPI_COLUMNS = {"kpi", "value", "numerator", "denominator"}


def suites_by_table() -> dict[str, list]:
    out: dict[str, list] = {}
    for make in SUITES:
        suite = make()
        out.setdefault(suite.meta["table"], []).append(suite)
    return out


def named_columns(suites: list) -> set[str]:
    names: set[str] = set()
    for suite in suites:
        for expectation in suite.expectations:
            kwargs = expectation.configuration.kwargs
            names.update(str(kwargs[key]) for key in ("column", "column_A", "column_B") if key in kwargs)
            names.update(kwargs.get("column_list", []))
    return names


def mart_columns(sample_run) -> dict[str, list[str]]:
    rows = query(
        sample_run.warehouse,
        "select table_schema || '.' || table_name, column_name from information_schema.columns "
        "where table_schema in ('marts', 'reporting') order by 1, ordinal_position",
    )
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def test_every_mart_and_report_has_a_suite(sample_run):
    guarded = suites_by_table()
    missing = [t for t in mart_columns(sample_run) if t not in guarded and t not in UNGUARDED]
    assert missing == [], f"tables without a GX suite (add one to expectations/catalog.py): {missing}"
    assert [t for t in UNGUARDED if t in guarded] == []


def test_every_rate_column_of_a_wide_table_has_an_expectation(sample_run):
    guarded = suites_by_table()
    unguarded = []
    for table, columns in mart_columns(sample_run).items():
        if table in UNGUARDED or set(columns) >= KPI_COLUMNS:
            continue
        named = named_columns(guarded.get(table, []))
        unguarded += [
            f"{table}.{column}"
            for column in columns
            if column.endswith(RATE_SUFFIXES) and column not in named and f"{column}_error" not in named
        ]
    assert unguarded == [], f"rate columns no expectation names: {unguarded}"


def test_every_long_kpi_table_has_its_registry_suite(sample_run):
    long_tables = [t for t, columns in mart_columns(sample_run).items() if set(columns) >= KPI_COLUMNS]
    assert long_tables and sorted(long_tables) == sorted(KPI_MARTS)


def test_every_kpi_declares_the_bounds_its_checks_use(sample_run):
    rows = query(
        sample_run.warehouse,
        "select kpi, unit, value_min, value_max, bounds_severity from marts.dim_kpis",
    )
    unbounded = [kpi for kpi, unit, low, high, severity in rows if severity is None]
    assert sorted(unbounded) == sorted(UNBOUNDED_BY_DEFINITION), "a KPI without bounds needs a reason here"
    shares = [
        kpi
        for kpi, unit, low, high, severity in rows
        if unit == "ratio" and low is None and kpi != "follower_growth_rate"
    ]
    assert shares == [], f"ratio KPIs without a lower bound: {shares}"
