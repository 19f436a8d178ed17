"""The load step: every input family of a landing folder into the `raw` schema of the warehouse, with dlt.

Files are found by their content (pipelines/files/recognise.py), never by their name or folder, and every
file ends up in `raw.landing_files` with its status, so nothing in a landing is ignored without a word.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import dlt
import duckdb
import pyarrow as pa

from pipelines import costs, events, hubspot, linkedin, meta, shopify, tiktok, youtube
from pipelines.config import RAW_SCHEMA, settings_path, telemetry_off
from pipelines.duplicates import settle
from pipelines.faults import checkpoint
from pipelines.files.recognise import Plan, recognise_landing
from pipelines.manifest import (
    earlier_rejects,
    loader_source,
    manifest_rows,
    originals,
    read_manifest_rows,
    skippable,
)
from pipelines.privacy.dlt_packages import keep_no_completed_packages
from pipelines.privacy.enforce import PrivacyReport, enforce
from pipelines.privacy.keys import MissingKey
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.settings import SettingsError, SettingsReport, land_settings, read_settings


class LoadError(RuntimeError):
    """The load could not run at all (no input found, landing folder missing, destination error)."""


@dataclass
class LoadReport:
    landing: str
    warehouse: Path
    rows: dict[str, int]
    rejected: dict[str, int]
    files_read: int
    files_skipped: int
    file_rejects: list[Reject] = field(default_factory=list)
    row_rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0
    settings: SettingsReport | None = None
    files: list[dict] = field(default_factory=list)  # the manifest rows of this run: every file, its status
    privacy: PrivacyReport | None = None  # rows erased again (ledger) and purged (retention) after the load
    duplicates: dict[str, int] = field(default_factory=dict)  # rows per table that lost to another copy
    recovered: str = ""  # what an interrupted earlier load left, finished by this run ("" when nothing)

    @property
    def rejected_files(self) -> list[dict]:
        """Files rejected whole, unrecognised, or all of whose rows were rejected: their data is missing."""
        return [row for row in self.files if row["status"] == "rejected"]

    @property
    def ok(self) -> bool:
        """False when a file was rejected (missing required column, unrecognised, every row rejected)."""
        return not self.file_rejects and not self.rejected_files


def pipeline_name(warehouse: Path) -> str:
    """The dlt pipeline of `warehouse` (its working folder is `.dlt/<name>` beside the file)."""
    return "socialkpi_" + re.sub(r"[^0-9a-zA-Z_]+", "_", warehouse.stem)


def pipeline_for(warehouse: Path) -> dlt.Pipeline:
    """One dlt pipeline per warehouse file, its working state kept beside the file."""
    return dlt.pipeline(
        pipeline_name=pipeline_name(warehouse),
        destination=dlt.destinations.duckdb(str(warehouse)),
        dataset_name=RAW_SCHEMA,
        pipelines_dir=str(warehouse.parent / ".dlt"),
    )


def drop_raw(warehouse: Path) -> None:
    """Full refresh: forget the raw layer and dlt's state for this warehouse, then load everything again."""
    shutil.rmtree(warehouse.parent / ".dlt" / pipeline_for(warehouse).pipeline_name, ignore_errors=True)
    if warehouse.exists():
        con = duckdb.connect(str(warehouse))
        try:
            con.execute(f"drop schema if exists {RAW_SCHEMA} cascade")
        finally:
            con.close()


def family_sources(plan: Plan, log: ReadLog, loaded_at: datetime) -> list:
    """One dlt source per family that has files, fed from the recognised plan (shared with `inspect`)."""
    routed = plan.routed
    sources = []
    if routed.get("events"):
        sources.append(events.events_source(routed["events"], log, loaded_at))
    if routed.get("instagram") or routed.get("facebook"):
        sources.append(
            meta.meta_source(routed.get("instagram", []), routed.get("facebook", []), log, loaded_at)
        )
    for bucket, make in (
        ("tiktok", tiktok.tiktok_source),
        ("youtube", youtube.youtube_source),
        ("linkedin", linkedin.linkedin_source),
        ("costs", costs.costs_source),
    ):
        if routed.get(bucket):
            sources.append(make(routed[bucket], log, loaded_at))
    if routed.get("orders") or routed.get("journeys"):
        sources.append(
            shopify.shopify_source(routed.get("orders", []), routed.get("journeys", []), log, loaded_at)
        )
    if routed.get("contacts") or routed.get("deals"):
        sources.append(
            hubspot.hubspot_source(routed.get("contacts", []), routed.get("deals", []), log, loaded_at)
        )
    return sources


def account_unread(plan: Plan, log: ReadLog) -> None:
    """Files recognition rejected never reach a family: their reject (line 0) is written like any other,
    once per content (a copy under a second name is a `duplicate_file`, not a second reject)."""
    for entry in plan.entries:
        original = log.duplicate_of.get(entry.relative_path)
        if entry.status == "rejected" and original is not None:
            log.duplicate_files[entry.relative_path] = original
        elif entry.status == "rejected":
            reject = Reject(entry.relative_path, 0, entry.field, entry.reason, "")
            log.rejects.append((entry.family or "landing", entry.table, reject))


