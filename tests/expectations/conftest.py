"""A copy of the warehouse the sample run built, for each test to corrupt on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest


def execute(warehouse: Path, *statements: str) -> None:
    """Run statements against the warehouse file with a read-write connection, closed afterwards."""
    with duckdb.connect(str(warehouse)) as con:
        for statement in statements:
            con.execute(statement)


@pytest.fixture
def warehouse(sample_run, tmp_path: Path) -> Path:
    """The real warehouse `socialkpi run` built from the sample (raw, marts, reports), copied."""
    assert sample_run.returncode == 0, sample_run.stderr
    path = tmp_path / "socialkpi.duckdb"
    shutil.copyfile(sample_run.warehouse, path)
    return path


@pytest.fixture
def corrupt(warehouse: Path):
    """Apply statements to the copied warehouse (a corruption the checks must catch)."""

    def apply(*statements: str) -> None:
        execute(warehouse, *statements)

    return apply
