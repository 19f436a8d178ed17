"""The Operations, Content and All KPIs pages in a real browser: `streamlit run` on the fixture warehouse, driven
by headless Chromium, at desktop and phone width; the tab titles and the caption colour as a reader gets them."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import FixtureWarehouse

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_SCRIPT = REPO_ROOT / "app" / "streamlit_app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT_COPY = Path("/tmp/socialkpi_inbox.png")
CONTENT_SCREENSHOT_COPY = Path("/tmp/socialkpi_content.png")
START_TIMEOUT_S = 60
UI_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def require_chromium() -> None:
    """The browser test never skips silently: without Debian's chromium it fails and says how to get it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does this)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(serving_warehouse: FixtureWarehouse, tmp_path: Path) -> Iterator[str]:
    """`streamlit run` on the fixture warehouse; yields its URL, then stops that one server."""
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    env = os.environ | {
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP_SCRIPT),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"streamlit exited with {server.returncode}: {(tmp_path / 'streamlit.log').read_text()}"
                )
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
        log.close()


def test_operations_in_a_real_browser(
    app_url: str, serving_warehouse: FixtureWarehouse, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    everything = serving_warehouse.kpis()
    french = serving_warehouse.kpis(languages=["fr-CA"])

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1250})
            page.goto(f"{app_url}/operations")

            labels = page.get_by_test_id("stMetricLabel")
            expect(labels.filter(has_text="Conversations").first).to_be_visible(timeout=UI_TIMEOUT_MS)
            expect(labels.filter(has_text="First response (human, median)")).to_be_visible()
            expect(page).to_have_title("Operations · socialkpi")
            values = page.locator(".st-key-operations_period").get_by_test_id("stMetricValue")
            expect(values.first).to_have_text(f"{int(everything['conversations']):,}")
            expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
            expect(
                page.locator(
                    "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
                ).first
            ).to_be_visible()
            expect(page.get_by_test_id("stDataFrame")).to_have_count(3)
            expect(page.get_by_test_id("stTable")).to_have_count(1)
            page.wait_for_timeout(1_000)  # let the charts finish drawing before the screenshot
            screenshot = tmp_path / "socialkpi_inbox.png"
            page.screenshot(path=str(screenshot), full_page=True)
            shutil.copyfile(screenshot, SCREENSHOT_COPY)

            # Choosing a filter writes it to the URL, as a code.
            page.get_by_test_id("stSidebar").get_by_role("combobox", name="Language").click()
            page.get_by_role("option", name="French (Canada)", exact=True).click()
            expect(values.first).to_have_text(f"{int(french['conversations']):,}", timeout=UI_TIMEOUT_MS)
            expect(page).to_have_url(re.compile(r"[?&]language=fr-CA"))

            # And a shared URL opens on the same view.
            other = browser.new_page()
            other.goto(f"{app_url}/operations?language=fr-CA")
            expect(
                other.locator(".st-key-operations_period").get_by_test_id("stMetricValue").first
            ).to_have_text(f"{int(french['conversations']):,}", timeout=UI_TIMEOUT_MS)
        finally:
            browser.close()


