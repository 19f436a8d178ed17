"""`socialkpi onepager` as a scheduler runs it: exit 0 and the path on stdout; HTML, PDF and PNG written on the
shared sample warehouse, the PDF's text holding the four headline KPIs; clear failures otherwise."""

from __future__ import annotations

import io
import struct
import unicodedata
from datetime import timedelta

import duckdb
import pytest
from pypdf import PdfReader

from pipelines.onepager.catalog import HEADLINE
from tests.conftest import query, socialkpi


@pytest.fixture(scope="module")
def warehouse(sample_run):
    assert sample_run.returncode == 0, sample_run.stderr[-3000:]
    return sample_run.warehouse


def headline_labels(warehouse) -> list[str]:
    """The four labels from the registry; a KPI it lacks shows its id in words."""
    serving = warehouse.with_name(warehouse.stem + ".serving.duckdb")
    con = duckdb.connect(str(serving), read_only=True)
    try:
        labels = dict(con.execute("select kpi, kpi_label from marts.dim_kpis").fetchall())
    finally:
        con.close()
    return [labels.get(kpi, kpi.replace("_", " ").capitalize()) for kpi in HEADLINE]


def pdf_text(data: bytes) -> str:
    """The text of every page, as pypdf extracts it."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def words(text: str) -> str:
    """Ligatures undone (ﬂ → fl) and line breaks joined, as a reader reads the page."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_holds_the_four_headline_kpis(warehouse, tmp_path):
    out = tmp_path / "reports" / "onepager.pdf"
    run = socialkpi("onepager", "--warehouse", str(warehouse), "--format", "pdf", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(out.resolve())
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    text = words(pdf_text(data))
    for label in headline_labels(warehouse):
        assert words(label) in text, label
    assert "What moved them" in text and "Δ DM conversion rate × DM volume × AOV" in text
    assert "step=onepager status=ok" in run.stderr


def test_png_and_html_of_a_chosen_period(warehouse, tmp_path):
    png, html = tmp_path / "onepager.png", tmp_path / "onepager.html"
    period = ("--from", "2026-09-01", "--to", "2026-09-30", "--platform", "instagram")
    run = socialkpi("onepager", "--warehouse", str(warehouse), *period, "--format", "png", "--out", str(png))
    assert run.returncode == 0, run.stderr
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert width == 1200 and height > 900
    run = socialkpi("onepager", "--warehouse", str(warehouse), *period, "--out", str(html))
    assert run.returncode == 0, run.stderr
    page = html.read_text(encoding="utf-8")
    assert "2026-09-01 – 2026-09-30 (30 days) compared with 2026-08-02 – 2026-08-31 (30 days)" in page
    assert "platform instagram" in page
    for outside in ("<script", "<link", "src=", "href=", "url("):  # self-contained: nothing to fetch
        assert outside not in page, outside
    for label in headline_labels(warehouse):
        assert label in page, label


def test_default_period_is_the_last_28_days_of_data(warehouse, tmp_path):

    [(last,)] = query(
        warehouse.with_name(warehouse.stem + ".serving.duckdb"),
        "select max(first_inbound_date) from marts.fct_conversations",
    )
    out = tmp_path / "onepager.html"
    run = socialkpi("onepager", "--warehouse", str(warehouse), "--out", str(out))
    assert run.returncode == 0, run.stderr
    first = last - timedelta(days=27)
    assert f"{first:%Y-%m-%d} – {last:%Y-%m-%d} (28 days)" in out.read_text(encoding="utf-8")


def test_failures_are_named(warehouse, tmp_path):
    out = tmp_path / "onepager.pdf"
    missing = tmp_path / "no-chromium"
    run = socialkpi(
        "onepager", "--warehouse", str(warehouse), "--format", "pdf", "--out", str(out),
        env={"SOCIALKPI_CHROMIUM": str(missing)},
    )  # fmt: skip
    assert run.returncode == 1
    assert f"$SOCIALKPI_CHROMIUM is '{missing}', which is not a file" in run.stderr
    assert not out.exists()
    run = socialkpi("onepager", "--warehouse", str(warehouse), "--from", "2026-10-05", "--to", "2026-10-01",
                    "--out", str(out))  # fmt: skip
    assert run.returncode == 1
    assert "the period starts (2026-10-05) after it ends (2026-10-01)" in run.stderr
    run = socialkpi("onepager", "--warehouse", str(tmp_path / "none.duckdb"), "--out", str(out))
    assert run.returncode == 1
    assert "no warehouse at" in run.stderr
