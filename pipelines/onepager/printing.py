"""PDF and PNG of the one-pager: the HTML page printed by the system Chromium through Playwright.

Playwright's own browser downloads are not used (no network on a scheduler host, and one browser to keep
patched): the Chromium is $SOCIALKPI_CHROMIUM, else the first of `chromium`, `chromium-browser`,
`google-chrome` on PATH. Without one the error names what was looked for and how to fix it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM_ENV = "SOCIALKPI_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PNG_WIDTH = 1200
FORMATS = ("html", "pdf", "png")


class PrintError(RuntimeError):
    """No browser to print with, or the browser failed."""


def find_chromium() -> Path:
    explicit = os.environ.get(CHROMIUM_ENV)
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise PrintError(
                f"${CHROMIUM_ENV} is {explicit!r}, which is not a file: point it at a Chromium binary"
            )
        return path
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise PrintError(
        f"no Chromium to print the one-pager with: set ${CHROMIUM_ENV}, or install one of "
        f"{', '.join(CHROMIUM_NAMES)} on PATH (Debian: apt-get install chromium); --format html needs none"
    )


def print_html(html: str, output_format: str) -> bytes:
    """The page as PDF (A4, backgrounds printed) or PNG (full page, 1200 px wide)."""
    if output_format not in ("pdf", "png"):
        raise ValueError(f"cannot print to {output_format!r}: pdf or png")
    chromium = find_chromium()
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:  # a runtime dependency: only a broken install lacks it
        raise PrintError("the Python package playwright is not installed: `make venv`") from exc
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": PNG_WIDTH, "height": 900})
                page.set_content(html, wait_until="load")
                if output_format == "pdf":
                    page.emulate_media(media="print")
                    return page.pdf(format="A4", print_background=True)
                return page.screenshot(full_page=True, type="png")
            finally:
                browser.close()
    except Error as exc:
        raise PrintError(f"{chromium} could not print the one-pager: {exc}") from exc
