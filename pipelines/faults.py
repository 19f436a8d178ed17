"""Fault injection for the kill tests: `checkpoint(name)` kills this process with SIGKILL when the environment
variable SOCIALKPI_FAULT_AT equals `name`.

A test hook, not a feature: the kill tests (tests/pipelines/test_kill_points.py) start a real `socialkpi run`
with SOCIALKPI_FAULT_AT set to one of POINTS and check that the next run finishes the job. SIGKILL, not an
exception: nothing (no `finally`, no atexit, no dlt or DuckDB cleanup) runs, as when the machine kills a run.
Without the variable a checkpoint is one dictionary lookup. The points are named after the step they follow.
"""

from __future__ import annotations

import os
import signal
import time

FAULT_ENV = "SOCIALKPI_FAULT_AT"
POINTS = (
    "after_extract",  # load: the files are read and the data load is about to start
    "after_data_load",  # load: the data is in raw, the manifest (landing_files, rejects) is not
    "after_manifest",  # load: data and manifest are in raw, the settings are not landed yet
    "during_settings",  # load: while the settings folder is landed
    "during_dbt",  # transform: the dbt child process is running
    "after_dbt",  # run: dbt build finished, the mart checks have not started
    "during_checks",  # check (raw or marts, the first to run): expectations evaluated, results not stored
    "during_publish",  # publish: the temporary copy is written, not yet renamed into place
    "after_publish",  # run: the serving copy is in place, the summary is not printed
)


def checkpoint(name: str, delay_seconds: float = 0.0) -> None:
    """Kill this process (SIGKILL) when $SOCIALKPI_FAULT_AT is `name`; otherwise do nothing.

    `delay_seconds` lets a child process get under way first (`during_dbt`: dbt is writing when its parent
    dies); it is only waited when the point is armed."""
    if os.environ.get(FAULT_ENV) == name:
        time.sleep(delay_seconds)
        os.kill(os.getpid(), signal.SIGKILL)
