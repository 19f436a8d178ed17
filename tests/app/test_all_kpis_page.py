"""The All KPIs page under AppTest on the fixture's small registry (content_fixture.DIM_KPIS): filters that match
no conversation, the value column first (what a phone shows), "—" rather than "None", and CSV downloads of the
raw numbers rather than the formatted text."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

if TYPE_CHECKING:
    from conftest import FixtureWarehouse

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
PAGE = "app_pages/all_kpis.py"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """file name -> bytes of every st.download_button the page draws (caught where Streamlit stores them)."""
    caught: dict[str, bytes] = {}
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            caught[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return caught


def open_page(query_params: dict[str, str | list[str]] | None = None, page: str = PAGE) -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=30)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rows(at: AppTest) -> dict[str, dict]:
    return {row["id"]: row for frame in at.dataframe for row in frame.value.to_dict("records")}


def test_value_is_the_first_column(serving_warehouse: FixtureWarehouse) -> None:
    at = open_page()

    for frame in at.dataframe:
        assert list(frame.value.columns)[:2] == ["Value", "KPI"]
    want = serving_warehouse.kpis()
    assert rows(at)["response_rate"]["Value"] == f"{want['response_rate']:.1%}"


@pytest.mark.parametrize(
    "params",
    [
        {"platform": "tiktok", "channel": "dm"},  # TikTok has posts but no conversation: nothing matches
        {
            "platform": "facebook",
            "channel": "comment",
            "language": "fr-CA",
        },  # the fixture's empty combination
    ],
)
def test_filters_matching_no_conversation_show_dashes_not_a_traceback(
    serving_warehouse: FixtureWarehouse, params
) -> None:
    at = open_page(params)

    shown = rows(at)
    assert shown["conversations"]["Value"] == "0"
    assert shown["response_rate"]["Value"] == "—"  # not defined: no conversation
    assert not at.error
    # the numerator and denominator columns stay numbers: "—" is only how the missing ones read on screen
    styler = next(f for f in at.dataframe if "response_rate" in set(f.value["id"])).proto.arrow_data.styler
    shown_text = styler.display_values.decode("utf-8", "ignore")
    assert "—" in shown_text and "None" not in shown_text


def test_csv_download_has_the_raw_numbers(serving_warehouse: FixtureWarehouse, downloads) -> None:
    at = open_page()

    (name,) = [n for n in downloads if n.startswith("kpis_")]
    table = {row["kpi"]: row for row in csv.DictReader(io.StringIO(downloads[name].decode("utf-8-sig")))}
    want = serving_warehouse.kpis()
    # 0.6785… in the file where the page shows "67.9%"
    assert float(table["response_rate"]["value"]) == pytest.approx(want["response_rate"])
    assert float(table["response_rate"]["numerator"]) == want["responded_conversations"]
    assert float(table["conversations"]["value"]) == want["conversations"]
    assert "%" not in downloads[name].decode("utf-8-sig")
    assert at.get("download_button")


def test_operations_downloads_are_raw_minutes(serving_warehouse: FixtureWarehouse, downloads) -> None:
    open_page(page="app_pages/operations.py")

    table = list(csv.DictReader(io.StringIO(downloads["languages.csv"].decode("utf-8-sig"))))
    for row in table:
        language = {"English": "en", "French (Canada)": "fr-CA"}[row["Language"]]
        median = serving_warehouse.medians(languages=[language])["frt_human_median_min"]
        assert float(row["FRT human median (min)"]) == pytest.approx(median)  # minutes, not "1 h 5 min"
        assert float(row["Response rate"]) == pytest.approx(
            serving_warehouse.kpis(languages=[language])["response_rate"]
        )


def test_a_filter_a_kpi_cannot_take_is_noted(serving_warehouse: FixtureWarehouse, downloads) -> None:
    """Posts have no language: with a language filter the content KPIs are shown for every language, and both
    the table and the CSV say so; a conversation KPI, which has a language, carries no note."""
    at = open_page({"language": "fr-CA"})

    shown = rows(at)
    assert shown["posts"]["Note"] == "fct_post_daily has no language: posts is for all languages"
    assert shown["response_rate"]["Note"] == ""
    (name,) = [n for n in downloads if n.startswith("kpis_")]
    table = {row["kpi"]: row for row in csv.DictReader(io.StringIO(downloads[name].decode("utf-8-sig")))}
    assert table["posts"]["note"] == shown["posts"]["Note"]
    assert table["response_rate"]["note"] == ""
