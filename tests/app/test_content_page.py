"""The Content page (and the All KPIs page's content section) under AppTest, on the hand-written content
marts of content_fixture.py: the numbers asserted here are those rows, formatted."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import pyarrow as pa
from content_fixture import ALL_KPIS_CONTENT, WEEK_1, WEEK_2
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

if TYPE_CHECKING:
    from conftest import FixtureWarehouse

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
CONTENT = "app_pages/content.py"
TIMEOUT_S = 30


def open_page(page: str, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=TIMEOUT_S)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headline(at: AppTest, platform: str) -> Block | None:
    """The block of one platform's headline numbers, or None when the page shows none for it."""
    for node in at.main:
        if isinstance(node, Block) and node.key == f"content_headline_{platform}":
            return node
    return None


def metrics(block: Block) -> dict[str, str]:
    return {m.label: m.value for m in block.metric}


def texts(block: Block) -> str:
    return "\n".join([m.value for m in block.markdown] + [c.value for c in block.caption])


def table(at: AppTest, first_column: str, second_column: str) -> list[tuple]:
    for frame in at.dataframe:
        value = frame.value
        if list(value.columns[:2]) == [first_column, second_column]:
            return list(value.itertuples(index=False))
    raise AssertionError(f"no table with columns {first_column}, {second_column}")


def calendar_mode(at: AppTest) -> AppTest:
    """Switch the headline from the sidebar's period to calendar months and weeks (with benchmark badges)."""
    at.toggle(key="content_calendar").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_headline_covers_exactly_the_sidebar_period(serving_warehouse: FixtureWarehouse) -> None:
    """The default headline is the sidebar's period (3 – 16 Mar), not the calendar month: from the registry,
    over the posts published in it (content_fixture.POST_DAILY: Instagram ig_1, 250 ÷ 10,000)."""
    at = open_page(CONTENT)

    assert at.toggle(key="content_calendar").value is False
    assert at.subheader[0].value == "3 – 16 Mar 2025"
    instagram = headline(at, "instagram")
    assert metrics(instagram)["ER by impressions"] == "2.50%"
    # the month's mart says 4: the other posts of March are not in the fixture's post facts for the period
    assert metrics(instagram)["Posts"] == "1"
    assert "badge" not in texts(instagram)

    at = open_page(CONTENT, {"period": ["2025-03-06", "2025-03-16"]})
    assert at.subheader[0].value == "6 – 16 Mar 2025"
    assert headline(at, "instagram") is None or metrics(headline(at, "instagram"))["Posts"] in ("0", "—")


def test_monthly_headline_per_platform(serving_warehouse: FixtureWarehouse) -> None:
    at = calendar_mode(open_page(CONTENT))

    assert at.title[0].value == "Content"
    assert at.toggle(key="content_weekly").value is False
    assert at.selectbox(key="content_period_month").options == ["March 2025"]  # February is before the period
    assert [p for p in ("instagram", "facebook", "tiktok", "youtube", "linkedin") if headline(at, p)] == [
        "instagram",
        "facebook",
        "tiktok",
        "youtube",
    ]

    instagram = headline(at, "instagram")
    assert metrics(instagram) == {
        "ER by impressions": "2.50%",  # kpis.md golden: 250 ÷ 10,000
        "ER by followers": "0.50%",  # 250 ÷ 50,000
        "Posts": "4",
        "Followers": "50,000",
        "Follower growth": "+1,200",
    }
    assert instagram.metric[4].delta == "+2.46%"
    assert ":blue-badge[Within benchmark] 1.0–5.0%" in texts(instagram)
    assert "250 ÷ 10,000" in texts(instagram)

    facebook = headline(at, "facebook")
    assert metrics(facebook)["ER by impressions"] == "3.12%"
    assert metrics(facebook)["Follower growth"] == "-15"
    assert ":green-badge[Above benchmark] 0.5–3.0%" in texts(facebook)
    assert ":orange-badge[Below benchmark] 0.1–1.0%" in texts(facebook)

    tiktok = headline(at, "tiktok")
    assert metrics(tiktok)["ER by views"] == "10.00%"  # TikTok's primary KPI: by views
    assert metrics(tiktok)["ER by followers"] == "2.00%"
    assert (
        "Creator tier 10k–100k followers: :green-badge[Excellent] (9.00% by views, without saves)"
        in texts(tiktok)
    )

    # YouTube reports no engagement: its rates read "—", never 0, and say why.
    youtube = headline(at, "youtube")
    assert metrics(youtube)["ER by views"] == "—"
    assert metrics(youtube)["ER by followers"] == "—"
    assert metrics(youtube)["Posts"] == "1"
    assert "Not reported by the platform" in texts(youtube)
    assert "badge" not in texts(youtube)

    assert any("impressions are Meta's Views series" in c.value for c in at.caption)
    assert not at.error and not at.warning


