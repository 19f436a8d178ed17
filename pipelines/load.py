"""The load step: every input family of a landing folder into the `raw` schema of the warehouse, with dlt."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import dlt
import duckdb

from pipelines import costs, events, hubspot, linkedin, meta, shopify, tiktok, youtube
from pipelines.config import RAW_SCHEMA, settings_path, telemetry_off
from pipelines.files.landing import list_files
from pipelines.manifest import loader_source, read_manifest
from pipelines.readlog import ReadLog
from pipelines.rejects import Reject
from pipelines.settings import SettingsError, SettingsReport, land_settings, read_settings

FAMILY_FOLDERS = (
    "events/, content/instagram/, content/facebook/, content/tiktok/, content/youtube/, content/linkedin/, "
    "commerce/, costs/"
)


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

    @property
    def ok(self) -> bool:
        """False when a whole file was rejected (missing required column, unreadable): that data is missing."""
        return not self.file_rejects


def pipeline_for(warehouse: Path) -> dlt.Pipeline:
    """One dlt pipeline per warehouse file, its working state kept beside the file."""
    name = "socialkpi_" + re.sub(r"[^0-9a-zA-Z_]+", "_", warehouse.stem)
    return dlt.pipeline(
        pipeline_name=name,
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


def load(
    landing: str, warehouse: Path, full_refresh: bool = False, settings: str | None = None
) -> LoadReport:
    """Read every family found under `landing` and merge it into `raw`; report rows loaded and rejected."""
    telemetry_off()
    started = time.perf_counter()
    if "://" not in landing and not Path(landing).is_dir():
        raise LoadError(f"landing folder {landing} does not exist")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    if full_refresh:
        drop_raw(warehouse)
    settings_folder = settings_path(settings, landing)
    try:
        read_settings(settings_folder)  # a bad settings folder stops the load before anything is written
    except SettingsError as exc:
        raise LoadError(f"{exc} (folder {settings_folder})") from exc
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    log = ReadLog(already_loaded=read_manifest(warehouse))

    found = {
        "events": list_files(landing, *events.settings.FILE_GLOBS),
        "instagram": list_files(landing, *meta.settings.INSTAGRAM_GLOBS),
        "facebook": list_files(landing, *meta.settings.FACEBOOK_GLOBS),
        "tiktok": list_files(landing, *tiktok.settings.GLOBS),
        "youtube": list_files(landing, *youtube.settings.GLOBS),
        "linkedin": list_files(landing, *linkedin.settings.GLOBS),
        "orders": list_files(landing, *shopify.settings.ORDER_GLOBS),
        "journeys": list_files(landing, *shopify.settings.JOURNEY_GLOBS),
        "contacts": list_files(landing, *hubspot.settings.CONTACT_GLOBS),
        "deals": list_files(landing, *hubspot.settings.DEAL_GLOBS),
        "costs": list_files(landing, *costs.settings.GLOBS),
    }
    if not any(found.values()):
        raise LoadError(
            f"no input files under {landing}: expected one of {FAMILY_FOLDERS} (see docs/inputs.md)"
        )

    sources = []
    if found["events"]:
        sources.append(events.events_source(found["events"], log, loaded_at))
    if found["instagram"] or found["facebook"]:
        sources.append(meta.meta_source(found["instagram"], found["facebook"], log, loaded_at))
    if found["tiktok"]:
        sources.append(tiktok.tiktok_source(found["tiktok"], log, loaded_at))
    if found["youtube"]:
        sources.append(youtube.youtube_source(found["youtube"], log, loaded_at))
    if found["linkedin"]:
        sources.append(linkedin.linkedin_source(found["linkedin"], log, loaded_at))
    if found["orders"] or found["journeys"]:
        sources.append(shopify.shopify_source(found["orders"], found["journeys"], log, loaded_at))
    if found["contacts"] or found["deals"]:
        sources.append(hubspot.hubspot_source(found["contacts"], found["deals"], log, loaded_at))
    if found["costs"]:
        sources.append(costs.costs_source(found["costs"], log, loaded_at))

    pipeline = pipeline_for(warehouse)
    try:
        pipeline.run(sources)
        pipeline.run(loader_source(log, loaded_at))
    except Exception as exc:  # dlt wraps every failure in PipelineStepFailed: name the step and cause
        raise LoadError(f"dlt could not load into {warehouse}: {exc}") from exc
    settings_report = land_settings(settings_folder, warehouse)

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
        settings=settings_report,
    )
