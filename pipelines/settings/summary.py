"""The run summary's lines about the settings used and where each currency conversion's rate came from."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb

from pipelines.settings.warehouse import SettingsReport

# (mart, what it counts): every converted amount records its rate's source in `currency_rate_source`.
CONVERTED = (("marts.fct_orders", "orders"), ("marts.fct_costs", "cost lines"))


def conversion_sources(warehouse: Path) -> dict[str, Counter[str]]:
    """Per mart, the number of amounts per rate source (user, ecb, ..., same currency, rejected)."""
    out: dict[str, Counter[str]] = {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        for table, label in CONVERTED:
            schema, name = table.split(".")
            exists = con.execute(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                [schema, name],
            ).fetchall()[0][0]
            if exists:
                rows = con.execute(
                    f"select coalesce(currency_rate_source, 'rejected: no rate'), count(*) from {table} group by 1"
                ).fetchall()
                out[label] = Counter(dict(rows))
    finally:
        con.close()
    return out


def settings_lines(report: SettingsReport | None, warehouse: Path) -> list[str]:
    if report is None:
        return []
    defaults = ", ".join(report.defaulted) if report.defaulted else "none"
    lines = [
        f"settings         {report.folder}",
        f"  defaults used for: {defaults}",
        f"  reporting currency {report.reporting_currency or '(none)'} ({report.reporting_currency_reason})",
        f"  holidays         {report.holidays} queue-days for {', '.join(map(str, report.holiday_years)) or 'no years'}",
    ]
    for label, counts in conversion_sources(warehouse).items():
        if counts:
            parts = ", ".join(f"{source} {n:,}" for source, n in sorted(counts.items()))
            lines.append(f"  currency of {label}: {parts}")
    if report.currencies_without_rate:
        lines.append(
            f"  no rate for {', '.join(report.currencies_without_rate)}: listed in "
            "reporting.rpt_revenue__currency_rejects (add them to currency_rates.csv)"
        )
    return lines
