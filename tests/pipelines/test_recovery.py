"""A load killed half-way is completed by the next run, with nothing lost and nothing doubled."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipelines import load as load_module
from pipelines.events import events_source
from pipelines.files.landing import list_files
from pipelines.load import LoadError, load, pipeline_for
from pipelines.readlog import ReadLog
from tests.conftest import query
from tests.pipelines.test_load import event, write_jsonl


def landing_with_events(tmp_path):
    landing = tmp_path / "landing"
    write_jsonl(
        landing / "events" / "a.jsonl",
        [
            event("e1", "youtube.comment_received", "2026-09-01T09:00:00Z", "customer", content_id="v1"),
            event("e2", "youtube.comment_replied", "2026-09-01T09:30:00Z", "agent"),
            "broken line",
        ],
    )
    return landing


def test_crash_after_data_before_manifest_rereads_files_without_doubling(tmp_path, monkeypatch):
    landing, warehouse = landing_with_events(tmp_path), tmp_path / "w.duckdb"

    def crash(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(load_module, "loader_source", crash)
    with pytest.raises(LoadError):
        load(str(landing), warehouse)
    assert query(warehouse, "select count(*) from raw.events") == [(2,)]  # data landed, manifest did not
    monkeypatch.undo()

    report = load(str(landing), warehouse)

    assert report.files_skipped == 0 and report.rows == {"events": 2}  # read again: not marked loaded
    assert query(warehouse, "select count(*) from raw.events") == [(2,)]
    assert query(warehouse, "select count(*) from raw.load_rejects") == [(1,)]
    assert query(warehouse, "select count(*) from raw.landing_files") == [(1,)]


def test_package_normalized_but_not_loaded_is_loaded_by_the_next_run(tmp_path):
    landing, warehouse = landing_with_events(tmp_path), tmp_path / "w.duckdb"
    pipeline = pipeline_for(warehouse)
    files = list_files(str(landing), "events/*.jsonl")
    pipeline.extract(events_source(files, ReadLog(), datetime(2026, 9, 2)))
    pipeline.normalize()  # killed here: the package waits on disk, nothing is in the warehouse yet
    assert pipeline.list_normalized_load_packages()

    report = load(str(landing), warehouse)

    assert report.rows == {"events": 2}
    assert not pipeline_for(warehouse).list_normalized_load_packages()
    assert query(warehouse, "select count(*), count(distinct event_id) from raw.events") == [(2, 2)]


def accounted(warehouse) -> tuple:
    """What a load leaves that must not depend on an interruption: raw rows, manifest, rejects."""
    return (
        query(
            warehouse,
            "select event_id, occurred_at, user_id, _source_file, _source_line from raw.events order by 1",
        ),
        query(
            warehouse,
            "select relative_path, sha256, status, reason, rows_in, rows_loaded, rows_rejected, rows_duplicate "
            "from raw.landing_files order by 1",
        ),
        query(
            warehouse,
            "select reject_id, file, line, field, reason, raw_record, superseded_at from raw.load_rejects order by 1",
        ),
    )


def clean_run(tmp_path, landing) -> tuple:
    warehouse = tmp_path / "clean" / "w.duckdb"
    load(str(landing), warehouse)
    return accounted(warehouse)


def test_a_run_after_an_interrupted_one_finishes_the_job_reports_it_and_equals_a_clean_run(tmp_path):
    landing, warehouse = landing_with_events(tmp_path), tmp_path / "w.duckdb"
    write_jsonl(
        landing / "events" / "b.jsonl",
        [event("e1", "youtube.comment_received", "2026-09-01T09:00:00Z", "customer", content_id="v1"), "{x"],
    )
    load(str(landing), warehouse)  # an earlier, complete load
    write_jsonl(
        landing / "events" / "c.jsonl",
        [event("e3", "youtube.comment_received", "2026-09-02T09:00:00Z", "customer", content_id="v2"), "{y"],
    )
    pipeline = pipeline_for(warehouse)
    files = list_files(str(landing), "events/*.jsonl")
    pipeline.extract(events_source(files, ReadLog(), datetime(2026, 9, 2)))
    pipeline.normalize()  # the next run was killed here: its package waits, no manifest, no rejects

    report = load(str(landing), warehouse)

    assert report.recovered.startswith("recovered an interrupted load: 1 pending package(s) (")
    assert not pipeline_for(warehouse).has_pending_data
    # every file has a rejected line, so all are read again: a 2, b 0 (its e1 is a copy of a's), c 1
    assert report.rows == {"events": 3}
    assert accounted(warehouse) == clean_run(tmp_path, landing)
    for row in report.files:
        assert row["rows_in"] == row["rows_loaded"] + row["rows_rejected"] + row["rows_duplicate"]


def test_data_loaded_without_its_manifest_is_completed_like_a_clean_run(tmp_path, monkeypatch):
    landing, warehouse = landing_with_events(tmp_path), tmp_path / "w.duckdb"
    monkeypatch.setattr(
        load_module, "loader_source", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("killed"))
    )
    with pytest.raises(LoadError):
        load(str(landing), warehouse)
    monkeypatch.undo()

    load(str(landing), warehouse)

    assert accounted(warehouse) == clean_run(tmp_path, landing)
