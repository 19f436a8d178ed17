"""The transform step: `dbt build` (models, seeds, data tests, unit tests) on the warehouse.

dbt runs as a child process: dbt-duckdb keeps its read-write connection open for the life of the process,
which would lock out the read-only checks that follow, and dbt's own logging setup stays out of ours.
Results are read from dbt's `run_results.json`.

Personal data is hashed inside dbt by `pii_hash` (pipelines/privacy/hashing_plugin.py) under the secret key:
this step resolves the key (pipelines/privacy/keys.py) and hands it to its dbt child only, in the one
variable the plugin reads; without a key it refuses to run rather than hash with none.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.children import run_child
from pipelines.config import DBT_PROJECT_DIR, TELEMETRY_OFF, WAREHOUSE_ENV
from pipelines.faults import checkpoint
from pipelines.privacy.keys import KEY_ENV, MissingKey, pii_key

FAILED = {"error", "fail", "runtime error"}
DBT_KILL_DELAY_SECONDS = 8.0  # the `during_dbt` kill point: dbt is parsed and building by then


@dataclass
class TransformReport:
    success: bool
    statuses: Counter[str]
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def dbt_paths(warehouse: Path) -> tuple[Path, Path]:
    """dbt's target and log folders, kept beside the warehouse so runs on different warehouses never mix."""
    base = warehouse.parent / "dbt" / warehouse.stem
    return base / "target", base / "logs"


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def run_dbt(warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    """Run dbt on the project in this repo against `warehouse`, with the key personal data is hashed with
    (raises MissingKey when none is configured), as a child that dies with this process
    (pipelines/children.py)."""
    from pipelines.privacy.hashing_plugin import KEY_ENV as DBT_KEY_ENV  # imports dbt: only when dbt runs

    key = pii_key(warehouse)
    target_path, log_path = dbt_paths(warehouse)
    command = [
        dbt_executable(),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(target_path),
        "--log-path",
        str(log_path),
        "--no-use-colors",
    ]
    env = {key_name: value for key_name, value in os.environ.items() if key_name != KEY_ENV}
    env.update({**TELEMETRY_OFF, WAREHOUSE_ENV: str(warehouse), DBT_KEY_ENV: key.decode()})
    return run_child(
        command, env=env, on_started=lambda: checkpoint("during_dbt", delay_seconds=DBT_KILL_DELAY_SECONDS)
    )


def read_run_results(warehouse: Path) -> list[dict]:
    path = dbt_paths(warehouse)[0] / "run_results.json"
    return json.loads(path.read_text())["results"] if path.exists() else []


def settings_vars(warehouse: Path) -> dict[str, str]:
    """The dbt vars the user's settings set (landed by the load in `settings.parameters`).

    `reporting_currency` is always passed (empty when there is none: money KPIs are then empty with the
    reason); `team_timezone` only when settings.toml gives a time zone.
    """
    from pipelines.settings import read_parameters

    parameters = read_parameters(warehouse)
    out = {
        "reporting_currency": parameters.get("reporting_currency", ""),
        "reporting_currency_reason": parameters.get("reporting_currency_reason", "no settings loaded"),
    }
    if parameters.get("time_zone"):
        out["team_timezone"] = parameters["time_zone"]
    return out


def transform(warehouse: Path, select: str | None = None) -> TransformReport:
    started = time.perf_counter()
    if not warehouse.exists():
        return TransformReport(
            False, Counter(), [f"warehouse {warehouse} does not exist: run `socialkpi load`"]
        )
    try:
        pii_key(warehouse)
    except MissingKey as exc:
        return TransformReport(False, Counter(), [str(exc)], time.perf_counter() - started)
    statuses: Counter[str] = Counter()
    failures: list[str] = []
    exit_codes = []
    # Models and data tests see the user's settings; unit tests check the models' logic on their own fixtures,
    # written with the project's defaults (dbt_project.yml vars), so they run without the user's vars.
    for args in (
        ["build", "--exclude-resource-type", "unit_test", "--vars", json.dumps(settings_vars(warehouse))],
        ["test", "--select", f"{select},test_type:unit" if select else "test_type:unit"],
    ):
        results_file = dbt_paths(warehouse)[0] / "run_results.json"
        results_file.unlink(missing_ok=True)
        completed = run_dbt(
            warehouse, *args, *(["--select", select] if select and args[0] == "build" else [])
        )
        exit_codes.append(completed.returncode)
        step_failures = []
        for result in read_run_results(warehouse):
            status = result["status"]
            statuses[status] += 1
            if status in FAILED:
                step_failures.append(f"{result['unique_id']}: {(result.get('message') or '').strip()}")
        if completed.returncode != 0 and not step_failures:
            tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-15:])
            step_failures.append(f"dbt {args[0]} exited {completed.returncode}: {tail}")
        failures.extend(step_failures)
    return TransformReport(
        success=not any(exit_codes) and not failures,
        statuses=statuses,
        failures=failures,
        seconds=time.perf_counter() - started,
    )
