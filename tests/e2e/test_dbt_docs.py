"""Every dbt model, and every column it builds, is documented in yml; every model's description says its grain."""

from __future__ import annotations

import json

import duckdb


def test_every_model_and_column_is_documented(sample_run):
    target = sample_run.warehouse.parent / "dbt" / sample_run.warehouse.stem / "target"
    manifest = json.loads((target / "manifest.json").read_text())
    con = duckdb.connect(str(sample_run.warehouse), read_only=True)
    try:
        built = {}
        for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
        ).fetchall():
            built.setdefault((schema, table), set()).add(column)
    finally:
        con.close()
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    assert len(models) >= 12
    problems = []
    for node in models:
        if not node["description"].strip().startswith("One row per"):
            problems.append(f"{node['name']}: description does not start with its grain ('One row per …')")
        documented = {name for name, col in node["columns"].items() if col.get("description", "").strip()}
        actual = built.get((node["schema"], node["alias"]), set())
        if not actual:
            problems.append(f"{node['name']}: not built")
        for column in sorted(actual - documented):
            problems.append(f"{node['name']}.{column}: no description")
        for column in sorted(set(node["columns"]) - actual):
            problems.append(f"{node['name']}.{column}: documented but not built")
    assert problems == []
