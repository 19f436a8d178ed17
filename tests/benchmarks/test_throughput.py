"""Benchmarks (not timed tests): print rows/s of each step and the loader's ratio against a baseline.

    make bench                                   # scale 10 sample
    SOCIALKPI_BENCH_SCALE=100 make bench         # the scale-100 sample

The baseline, run in the same process on the same validated events, is dlt's default path: plain dicts
with the insert-values loader format. Nothing here asserts on time; each number is printed.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

import dlt
import duckdb
import pytest

from expectations.checkpoint import run_checks
from pipelines.events import read_events_file
from pipelines.files.landing import list_files
from pipelines.load import load
from pipelines.sample import generate
from pipelines.transform import read_run_results, transform

pytestmark = pytest.mark.benchmark

SCALE = float(os.environ.get("SOCIALKPI_BENCH_SCALE", "10"))
BASELINE_ROWS = 50_000
CONTENT_MARTS = {"dim_posts", "fct_post_daily", "fct_account_daily"}


def is_content_model(name: str) -> bool:
    return name in CONTENT_MARTS or name.endswith("__posts_conformed") or name.startswith(
        ("int_content__", "rpt_content__platform", "rpt_content__post", "rpt_content__campaign",
         "rpt_content__content_type")
    )  # fmt: skip


def report(label: str, rows: int, seconds: float) -> float:
    rate = rows / seconds if seconds else float("inf")
    print(f"  {label:42} {rows:>10,} rows {seconds:>8.2f} s {rate:>12,.0f} rows/s")
    return rate


def report_content_models(warehouse) -> None:
    """Seconds dbt spent on the content models (from run_results.json), against all the other models'."""
    seconds: dict[str, float] = {"content": 0.0, "other": 0.0}
    for result in read_run_results(warehouse):
        node = result["unique_id"]
        if node.startswith("model."):
            seconds["content" if is_content_model(node.split(".")[-1]) else "other"] += result[
                "execution_time"
            ]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        [(observations,)] = con.execute(
            "select count(*) from intermediate.int_content__post_observations_unioned"
        ).fetchall()
        [(increments,)] = con.execute(
            "select count(*) from intermediate.int_content__post_metrics_incremented"
        ).fetchall()
    finally:
        con.close()
    report("transform: content models (observations in)", observations, seconds["content"])
    print(
        f"  content models produce {increments:,} post x metric x day increments; "
        f"content / other model seconds: {seconds['content'] / max(seconds['other'], 1e-9):.2f}"
    )


def test_pipeline_throughput(tmp_path):
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    print(f"\nbenchmark at sample scale {SCALE:g}")

    started = time.perf_counter()
    written = generate(landing, seed=42, scale=SCALE)
    report("sample: generate all files", sum(written.values()), time.perf_counter() - started)

    started = time.perf_counter()
    loaded = load(str(landing), warehouse)
    load_seconds = time.perf_counter() - started
    ours = report("load: every family (Arrow -> parquet)", sum(loaded.rows.values()), load_seconds)

    files = list_files(str(landing), "events/*.jsonl", "events/*.jsonl.gz")
    seen: set[str] = set()
    rows: list[dict] = []
    for file in files:
        rows.extend(read_events_file(file, file.read_bytes(), datetime(2026, 11, 1), seen)[0])
        if len(rows) >= BASELINE_ROWS:
            break
    rows = rows[:BASELINE_ROWS]
    baseline_pipeline = dlt.pipeline(
        "bench_baseline",
        destination=dlt.destinations.duckdb(str(tmp_path / "baseline.duckdb")),
        dataset_name="raw",
        pipelines_dir=str(tmp_path / ".dlt"),
    )
    started = time.perf_counter()
    baseline_pipeline.run(rows, table_name="events", write_disposition="merge", primary_key="event_id")
    baseline = report(
        "baseline: same events as dicts (insert_values)", len(rows), time.perf_counter() - started
    )
    print(f"  loader speed-up over the dict baseline: {ours / baseline:.1f}x")

    result = transform(warehouse)
    assert result.success, result.failures
    report("transform: dbt build (events in raw)", loaded.rows.get("events", 0), result.seconds)
    report_content_models(warehouse)

    checks = run_checks(warehouse, data_docs_dir=tmp_path / "docs")
    assert checks.success
    print(f"  check: GX checkpoint, {checks.evaluated} expectations      {checks.seconds:>8.2f} s")
