"""The One-pager in a real browser: `streamlit run` on the shared sample warehouse, headless Chromium opens
the landing page, waits for the four headline numbers, checks each against the warehouse's facts, and saves
screenshots at desktop (1440 px) and phone (390 px) width under the test's tmp dir."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV
from pipelines.onepager import Period
from pipelines.onepager.catalog import HEADLINE
from pipelines.onepager.format import headline_value
from tests.onepager.facts import PARTS, expected, expected_retention_uplift

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
START_TIMEOUT_S = 90
UI_TIMEOUT_MS = 60_000

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(sample_run, tmp_path: Path) -> Iterator[str]:
    """`streamlit run` on the sample warehouse; yields its URL, then stops that one server."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does this)")
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    port = _free_port()
    log_path = tmp_path / "streamlit.log"
    env = os.environ | {
        WAREHOUSE_ENV: str(sample_run.warehouse),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app" / "streamlit_app.py"),
             "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1"],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if server.poll() is not None:
                    pytest.fail(f"streamlit exited with {server.returncode}: {log_path.read_text()}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start in {START_TIMEOUT_S}s")
                time.sleep(0.25)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def periods(warehouse: Path) -> tuple[Period, Period]:
    """The app's default period (the last 28 days of conversations) and the last full calendar month."""
    con = duckdb.connect(str(warehouse.with_name(warehouse.stem + ".serving.duckdb")), read_only=True)
    try:
        [(last,)] = con.execute("select max(first_inbound_date) from marts.fct_conversations").fetchall()
    finally:
        con.close()
    month_end = last if (last + timedelta(days=1)).day == 1 else last.replace(day=1) - timedelta(days=1)
    return Period(last - timedelta(days=27), last), Period(month_end.replace(day=1), month_end)


def expected_headline(warehouse: Path, period: Period) -> list[tuple[str, str]]:
    """(label, value as shown) of the four for the period, from the facts."""
    con = duckdb.connect(str(warehouse.with_name(warehouse.stem + ".serving.duckdb")), read_only=True)
    try:
        registry = {
            kpi: (label, unit)
            for kpi, label, unit in con.execute("select kpi, kpi_label, unit from marts.dim_kpis").fetchall()
        }
        shown = []
        for kpi in HEADLINE:
            label, unit = registry.get(kpi, (kpi.replace("_", " ").capitalize(), ""))
            value = expected(con, kpi, period) if kpi in PARTS else expected_retention_uplift(con, period)[1]
            shown.append((label, headline_value(value, unit)))
        return shown
    finally:
        con.close()


def test_one_pager_in_a_real_browser(app_url: str, sample_run, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    default, month = periods(sample_run.warehouse)
    views = (  # the phone opens the default view; the desktop a shared link to a whole month
        (1440, 2400, "desktop", f"{app_url}/?period={month.start}&period={month.end}", month),
        (390, 844, "phone", app_url, default),
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width, height, name, url, period in views:
                headline = expected_headline(sample_run.warehouse, period)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url)
                expect(page.get_by_role("heading", name="One-pager", exact=True)).to_be_visible(
                    timeout=UI_TIMEOUT_MS
                )
                metrics = page.get_by_test_id("stMetric")
                expect(metrics.nth(3)).to_be_visible(timeout=UI_TIMEOUT_MS)
                for i, (label, value) in enumerate(headline):
                    metric = metrics.nth(i)
                    expect(metric.get_by_test_id("stMetricLabel")).to_contain_text(label)
                    expect(metric.get_by_test_id("stMetricValue")).to_have_text(value)
                    metric.scroll_into_view_if_needed()
                    expect(metric.get_by_test_id("stMetricValue")).to_be_in_viewport()
                expect(page.get_by_text("What moved them")).to_be_visible()
                expect(page.get_by_test_id("stException")).to_have_count(0)
                if name == "desktop":  # the PDF button downloads what `socialkpi onepager` prints
                    with page.expect_download(timeout=UI_TIMEOUT_MS) as download:
                        page.get_by_test_id("stDownloadButton").filter(has_text="PDF").click()
                    pdf = tmp_path / download.value.suggested_filename
                    download.value.save_as(pdf)
                    assert pdf.name == f"onepager_{period.start:%Y%m%d}_{period.end:%Y%m%d}.pdf"
                    assert pdf.read_bytes().startswith(b"%PDF-")
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(1_000)  # let the charts finish drawing
                screenshot = tmp_path / f"onepager_{name}.png"
                page.screenshot(path=str(screenshot), full_page=True)
                assert screenshot.stat().st_size > 10_000
                page.close()
        finally:
            browser.close()
