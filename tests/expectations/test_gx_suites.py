"""The committed GX JSON is exactly what the code writes, and every expectation says what it guards."""

from __future__ import annotations

import shutil
from pathlib import Path

from expectations.build_suites import build_suites
from expectations.catalog import SUITES
from expectations.checkpoint import GX_DIR

FIX = "out of date: run `python -m expectations.build_suites` and commit expectations/gx/"


def files(gx_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(gx_dir)): path.read_bytes()
        for path in sorted(gx_dir.rglob("*"))
        if path.is_file() and "uncommitted" not in path.parts
    }


def test_committed_suite_json_equals_a_fresh_build_from_code(tmp_path: Path):
    build_suites(tmp_path)

    fresh = sorted((tmp_path / "gx" / "expectations").glob("*.json"))
    committed = sorted((GX_DIR / "expectations").glob("*.json"))
    assert [p.name for p in fresh] == [p.name for p in committed], FIX
    for new, old in zip(fresh, committed, strict=True):
        assert new.read_bytes() == old.read_bytes(), f"{old.name} {FIX}"


def test_rebuilding_the_committed_context_changes_nothing(tmp_path: Path):
    shutil.copytree(GX_DIR, tmp_path / "gx", ignore=shutil.ignore_patterns("uncommitted"))

    build_suites(tmp_path)

    assert files(tmp_path / "gx") == files(GX_DIR), FIX


def test_every_expectation_names_its_severity_and_what_it_guards():
    gx_severity = {"error": "critical", "warning": "warning"}
    for make in SUITES:
        suite = make()
        assert "table" in suite.meta, suite.name
        assert ("query" in suite.meta) != ("query_builder" in suite.meta), suite.name  # exactly one of them
        for expectation in suite.expectations:
            meta = expectation.meta or {}
            assert meta.get("severity") in gx_severity, (suite.name, expectation)
            assert meta.get("guards"), (suite.name, expectation)
            assert expectation.severity.value == gx_severity[meta["severity"]]
