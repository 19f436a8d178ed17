"""Several accounts of one platform in one landing, end to end: two TikTok accounts and two Facebook Pages
(each in a folder of its own) exporting the same days, one Instagram account without a folder, per-account
follower anchors, and HubSpot deals in three currencies reported in euros.

One real run (load → dbt build → checks → publish) of a small 2017 landing; every expected figure is worked
out here from the rows written, never read back from the warehouse. Layouts as the platforms write them:
TikTok Studio's CSVs (every field quoted, year-less `March 6` dates), Meta Business Suite's post export (UTF-8
BOM, CRLF) and account-level export (UTF-16 with BOM, `sep=,`, a title line), HubSpot's deals export (every
field quoted; `Currency` appears once an account has a second currency).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tests.conftest import query, socialkpi
from tests.e2e.own_landing import ecb_rates

DAYS = [date(2017, 3, 5), date(2017, 3, 6), date(2017, 3, 7)]
DOWNLOADED = datetime(2017, 3, 8, 9, 0)

# TikTok reports the level: account -> followers at the end of each day of DAYS, and TikTok's own difference
TIKTOK = {
    "brand_ca": ([1000, 1004, 1010], [2, 4, 6]),
    "brand_fr": ([500, 498, 503], [-1, -2, 5]),
}
# Facebook reports the day's new follows only: folder -> (Page name in its post export, gains per day of DAYS)
FACEBOOK = {
    "maple": ("Maple Studio", [5, 3, 0]),
    "birch": ("Birch Works", [11, 0, 2]),
}
FB_POSTS = {  # Page name -> (post id, publish time as Meta writes it, views, reactions)
    "Maple Studio": ("104000000000001_900000000000011", "03/06/2017 10:00", 1200, 30),
    "Birch Works": ("104000000000002_900000000000021", "03/06/2017 11:00", 800, 12),
}
INSTAGRAM_GAINS = [1, 2, 3]  # one account, no account folder: account ''
# follower_anchors.csv: Maple Studio's own anchor; one without an account for Facebook (two Pages: it cannot
# be placed, so Birch Works' level stays unknown) and one for Instagram (one account: it applies)
ANCHORS = [
    ("facebook", "Maple Studio", date(2017, 3, 5), 2000),
    ("facebook", "", date(2017, 3, 6), 700),
    ("instagram", "", date(2017, 3, 5), 300),
]
REPORTING_CURRENCY = "EUR"
# HubSpot deals: (record id, stage, close date, amount, currency); a second export without `Currency`
DEALS_WITH_CURRENCY = [
    ("7101", "Closed Won", date(2017, 3, 6), "1250.50", "EUR"),
    ("7102", "Closed Won", date(2017, 3, 6), "980.00", "USD"),
    ("7103", "Closed Won", date(2017, 3, 7), "415.50", "GBP"),
]
DEALS_WITHOUT_CURRENCY = [("7201", "Closed Won", date(2017, 3, 7), "300.00")]


def anchor_levels(gains: list[int], anchor_day: date, anchor: int) -> list[int]:
    """anchor + the gains since the anchor day (minus those after a day, before the anchor)."""
    cumulative = [sum(gains[: i + 1]) for i in range(len(gains))]
    at_anchor = cumulative[DAYS.index(anchor_day)]
    return [anchor + c - at_anchor for c in cumulative]


def expected_account_rows() -> list[tuple]:
    """(platform, account, day, followers, change, at day start, method, missing reason), sorted."""
    rows = []
    for account, (levels, differences) in TIKTOK.items():
        for i, day in enumerate(DAYS):
            change = differences[0] if i == 0 else levels[i] - levels[i - 1]
            rows.append(("tiktok", account, day, levels[i], change, levels[i] - change, "reported", None))
    maple_levels = anchor_levels(FACEBOOK["maple"][1], date(2017, 3, 5), 2000)
    birch_reason = "no anchor for account 'Birch Works' in follower_anchors.csv"
    for day, level, gain in zip(DAYS, maple_levels, FACEBOOK["maple"][1], strict=True):
        rows.append(("facebook", "Maple Studio", day, level, gain, level - gain, "anchor_plus_gains", None))
    for day, gain in zip(DAYS, FACEBOOK["birch"][1], strict=True):
        rows.append(("facebook", "Birch Works", day, None, gain, None, None, birch_reason))
    instagram_levels = anchor_levels(INSTAGRAM_GAINS, date(2017, 3, 5), 300)
    for day, level, gain in zip(DAYS, instagram_levels, INSTAGRAM_GAINS, strict=True):
        rows.append(("instagram", "", day, level, gain, level - gain, "anchor_plus_gains", None))
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def quoted(rows: list[list[object]], newline: str = "\n") -> str:
    return "".join(",".join(f'"{cell}"' for cell in row) + newline for row in rows)


def account_export(title: str, values: list[int]) -> bytes:
    """Meta's account-level export: UTF-16LE with BOM, `sep=,`, the title line, every field quoted, CRLF."""
    rows = [[f"{day.isoformat()}T00:00:00", value] for day, value in zip(DAYS, values, strict=True)]
    text = "sep=,\r\n" + quoted([[title], ["Date", "Primary"], *rows], "\r\n")
    return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")