def settled_sources(sources: list, warehouse: Path, log: ReadLog) -> list:
    """Each source with every resource read once and its rows settled by the duplicate rule
    (pipelines/duplicates.py): the losing copies of a merge key are counted and rejected here, before dlt's
    merge could drop one of them silently, in an order that does not depend on file names or arrival."""
    for source in sources:
        for name, resource in list(source.resources.selected.items()):
            if resource.write_disposition != "merge":
                continue
            columns = resource.compute_table_schema().get("columns", {})
            key = tuple(column for column, hints in columns.items() if hints.get("primary_key"))
            items = list(resource)
            if not all(isinstance(item, pa.Table) for item in items):
                raise LoadError(f"{source.name}.{name} yielded rows that are not Arrow tables")
            settled = settle(items, name, key, warehouse, log, source.name)
            source.resources[name] = dlt.resource(
                settled.tables, name=name, write_disposition="merge", primary_key=key or None
            )
    return sources


def finish_interrupted(pipeline: dlt.Pipeline, warehouse: Path) -> str:
    """Load what a killed or overlapping earlier run left in dlt's working folder, before this run reads
    anything: dlt's `run` would otherwise load those packages and skip this run's data."""
    extracted = list(pipeline.list_extracted_load_packages())
    normalized = list(pipeline.list_normalized_load_packages())
    if not extracted and not normalized:
        return ""
    try:
        pipeline.run()
    except Exception as exc:
        raise LoadError(f"dlt could not finish the interrupted load into {warehouse}: {exc}") from exc
    ids = ", ".join(sorted(set(extracted) | set(normalized)))
    return (
        f"recovered an interrupted load: {len(extracted) + len(normalized)} pending package(s) ({ids}) "
        "loaded; every file not recorded as loaded is read again"
    )


def check_landing(landing: str) -> None:
    if "://" not in landing and not Path(landing).is_dir():
        raise LoadError(f"landing folder {landing} does not exist")


def load(
    landing: str, warehouse: Path, full_refresh: bool = False, settings: str | None = None
) -> LoadReport:
    """Recognise every file under `landing`, read each family's files and merge them into `raw`; account
    every file in `raw.landing_files`; report rows loaded and rejected."""
    telemetry_off()
    keep_no_completed_packages()
    started = time.perf_counter()
    check_landing(landing)
    plan = recognise_landing(landing)
    if not plan.entries:
        raise LoadError(
            f"no input files under {landing} (see docs/inputs.md for what a landing folder holds)"
        )
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    if full_refresh:
        drop_raw(warehouse)
    settings_folder = settings_path(settings, landing)
    try:
        # a bad settings folder stops the load before anything is written
        user_settings = read_settings(settings_folder)
    except SettingsError as exc:
        raise LoadError(f"{exc} (folder {settings_folder})") from exc
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    pipeline = pipeline_for(warehouse)
    recovered = finish_interrupted(pipeline, warehouse)
    previous = read_manifest_rows(warehouse)
    log = ReadLog(already_loaded=skippable(previous), duplicate_of=originals(plan.entries, previous))
    account_unread(plan, log)
    try:
        sources = settled_sources(family_sources(plan, log, loaded_at), warehouse, log)
    except LoadError:
        raise
    except Exception as exc:  # a reader's failure that no per-file reject caught: name the step and cause
        raise LoadError(f"could not read the landing {landing} into {warehouse}: {exc}") from exc
    superseded = earlier_rejects(warehouse, log, plan.entries)

    try:
        checkpoint("after_extract")
        if sources:
            pipeline.run(sources)
        checkpoint("after_data_load")
        files = manifest_rows(log, plan.entries, previous, loaded_at)
        pipeline.run(loader_source(log, loaded_at, files, superseded))
        checkpoint("after_manifest")
    except Exception as exc:  # dlt wraps every failure in PipelineStepFailed: name the step and cause
        raise LoadError(f"dlt could not load into {warehouse}: {exc}") from exc
    settings_report = land_settings(settings_folder, warehouse)
    try:  # after every load, before dbt reads raw: erased people dropped again, old personal data purged
        privacy_report = enforce(warehouse, user_settings.retention_days)
    except (MissingKey, duckdb.Error, OSError) as exc:
        raise LoadError(f"could not apply the erasure ledger and retention to {warehouse}: {exc}") from exc

    all_rejects = [reject for _, _, reject in log.rejects]
    return LoadReport(
        landing=landing,
        warehouse=warehouse,
        rows=dict(log.rows),
        rejected=dict(log.rejected),
        files_read=len(log.files),
        files_skipped=len(log.skipped_files),
        file_rejects=[r for r in all_rejects if r.line == 0],
        row_rejects=[r for r in all_rejects if r.line != 0],
        seconds=time.perf_counter() - started,
        files=files,
        settings=settings_report,
        privacy=privacy_report,
        duplicates=dict(log.duplicates),
        recovered=recovered,
    )
