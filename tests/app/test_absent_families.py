"""Every input family is optional: the app opens on a warehouse without conversations (or without orders and
costs), shows what exists, and says on every page what is absent and how to add it (see lib/families.py).
The warehouse is the hand-written serving copy of conftest.py, written here with some families left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import write_warehouse
from streamlit.testing.v1 import AppTest

from pipelines.config import WAREHOUSE_ENV, serving_path

APP_SCRIPT = Path(__file__).resolve().parents[2] / "app" / "streamlit_app.py"
TIMEOUT_S = 30
PAGES = (
    "app_pages/operations.py",
    "app_pages/content.py",
    "app_pages/all_kpis.py",
    "app_pages/attribution.py",
    "app_pages/quality.py",
)
NO_CONVERSATIONS = "No conversations loaded: add events/ files (docs/inputs.md)"
NO_CONTENT = "No content exports loaded: add content/<platform>/ exports"
NO_ORDERS = "No orders loaded: add commerce/ files"
NO_COSTS = "No costs loaded: add costs/costs.csv"


@pytest.fixture
def content_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A serving copy with the content marts only: no conversation, no order, no cost."""
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "socialkpi.duckdb"))
    path = serving_path()
    write_warehouse(path, [], commerce=False)
    return path


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=TIMEOUT_S)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def notices(at: AppTest) -> list[str]:
    return [info.value for info in at.info]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_names_each_absent_family(content_only: Path, page: str) -> None:
    at = open_page(page)

    assert not at.warning
    if (
        page != "app_pages/quality.py"
    ):  # quality_fixture's stored run has failed expectations, shown as errors
        assert not at.error
    shown = notices(at)
    for message in (NO_CONVERSATIONS, NO_ORDERS, NO_COSTS):
        assert sum(message in text for text in shown) == 1, (message, shown)
    assert not any(NO_CONTENT in text for text in shown)


def test_inbox_page_shows_only_the_notices(content_only: Path) -> None:
    at = open_page("app_pages/operations.py")

    assert at.title[0].value == "Operations"
    assert not at.metric and not at.dataframe


def test_period_and_platforms_come_from_the_content(content_only: Path) -> None:
    # content_fixture.POST_DAILY has posts on 2025-02-20 (facebook), 2025-03-05 (instagram), 2025-03-10 (tiktok)
    at = open_page("app_pages/content.py")

    assert at.date_input(key="period").value == (date(2025, 2, 20), date(2025, 3, 10))
    assert at.multiselect(key="platform").options == ["Facebook", "Instagram", "TikTok"]
    assert at.multiselect(key="channel").options == []
    assert [m.label for m in at.metric]  # the content headline is drawn


def test_orders_and_costs_present_are_not_named_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "socialkpi.duckdb"))
    write_warehouse(serving_path(), [], commerce=True)

    shown = notices(open_page("app_pages/all_kpis.py"))

    assert any(NO_CONVERSATIONS in text for text in shown)
    assert not any(NO_ORDERS in text or NO_COSTS in text for text in shown)


def test_nothing_loaded_says_what_to_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "socialkpi.duckdb"))
    path = serving_path()
    write_warehouse(path, [], commerce=False)
    con = duckdb.connect(str(path))
    con.execute("delete from marts.fct_post_daily")
    con.close()

    at = AppTest.from_file(str(APP_SCRIPT), default_timeout=TIMEOUT_S).run()

    assert not at.exception
    assert "has no data yet" in at.warning[0].value
    assert "docs/inputs.md" in at.warning[0].value
    assert not at.metric