def test_weekly_toggle(serving_warehouse: FixtureWarehouse) -> None:
    at = calendar_mode(open_page(CONTENT))

    at.toggle(key="content_weekly").set_value(True).run()

    assert not at.exception
    weeks = at.selectbox(key="content_period_week")
    assert weeks.value == WEEK_2  # the latest week first
    assert weeks.options == ["Week of 10 – 16 Mar 2025", "Week of 3 – 9 Mar 2025"]
    instagram = headline(at, "instagram")
    assert metrics(instagram)["ER by impressions"] == "0.75%"
    assert metrics(instagram)["ER by followers"] == "—"  # no row for that week
    assert ":orange-badge[Below benchmark]" in texts(instagram)
    assert headline(at, "tiktok") is None

    weeks.set_value(WEEK_1).run()

    assert metrics(headline(at, "instagram"))["ER by impressions"] == "1.80%"
    assert metrics(headline(at, "instagram"))["Posts"] == "2"


def test_trend_and_week_over_week(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page(CONTENT)

    assert len(at.get("vega_lite_chart")) == 1
    wow = table(at, "Platform", "7 days to")
    # The latest 7-day window per platform; the older window and the 1-day window are not it.
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in wow][0] == ("Instagram", 850, 70.0, 2, 100.0)
    tiktok = wow[1]
    assert (tiktok[0], tiktok[2], tiktok[4]) == ("TikTok", 300, 1)
    assert tiktok[3] != tiktok[3] and tiktok[5] != tiktok[5]  # NaN: no change where the week before had none


def test_top_posts_published_in_the_period(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page(CONTENT)

    posts = table(at, "Platform", "Post")
    assert [(p[1], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]) for p in posts] == [
        ("ig_2", "Image", "Untagged", 10_000, 600, 6.0, "impressions", "Above benchmark", "Mostly followers"),
        (
            "tt_1",
            "Short video",
            "Spring sale",
            3_000,
            300,
            10.0,
            "views",
            "Within benchmark",
            "Mostly followers",
        ),
        (
            "ig_1",
            "Carousel",
            "Spring sale",
            12_000,
            250,
            2.5,
            "impressions",
            "Within benchmark",
            "Mostly followers",
        ),
    ]  # fb_old, published in February, is not in the period


def test_by_campaign_and_content_type(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page(CONTENT)

    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in table(at, "Platform", "Campaign")] == [
        ("Instagram", "Spring sale", 2.5, "impressions", "Within benchmark", 1),
        ("Instagram", "Untagged", 6.0, "impressions", "Above benchmark", 1),
        ("TikTok", "Spring sale", 10.0, "views", "Within benchmark", 1),
    ]
    assert [(r[0], r[1], r[2]) for r in table(at, "Platform", "Content type")] == [
        ("Instagram", "Carousel", 2.5),
        ("Instagram", "Image", 6.0),
        ("TikTok", "Short video", 10.0),
    ]


def test_sidebar_platform_and_period_apply(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page(CONTENT, {"platform": "instagram", "period": ["2025-03-03", "2025-03-08"]})

    assert headline(at, "instagram") is not None
    assert headline(at, "facebook") is None and headline(at, "tiktok") is None
    assert [p[1] for p in table(at, "Platform", "Post")] == ["ig_1"]
    assert [r[0] for r in table(at, "Platform", "Campaign")] == ["Instagram", "Instagram"]

    calendar_mode(at).toggle(key="content_weekly").set_value(True).run()
    assert at.selectbox(key="content_period_week").options == ["Week of 3 – 9 Mar 2025"]


def test_all_kpis_page_has_a_content_section(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page("app_pages/all_kpis.py")

    assert "Content and engagement" in [s.value for s in at.subheader]
    shown = {row["id"]: row for frame in at.dataframe for row in frame.value.to_dict("records")}
    assert {kpi: shown[kpi]["Value"] for kpi in ALL_KPIS_CONTENT} == ALL_KPIS_CONTENT


def test_content_page_without_content_marts(serving_warehouse: FixtureWarehouse) -> None:
    con = duckdb.connect(str(serving_warehouse.path))
    con.execute("drop table reporting.rpt_content__platform_period_kpis")
    con.close()

    at = open_page(CONTENT)

    assert "no content KPIs yet" in at.warning[0].value
    assert "rpt_content__platform_period_kpis" in at.warning[0].value
    assert not at.metric


def _chart_rows(chart) -> pd.DataFrame:
    """The data a Vega-Lite chart was sent with (Arrow IPC in the element's dataset)."""
    (dataset,) = chart.proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def test_trend_lines_break_on_days_without_data(serving_warehouse: FixtureWarehouse) -> None:
    """The fixture's rolling rates cover 10–16 March only; over the sidebar's 3–16 March the line must leave
    3–9 March empty (a gap), not draw from nothing: every day is sent, the days without data as nulls, and
    the line mark breaks its path at them."""
    at = open_page(CONTENT)

    (chart,) = at.get("vega_lite_chart")
    assert json.loads(chart.proto.spec)["mark"]["invalid"] == "break-paths-show-domains"
    rows = _chart_rows(chart)
    for platform in ("Instagram", "TikTok"):
        series = rows[rows["platform_label"] == platform].sort_values("window_end_date")
        days = pd.to_datetime(series["window_end_date"]).dt.date.tolist()
        assert days == [date(2025, 3, 3) + timedelta(days=i) for i in range(14)]
        assert series["value"].isna().tolist() == [True] * 7 + [False] * 7