FB_HEADER = (
    "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,Permalink,Is crosspost,"
    "Is share,Post type,Languages,Custom labels,Funded content status,Data comment,Date,Views,Reach,"
    '"Reactions, Comments and Shares",Reactions,Comments,Shares,Total clicks,Other Clicks'
)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (DOWNLOADED.timestamp(), DOWNLOADED.timestamp()))


def write_landing(landing: Path) -> None:
    for account, (levels, differences) in TIKTOK.items():
        rows = [["Date", "Followers", "Difference in followers from previous day"]]
        rows += [
            [f"{d:%B} {d.day}", level, diff] for d, level, diff in zip(DAYS, levels, differences, strict=True)
        ]
        write(landing / "content" / "tiktok" / account / "FollowerHistory.csv", quoted(rows).encode())
    for folder, (page, gains) in FACEBOOK.items():
        post_id, published, views, reactions = FB_POSTS[page]
        page_id = post_id.split("_")[0]
        post = (
            f"{post_id},{page_id},{page},A title,A post made for the test,,{published},,"
            f"https://www.facebook.com/{post_id[-6:]},No,No,Photos,,,,,Lifetime,{views},{views},{reactions},"
            f"{reactions},0,0,,"
        )
        write(landing / "content" / "facebook" / folder / "Mar-01-2017_Mar-07-2017_1001.csv",
              ("\ufeff" + FB_HEADER + "\r\n" + post + "\r\n").encode("utf-8"))  # fmt: skip
        write(landing / "content" / "facebook" / folder / "Mar-01-2017_Mar-07-2017_Facebook_follows.csv",
              account_export("Facebook follows", gains))  # fmt: skip
    write(landing / "content" / "instagram" / "Mar-01-2017_Mar-07-2017_Instagram_follows.csv",
          account_export("Instagram follows", INSTAGRAM_GAINS))  # fmt: skip
    deals = [["Record ID", "Deal Name", "Deal Stage", "Close Date", "Amount", "Currency", "Pipeline"]]
    deals += [
        [i, f"Deal {i}", s, f"{d} 15:00", a, c, "Sales Pipeline"] for i, s, d, a, c in DEALS_WITH_CURRENCY
    ]
    write(landing / "commerce" / "hubspot-crm-exports-all-deals-2017-03-08.csv", quoted(deals).encode())
    single = [["Record ID", "Deal Name", "Deal Stage", "Close Date", "Amount", "Pipeline"]]
    single += [
        [i, f"Deal {i}", s, f"{d} 15:00", a, "Sales Pipeline"] for i, s, d, a in DEALS_WITHOUT_CURRENCY
    ]
    write(landing / "commerce" / "hubspot-crm-exports-won-deals-2017-03-08.csv", quoted(single).encode())
    settings = landing / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "settings.toml").write_text(
        f'reporting_currency = "{REPORTING_CURRENCY}"\n', encoding="utf-8"
    )
    anchors = "platform,account,as_of_date,followers,note\n" + "".join(
        f"{p},{a},{d},{f},read in the app\n" for p, a, d, f in ANCHORS
    )
    (settings / "follower_anchors.csv").write_text(anchors, encoding="utf-8")


