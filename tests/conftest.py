"""Shared fixtures: one real pipeline run on generated sample data, reused by the end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.config import TELEMETRY_OFF
from pipelines.privacy.keys import KEY_ENV

SAMPLE_SCALE = "0.5"
# Runs on a landing other than the bundled sample need the key personal data is hashed with (a user's run
# refuses to start without one): the tests' landings use this one. tests/privacy checks it is never written.
TEST_PII_KEY = "socialkpi-tests-only-key-0123456789abcdef"
os.environ.setdefault(KEY_ENV, TEST_PII_KEY)


@dataclass(frozen=True)
class PipelineRun:
    landing: Path
    warehouse: Path
    returncode: int
    stdout: str
    stderr: str


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of `sql` on a warehouse file opened read-only, the connection closed again."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def socialkpi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `socialkpi` command (as `python -m pipelines.cli`) in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **TELEMETRY_OFF, **(env or {})},
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> PipelineRun:
    """Generate sample data into a temporary folder and run sample → load → transform → check → publish."""
    base = tmp_path_factory.mktemp("e2e")
    landing, warehouse = base / "landing", base / "warehouse" / "socialkpi.duckdb"
    generated = socialkpi("sample", "--out", str(landing), "--seed", "7", "--scale", SAMPLE_SCALE)
    assert generated.returncode == 0, generated.stderr
    run = socialkpi("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return PipelineRun(landing, warehouse, run.returncode, run.stdout, run.stderr)
