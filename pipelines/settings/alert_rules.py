"""alert_rules.csv: the thresholds of the alerts and of the pause-automation recommendation (kpis.md §9).

The rules themselves are fixed (what each measures is defined once, in models/marts/alerts/); the user edits
their thresholds, severities, scopes and the minimum volume a window needs before a rule is judged. With no
file, the spec's defaults below apply; a file replaces them all (a rule left out is off). Several rows of one
rule give several severities (warning at 10 %, critical at 20 %) or scopes (stricter for fr-CA); for a
platform × language the most specific row of each rule × severity applies.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from pipelines.settings.errors import SettingsError
from pipelines.settings.rows import SettingsRow, Text

ALERT_RULES = "alert_rules.csv"

# rule id -> (what it measures and when it fires, the spec's default threshold, default severity)
RULES: dict[str, tuple[str, Decimal, str]] = {
    "slow_first_response": (
        "share of the day's conversations with FRT > 60 min (or unanswered after 60 min) > threshold",
        Decimal("0.10"),
        "critical",
    ),
    "conversion_rate_drop": (
        "social conversion rate, last 7 days ÷ the 7 before − 1 ≤ threshold",
        Decimal("-0.20"),
        "critical",
    ),
    "negative_sentiment": (
        "share of the day's sentiment-labelled comments that are negative > threshold",
        Decimal("0.05"),
        "warning",
    ),
    "dm_waiting": (
        "longest wait, in hours, of a DM without a first response on the day > threshold",
        Decimal("24"),
        "critical",
    ),
    "comment_volume_spike": (
        "comments, last 7 days ÷ the 7 before − 1 ≥ threshold",
        Decimal("0.50"),
        "warning",
    ),
    "csat_drop": ("mean CSAT, last 7 days ÷ the 7 before − 1 ≤ threshold", Decimal("-0.10"), "warning"),
    "pause_negative_sentiment": (
        "pause automation: negative share of the last 7 days' comments > threshold",
        Decimal("0.10"),
        "critical",
    ),
    "pause_conversion_drop": (
        "pause automation: social conversion rate of the last 7 days < threshold × its 30-day baseline",
        Decimal("0.50"),
        "critical",
    ),
}
RuleId = Literal[
    "slow_first_response",
    "conversion_rate_drop",
    "negative_sentiment",
    "dm_waiting",
    "comment_volume_spike",
    "csat_drop",
    "pause_negative_sentiment",
    "pause_conversion_drop",
]


class AlertRuleRow(SettingsRow):
    """One threshold of one rule, for a scope (empty platform / language = every one)."""

    rule: RuleId
    threshold: Decimal
    severity: Literal["warning", "critical"]
    platform: Literal["instagram", "facebook", "tiktok", "youtube", "linkedin", "x"] | None = None
    language: str | None = None
    # the fewest conversations / comments / ratings a window needs before the rule judges it
    min_volume: int = Field(default=1, ge=1)
    note: Text | None = None


def default_rules() -> list[AlertRuleRow]:
    return [
        AlertRuleRow(rule=rule, threshold=threshold, severity=severity)  # type: ignore[arg-type]
        for rule, (_, threshold, severity) in RULES.items()
    ]


def check_rules(rows: list) -> None:
    """One row per rule × severity × scope: two would leave the most specific row undecided."""
    seen: dict[tuple, int] = {}
    for numbered in rows:
        row: AlertRuleRow = numbered.row
        key = (row.rule, row.severity, row.platform, (row.language or "").lower())
        if key in seen:
            raise SettingsError(
                ALERT_RULES,
                f"rule {row.rule}: the same severity and scope as row {seen[key]}",
                numbered.line,
                "severity",
            )
        seen[key] = numbered.line
