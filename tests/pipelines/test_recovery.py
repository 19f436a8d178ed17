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