def test_content_page_in_a_real_browser(app_url: str, tmp_path: Path) -> None:
    """The Content page opens from the navigation, draws its numbers, chart and tables, and shows no error."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1250})
            page.goto(app_url)
            expect(page.get_by_test_id("stMetricLabel").first).to_be_visible(timeout=UI_TIMEOUT_MS)

            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Content").click()
            expect(page).to_have_url(re.compile(r"/content"), timeout=UI_TIMEOUT_MS)
            expect(page).to_have_title("Content · socialkpi", timeout=UI_TIMEOUT_MS)
            expect(page.get_by_role("heading", name="Content", exact=True)).to_be_visible(
                timeout=UI_TIMEOUT_MS
            )
            # The headline covers the sidebar's period; calendar months carry the benchmark badges.
            expect(page.get_by_role("heading", name="3 – 16 Mar 2025")).to_be_visible(timeout=UI_TIMEOUT_MS)
            page.get_by_text("Calendar month or week").click()
            expect(page.get_by_role("heading", name="March 2025")).to_be_visible(timeout=UI_TIMEOUT_MS)
            instagram = page.locator(".st-key-content_headline_instagram")
            expect(instagram.get_by_test_id("stMetricValue").first).to_have_text(
                "2.50%", timeout=UI_TIMEOUT_MS
            )
            expect(instagram.get_by_text("Within benchmark").first).to_be_visible()
            youtube = page.locator(".st-key-content_headline_youtube")
            expect(youtube.get_by_test_id("stMetricValue").first).to_have_text("—")
            expect(
                page.locator(
                    "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg"
                ).first
            ).to_be_visible()
            expect(page.get_by_test_id("stDataFrame")).to_have_count(4)
            page.wait_for_timeout(1_000)  # let the chart finish drawing before the screenshot
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
            screenshot = tmp_path / "socialkpi_content.png"
            page.screenshot(path=str(screenshot), full_page=True)
            shutil.copyfile(screenshot, CONTENT_SCREENSHOT_COPY)
        finally:
            browser.close()


PHONE = {"width": 390, "height": 844}


def _inside_viewport(box: dict | None, width: int) -> bool:
    return box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_operations_at_phone_width(app_url: str, serving_warehouse: FixtureWarehouse, tmp_path: Path) -> None:
    """On a phone the numbers are on screen: the headline values, and each table's value column (the first
    columns after the label) inside the 390-px viewport, not scrolled off to the right."""
    from playwright.sync_api import expect, sync_playwright

    everything = serving_warehouse.kpis()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, is_mobile=True, device_scale_factor=2)
            page.goto(f"{app_url}/operations")
            period = page.locator(".st-key-operations_period")
            value = period.get_by_test_id("stMetricValue").first
            expect(value).to_have_text(f"{int(everything['conversations']):,}", timeout=UI_TIMEOUT_MS)
            value.scroll_into_view_if_needed()
            assert _inside_viewport(value.bounding_box(), PHONE["width"])

            # The language table: its value column ("Conversations") is inside the screen, with the number.
            table = page.get_by_test_id("stTable").first
            table.scroll_into_view_if_needed()
            headers = table.locator("thead th")
            expect(headers.first).to_have_text("Language", timeout=UI_TIMEOUT_MS)
            expect(headers.nth(1)).to_have_text("Conversations")
            assert _inside_viewport(headers.nth(1).bounding_box(), PHONE["width"])
            english = table.locator("tbody tr").filter(has_text="English").first
            cell = english.locator("td").nth(1)
            english_count = serving_warehouse.kpis(languages=["en"])["conversations"]
            expect(cell).to_have_text(f"{int(english_count):,}")
            assert _inside_viewport(cell.bounding_box(), PHONE["width"])
            screenshot = tmp_path / "socialkpi_operations_phone.png"
            page.screenshot(path=str(screenshot), full_page=True)
            shutil.copyfile(screenshot, Path("/tmp/socialkpi_operations_phone.png"))

            # All KPIs: the value is the first column, pinned, on screen beside the label.
            page.goto(f"{app_url}/all_kpis")
            expect(page).to_have_title("All KPIs · socialkpi", timeout=UI_TIMEOUT_MS)
            grid = page.get_by_test_id("stDataFrame").first
            expect(grid).to_be_visible(timeout=UI_TIMEOUT_MS)
            assert _inside_viewport(
                grid.bounding_box(), PHONE["width"]
            )  # the table is no wider than the screen
            expect(page.get_by_test_id("stException")).to_have_count(0)
        finally:
            browser.close()


def test_captions_are_readable_in_the_browser(app_url: str) -> None:
    """The caption colour the browser computes has at least 4.5:1 contrast on the page background."""
    from playwright.sync_api import expect, sync_playwright

    sys.path.insert(0, str(REPO_ROOT / "app"))
    from lib.theme import MIN_CONTRAST, contrast_ratio

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(app_url)
            caption = page.get_by_test_id("stCaptionContainer").first
            expect(caption).to_be_visible(timeout=UI_TIMEOUT_MS)
            color = caption.evaluate("e => getComputedStyle(e.querySelector('p') || e).color")
            background = page.locator(".stApp").evaluate("e => getComputedStyle(e).backgroundColor")

            def hex_of(css: str) -> str:
                r, g, b = (int(v) for v in re.findall(r"[\d.]+", css)[:3])
                return f"#{r:02x}{g:02x}{b:02x}"

            assert "rgba" not in color or color.endswith(", 1)"), color  # no transparency left
            assert contrast_ratio(hex_of(color), hex_of(background)) >= MIN_CONTRAST, (color, background)
        finally:
            browser.close()
