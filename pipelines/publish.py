"""Publish: after `dbt build` and the checks pass, write the read-only serving file the app and the exports open.

DuckDB allows one writer or many readers, never both at once. The app reads only the serving copy, so a
load can run while the app is open, and the app never shows a warehouse whose checks failed
(write, audit, publish). The copy is written beside the target and swapped in with an atomic rename.

The serving file is NOT a copy of the warehouse: it is a fresh DuckDB file holding only the tables the app
and the exports read (PUBLISHED_TABLES), each written with CREATE TABLE AS. So it holds no raw layer (e-mails,
names, addresses, message texts), no staging or dlt tables, no view (a view's definition is SQL that can
carry anything its model was written with) and nothing a future model adds until someone decides to serve
it. What a published table holds is personal-data-free by construction: ids, handles and e-mails are keyed
hashes and free text is dropped in staging (dbt_project/DECISIONLOG.md, "Issue 13 - privacy").
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipelines.config import serving_path
from pipelines.faults import checkpoint

# What the app (app/), `socialkpi kpis` / `attribution` / `alerts` / `onepager` read, and nothing else. A KPI
# of the registry whose fact is not here stops the publish with its name (see check_registry_facts).
PUBLISHED_TABLES: tuple[str, ...] = (
    "marts.dim_kpis",
    "marts.fct_account_daily",
    "marts.fct_alerts",
    "marts.fct_attribution_credits",
    "marts.fct_automation_pause_recommendations",
    "marts.fct_comments",
    "marts.fct_conversations",
    "marts.fct_conversions",
    "marts.fct_costs",
    "marts.fct_goal_progress",
    "marts.fct_inbox_messages",
    "marts.fct_new_customer_retention",
    "marts.fct_orders",
    "marts.fct_post_daily",
    "marts.fct_roi_daily",
    "reporting.rpt_attribution__lift_tests",
    "reporting.rpt_content__campaign_kpis",
    "reporting.rpt_content__content_type_kpis",
    "reporting.rpt_content__platform_period_kpis",
    "reporting.rpt_content__platform_trends_daily",
    "reporting.rpt_content__post_kpis",
    "reporting.rpt_inbox__daily",
    "reporting.rpt_inbox__review_queue",
    "reporting.rpt_inbox__sla_breaches",
    "quality.check_results",
    "quality.check_runs",
)
SOURCE = "warehouse"


class PublishError(RuntimeError):
    """The serving file could not be written (the message names the warehouse and the table)."""


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "select schema_name || '.' || table_name from duckdb_tables() where database_name = ?", [SOURCE]
    ).fetchall()
    return {name for (name,) in rows}


def check_registry_facts(con: duckdb.DuckDBPyConnection, warehouse: Path, present: set[str]) -> None:
    """`socialkpi kpis` and the app compute every KPI from the fact named in dim_kpis: each must be served."""
    if "marts.dim_kpis" not in present:
        return
    facts = con.execute(f"select distinct fact_relation from {SOURCE}.marts.dim_kpis").fetchall()
    missing = sorted(fact for (fact,) in facts if fact not in PUBLISHED_TABLES)
    if missing:
        raise PublishError(
            f"{warehouse}: marts.dim_kpis computes KPIs from {', '.join(missing)}, which the serving file does "
            "not hold: add it to PUBLISHED_TABLES in pipelines/publish.py once it holds no personal data"
        )


def write_serving(warehouse: Path, temporary: Path) -> list[str]:
    """Write the allow-listed tables of `warehouse` into a new DuckDB file; the tables written."""
    for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(temporary))
    try:
        quoted = str(warehouse).replace("'", "''")
        con.execute(f"attach '{quoted}' as {SOURCE} (read_only)")
        present = existing_tables(con)
        check_registry_facts(con, warehouse, present)
        written = [name for name in PUBLISHED_TABLES if name in present]
        for name in written:
            schema, table = name.split(".")
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(f'create table "{schema}"."{table}" as select * from {SOURCE}."{schema}"."{table}"')
        con.execute(f"detach {SOURCE}")
        con.execute("checkpoint")
    except duckdb.Error as exc:
        raise PublishError(f"could not publish {warehouse}: {exc}") from exc
    finally:
        con.close()
    return written


def publish(warehouse: Path) -> Path:
    target = serving_path(warehouse)
    if not warehouse.exists():
        raise PublishError(f"warehouse {warehouse} does not exist: run `socialkpi run`")
    temporary = target.with_name(target.name + ".tmp")
    try:
        write_serving(warehouse, temporary)
        checkpoint("during_publish")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
