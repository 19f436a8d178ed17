"""`costs/costs.csv`, the project's own small format: one row per month x category x (platform, campaign).

Support staff hours follow the human workload of the inbox; ad spend follows the campaigns. The TikTok
inbox tool bills in USD, which the warehouse must convert with a configured rate or reject.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from .calendar import CAMPAIGNS, END, HOUR_S, START, TIKTOK_BOT_FROM, local_epoch
from .writers import CsvFile

HEADER = ["month", "category", "platform", "campaign", "amount", "currency", "agent_hours"]
HOURLY_COST_CAD = 31.5
MINUTES_PER_HUMAN_MESSAGE = 7.0
BASE_HOURS = {
    "instagram": 120,
    "facebook": 70,
    "tiktok": 45,
    "youtube": 10,
    "linkedin": 12,
}  # coverage, at scale 1
DAILY_AD_BUDGET = {"instagram": 95.0, "facebook": 70.0, "tiktok": 55.0}  # CAD per campaign day, at scale 1
ALWAYS_ON = {"instagram": 900.0, "facebook": 650.0, "tiktok": 300.0}  # CAD per month, at scale 1
WRITTEN = local_epoch(date(2026, 11, 1), 12 * HOUR_S)


def _months() -> list[str]:
    out, day = [], START
    while day <= END:
        month = day.strftime("%Y-%m")
        if month not in out:
            out.append(month)
        day += timedelta(days=1)
    return out


def _campaign_days(campaign_start: date, campaign_end: date, month: str) -> int:
    days, day = 0, campaign_start
    while day <= campaign_end:
        days += day.strftime("%Y-%m") == month
        day += timedelta(days=1)
    return days


def write_costs(
    out_dir: Path, seed: int, scale: float, human_messages: dict[tuple[str, str], int]
) -> dict[str, int]:
    rng = random.Random(f"{seed}:costs")
    out = CsvFile(out_dir / "costs/costs.csv", HEADER, WRITTEN, bom=False, newline="\n")
    for month in _months():
        for platform, base in BASE_HOURS.items():
            messages = human_messages.get((month, platform), 0)
            hours = round(base * scale + messages * MINUTES_PER_HUMAN_MESSAGE / 60, 1)
            out.write(
                [
                    month,
                    "support_staff",
                    platform,
                    "",
                    f"{hours * HOURLY_COST_CAD:.2f}",
                    "CAD",
                    f"{hours:.1f}",
                ]
            )
        for platform in ("instagram", "facebook", "tiktok"):
            if platform == "tiktok" and month < TIKTOK_BOT_FROM.strftime("%Y-%m"):
                continue
            seats = 89.0 + 0.03 * sum(
                v for (m, p), v in human_messages.items() if m == month and p == platform
            )
            currency = "USD" if platform == "tiktok" else "CAD"  # the TikTok inbox tool bills in USD
            out.write([month, "automation_tooling", platform, "", f"{seats:.2f}", currency, ""])
        for platform, budget in DAILY_AD_BUDGET.items():
            out.write([month, "ad_spend", platform, "", f"{ALWAYS_ON[platform] * scale * rng.uniform(0.9, 1.1):.2f}",
                       "CAD", ""])  # fmt: skip
            for campaign in CAMPAIGNS:
                days = _campaign_days(campaign.start, campaign.end, month)
                if days:
                    amount = budget * days * campaign.volume_lift * scale * rng.uniform(0.9, 1.1)
                    out.write([month, "ad_spend", platform, campaign.name, f"{amount:.2f}", "CAD", ""])
        out.write(
            [month, "other", "", "", f"{1800 * scale * rng.uniform(0.8, 1.3):.2f}", "CAD", ""]
        )  # content
    out.close()
    return {"costs/costs.csv": out.rows}