@dataclass(frozen=True)
class Run:
    warehouse: Path
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def accounts_run(tmp_path_factory) -> Run:
    base = tmp_path_factory.mktemp("accounts")
    landing, warehouse = base / "landing", base / "warehouse" / "socialkpi.duckdb"
    write_landing(landing)
    run = socialkpi("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return Run(warehouse, run.returncode, run.stdout, run.stderr)


def test_the_landing_builds_checks_and_publishes(accounts_run):
    assert accounts_run.returncode == 0, accounts_run.stderr[-4000:]


def test_each_account_has_its_own_followers_and_anchor(accounts_run):
    rows = query(
        accounts_run.warehouse,
        "select platform, account, metric_date, followers, follower_change, followers_at_day_start, "
        "followers_method, followers_missing_reason from marts.fct_account_daily order by 1, 2, 3",
    )
    assert rows == expected_account_rows()


def test_a_post_takes_the_followers_of_its_own_page_at_publish(accounts_run):
    maple = anchor_levels(FACEBOOK["maple"][1], date(2017, 3, 5), 2000)
    rows = query(
        accounts_run.warehouse,
        "select account, post_id, followers_at_publish from marts.dim_posts where platform = 'facebook' "
        "order by 1",
    )
    assert rows == [
        ("Birch Works", FB_POSTS["Birch Works"][0], None),  # no anchor of its own: unknown, not Maple's
        ("Maple Studio", FB_POSTS["Maple Studio"][0], maple[DAYS.index(date(2017, 3, 6))]),
    ]
    assert query(
        accounts_run.warehouse,
        "select account, post_id, views from marts.fct_post_daily where platform = 'facebook' and views <> 0 "
        "order by 1",
    ) == [(page, FB_POSTS[page][0], FB_POSTS[page][2]) for page in ("Birch Works", "Maple Studio")]


def test_kpis_by_account_never_add_one_accounts_level_to_anothers(accounts_run):
    result = socialkpi(
        "kpis", "--warehouse", str(accounts_run.warehouse), "--by", "platform,account",
        "--kpi", "followers,follower_growth", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    got = {(r["kpi"], r["platform"], r["account"]): r["value"] for r in json.loads(result.stdout)}
    maple = anchor_levels(FACEBOOK["maple"][1], date(2017, 3, 5), 2000)
    instagram = anchor_levels(INSTAGRAM_GAINS, date(2017, 3, 5), 300)
    assert got == {
        ("followers", "facebook", "Birch Works"): None,
        ("followers", "facebook", "Maple Studio"): maple[-1],
        ("followers", "instagram", ""): instagram[-1],
        ("followers", "tiktok", "brand_ca"): TIKTOK["brand_ca"][0][-1],
        ("followers", "tiktok", "brand_fr"): TIKTOK["brand_fr"][0][-1],
        ("follower_growth", "facebook", "Birch Works"): sum(FACEBOOK["birch"][1]),
        ("follower_growth", "facebook", "Maple Studio"): sum(FACEBOOK["maple"][1]),
        ("follower_growth", "instagram", ""): sum(INSTAGRAM_GAINS),
        # the first day's change is TikTok's own difference, then the level's day-to-day change
        ("follower_growth", "tiktok", "brand_ca"): TIKTOK["brand_ca"][1][0] + 1010 - 1000,
        ("follower_growth", "tiktok", "brand_fr"): TIKTOK["brand_fr"][1][0] + 503 - 500,
    }
    # per platform, the end-of-period levels of its accounts add up (a total of levels at one moment)
    total = socialkpi(
        "kpis", "--warehouse", str(accounts_run.warehouse), "--by", "platform", "--kpi", "followers",
        "--format", "json",
    )  # fmt: skip
    levels = {r["platform"]: r["value"] for r in json.loads(total.stdout)}
    assert levels["tiktok"] == 1010 + 503


def test_deal_amounts_are_converted_into_the_reporting_currency_at_the_ecb_rate_of_their_close_day(
    accounts_run,
):
    expected = []
    for deal_id, _, day, amount, currency in DEALS_WITH_CURRENCY:
        per_euro = Decimal(1) if currency == REPORTING_CURRENCY else ecb_rates(day)[currency]
        converted = (Decimal(amount) / per_euro).quantize(Decimal("0.01"), ROUND_HALF_UP)
        source = "same currency" if currency == REPORTING_CURRENCY else "ecb"
        expected.append((deal_id, currency, "export", Decimal(amount), source, REPORTING_CURRENCY, converted))
    for deal_id, _, _, amount in DEALS_WITHOUT_CURRENCY:  # no `Currency`: taken to be in euros
        expected.append((deal_id, "EUR", "assumed", Decimal(amount), "same currency", "EUR", Decimal(amount)))
    assert (
        query(
            accounts_run.warehouse,
            "select deal_id, original_currency_code, currency_source, original_amount, currency_rate_source, "
            "currency_code, deal_amount from marts.fct_deals order by 1",
        )
        == expected
    )
    notes = query(
        accounts_run.warehouse,
        "select relative_path, notes from raw.landing_files where relative_path like 'commerce/%' order by 1",
    )
    assert notes[1][0] == "commerce/hubspot-crm-exports-won-deals-2017-03-08.csv"
    assert (
        "no `Currency` column in this export: every deal amount is taken to be in the reporting currency"
        in (notes[1][1])
    )
