"""socialkpi: the command line an orchestrator calls step by step, or all at once with `run`.

    socialkpi sample     generate the bundled sample landing folder (deterministic for a seed)
    socialkpi inspect    what a load of a landing folder would do, file by file (writes nothing)
    socialkpi load       landing folder -> raw tables (dlt)
    socialkpi transform  dbt build: staging -> intermediate -> marts -> reporting, with tests
    socialkpi check      Great Expectations checkpoint on the marts
    socialkpi publish    copy the checked warehouse to the read-only file the app opens
    socialkpi run        all of the above, in order; stops at the first failing step
    socialkpi init DIR   write a commented starter settings folder (docs/settings.md)
    socialkpi onepager   the executive one-pager for a period as HTML, PDF or PNG (path printed)
    socialkpi alerts     open alerts and pause-automation recommendations; exit 1 on --fail-on
    socialkpi erase      remove one person (--email / --user) from raw, the marts and the published copy

Exit codes: 0 every step succeeded; 1 a step failed (its log line says which and why), or another run holds
the warehouse (writing commands take `<warehouse>.lock`; --wait SECONDS to wait for it); 2 bad arguments.
Each step logs one line `step=<name> status=<ok|failed> seconds=<s> …counts` on stderr for schedulers;
`run` prints a human summary on stdout.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path

from pipelines import arguments, config
from pipelines.faults import checkpoint

log = logging.getLogger("socialkpi")


class StepFailed(Exception):
    def __init__(self, step: str, reason: str):
        super().__init__(f"{step} failed: {reason}")
        self.step = step
        self.reason = reason


def step_line(step: str, status: str, seconds: float, **counts: object) -> None:
    fields = " ".join(f"{key}={value}" for key, value in counts.items())
    log.info("step=%s status=%s seconds=%.2f %s", step, status, seconds, fields)


def do_sample(args: argparse.Namespace) -> Path:
    from pipelines.sample import generate

    started = time.perf_counter()
    out = Path(args.out or config.landing_path(args.landing))
    written = generate(out, seed=args.seed, scale=args.scale)
    step_line("sample", "ok", time.perf_counter() - started, files=len(written), rows=sum(written.values()))
    return out


def do_load(args: argparse.Namespace):
    from pipelines.load import LoadError, load

    landing = config.landing_path(args.landing)
    warehouse = config.warehouse_path(args.warehouse)
    require_key(warehouse, generate=landing == str(config.DEFAULT_LANDING), step="load")
    started = time.perf_counter()
    try:
        report = load(
            landing,
            warehouse,
            full_refresh=getattr(args, "full_refresh", False),
            settings=getattr(args, "settings", None),
        )
    except LoadError as exc:
        step_line("load", "failed", time.perf_counter() - started)
        raise StepFailed("load", str(exc)) from exc
    for table in sorted(set(report.rows) | set(report.rejected)):
        log.info(
            "step=load table=%s loaded=%d rejected=%d duplicate=%d",
            table,
            report.rows.get(table, 0),
            report.rejected.get(table, 0),
            report.duplicates.get(table, 0),
        )
    from pipelines.summary import accounting_line

    log.info("step=load %s", " ".join(accounting_line(report.files).split()))
    for row in report.files:
        if row["status"] == "rejected":
            log.error("step=load file=%s status=rejected reason=%r", row["relative_path"], row["reason"])
        elif row["status"] == "not_used":
            log.info("step=load file=%s status=not_used reason=%r", row["relative_path"], row["reason"])
        if row.get("notes"):
            log.warning("step=load file=%s note=%r", row["relative_path"], row["notes"])
    privacy = report.privacy
    if privacy is not None:
        for table in sorted(set(privacy.erased) | set(privacy.purged)):
            log.info(
                "step=load table=%s erased=%d purged=%d",
                table,
                privacy.erased.get(table, 0),
                privacy.purged.get(table, 0),
            )
    if report.recovered:
        log.warning("step=load %s", report.recovered)
    status = "ok" if report.ok else "failed"
    step_line(
        "load",
        status,
        report.seconds,
        files=report.files_read,
        skipped_unchanged=report.files_skipped,
        rows=sum(report.rows.values()),
        rejected=sum(report.rejected.values()),
        erased=sum(privacy.erased.values()) if privacy else 0,
        purged=sum(privacy.purged.values()) if privacy else 0,
    )
    if not report.ok:
        names = sorted(
            {reject.file for reject in report.file_rejects}
            | {r["relative_path"] for r in report.rejected_files}
        )
        raise StepFailed(
            "load", f"{len(names)} file(s) rejected (whole, unrecognised or every row): {', '.join(names)}"
        )
    return report


def do_init(args: argparse.Namespace) -> None:
    from pipelines.settings import write_starter

    started = time.perf_counter()
    written = write_starter(args.folder, overwrite=args.force)
    for path in written:
        print(path)
    step_line("init", "ok", time.perf_counter() - started, folder=args.folder, files=len(written))


def do_transform(args: argparse.Namespace):
    from pipelines.transform import transform

    warehouse = config.warehouse_path(args.warehouse)
    report = transform(warehouse, select=getattr(args, "select", None))
    counts = {status: n for status, n in sorted(report.statuses.items())}
    step_line("transform", "ok" if report.success else "failed", report.seconds, **counts)
    for failure in report.failures:
        log.error("step=transform %s", failure)
    if not report.success:
        raise StepFailed(
            "transform", f"{len(report.failures)} dbt node(s) failed; first: {report.failures[:1]}"
        )
    return report


def do_check(args: argparse.Namespace):
    from datetime import UTC, datetime

    import duckdb

    from expectations.checkpoint import run_checks
    from pipelines.quality import new_run_id, store_check_results

    warehouse = config.warehouse_path(args.warehouse)
    if not warehouse.exists():
        raise StepFailed(
            "check", f"warehouse {warehouse} does not exist: run `socialkpi load` and `transform`"
        )
    layer = getattr(args, "layer", "all")
    checked_at = datetime.now(UTC)
    report = run_checks(warehouse, data_docs_dir=warehouse.parent / "data_docs" / warehouse.stem, layer=layer)
    checkpoint("during_checks")
    run_id = new_run_id(checked_at)
    try:  # stored before the verdict is acted on: a failed run is kept too
        stored = store_check_results(warehouse, report, run_id, checked_at)
    except duckdb.Error as exc:
        step_line("check", "failed", report.seconds, expectations=report.evaluated, stored=0)
        raise StepFailed("check", f"could not store the results in {warehouse}: {exc}") from exc
    step_line(
        "check",
        "ok" if report.success else "failed",
        report.seconds,
        layer=layer,
        expectations=report.evaluated,
        failed_errors=report.failed_errors,
        failed_warnings=report.failed_warnings,
        stored=stored,
        run_id=run_id,
    )
    if report.skipped:  # named, never silent: the landing folder has no files of these families
        log.info(
            "step=check layer=%s skipped_suites=%s reason=no-such-table", layer, ",".join(report.skipped)
        )
    for outcome in report.failures:
        level = logging.ERROR if outcome.severity == "error" else logging.WARNING
        log.log(
            level,
            "step=check severity=%s suite=%s expectation=%s columns=%s observed=%r",
            outcome.severity,
            outcome.suite,
            outcome.expectation_type,
            ",".join(outcome.columns),
            outcome.observed_value,
        )
    if not report.success:
        raise StepFailed("check", f"{report.failed_errors} error-severity expectation(s) failed")
    return report


def do_publish(args: argparse.Namespace) -> Path:
    from pipelines.publish import PublishError, publish

    started = time.perf_counter()
    try:
        target = publish(config.warehouse_path(args.warehouse))
    except PublishError as exc:
        step_line("publish", "failed", time.perf_counter() - started)
        raise StepFailed("publish", str(exc)) from exc
    step_line("publish", "ok", time.perf_counter() - started, serving=target)
    return target


def do_inspect(args: argparse.Namespace) -> None:
    """Exit 1 when anything would be rejected (a file, or rows of a file that loads), before anything is
    written: a user fixes it first, or knows what the load will leave out."""
    from pipelines.inspect import inspect_landing, render_json, render_table
    from pipelines.load import LoadError

    started = time.perf_counter()
    try:
        report = inspect_landing(config.landing_path(args.landing))
    except LoadError as exc:
        raise StepFailed("inspect", str(exc)) from exc
    sys.stdout.write(render_json(report) if args.format == "json" else render_table(report))
    rejected = sum(1 for view in report.files if view.status == "rejected")
    rows = sum(view.rows_rejected for view in report.files if view.status != "rejected")
    step_line(
        "inspect",
        "ok" if report.ok else "failed",
        time.perf_counter() - started,
        files=len(report.files),
        rejected_files=rejected,
        rejected_rows=rows,
    )
    if not report.ok:
        raise StepFailed("inspect", f"{rejected} file(s) and {rows} row(s) would be rejected")


def do_kpis(args: argparse.Namespace) -> None:
    import duckdb

    from pipelines.kpis import (
        KpiExportError,
        KpiRequest,
        compute_kpis,
        list_kpis,
        readable_file,
        render,
        resolve_request,
    )

    warehouse = config.warehouse_path(args.warehouse)
    started = time.perf_counter()
    try:
        if args.list:
            rows = list_kpis(warehouse)
            columns = ("kpi", "kpi_label", "kpi_section", "aggregation", "unit")
            sys.stdout.write(render_listing(rows, columns))
            return
        by = tuple(part.strip() for part in (args.by or "").split(",") if part.strip())
        request = KpiRequest(
            by=by,
            date_from=args.date_from,
            date_to=args.date_to,
            channel=(args.channel,) if args.channel else (),
            platform=(args.platform,) if args.platform else (),
            language=(args.language,) if args.language else (),
            kpis=tuple(part.strip() for part in (args.kpi or "").split(",") if part.strip()),
        )
        con = duckdb.connect(str(readable_file(warehouse)), read_only=True)
        try:
            request = resolve_request(con, request, args.preset)
            rows = compute_kpis(con, request)
        finally:
            con.close()
    except KpiExportError as exc:
        raise StepFailed("kpis", str(exc)) from exc
    sys.stdout.write(render(rows, request.by, args.format, request.compare_previous))
    period = f"{request.date_from or ''}..{request.date_to or ''}"
    step_line(
        "kpis", "ok", time.perf_counter() - started, rows=len(rows), preset=args.preset or "", period=period
    )


def do_attribution(args: argparse.Namespace) -> None:
    from pipelines.attribution import (
        AttributionExportError,
        AttributionRequest,
        columns_for,
        export_attribution,
        render,
    )

    started = time.perf_counter()
    request = AttributionRequest(
        models=(args.model,) if args.model else (),
        by=args.by or (),
        date_from=args.date_from,
        date_to=args.date_to,
        conversions=args.conversions,
    )
    try:
        rows = export_attribution(config.warehouse_path(args.warehouse), request)
    except AttributionExportError as exc:
        raise StepFailed("attribution", str(exc)) from exc
    sys.stdout.write(render(rows, columns_for(request), args.format))
    step_line("attribution", "ok", time.perf_counter() - started, rows=len(rows))


def do_onepager(args: argparse.Namespace) -> None:
    """Write the one-pager and print its path (a scheduler mails it); exit 1 with the reason otherwise."""
    from pipelines.kpis import KpiExportError
    from pipelines.onepager import Filters, Period, build_onepager, default_period, open_onepager
    from pipelines.onepager.html import render_html
    from pipelines.onepager.period import DEFAULT_DAYS, PeriodError
    from pipelines.onepager.printing import PrintError, print_html

    started = time.perf_counter()
    out = Path(args.out)
    filters = Filters(
        platform=(args.platform,) if args.platform else (),
        language=(args.language,) if args.language else (),
        channel=(args.channel,) if args.channel else (),
    )
    try:
        with open_onepager(config.warehouse_path(args.warehouse)) as con:
            if args.date_from and args.date_to:
                period = Period(args.date_from, args.date_to)
            elif args.date_to:  # 28 days ending --to
                period = Period(args.date_to - timedelta(days=DEFAULT_DAYS - 1), args.date_to)
            else:  # the last 28 days of data, or --from to the last day of data
                default = default_period(con)
                period = Period(args.date_from or default.start, default.end)
            onepager = build_onepager(con, period, filters)
        html = render_html(onepager)
        content = html.encode("utf-8") if args.format == "html" else print_html(html, args.format)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    except (KpiExportError, PeriodError, PrintError, OSError) as exc:
        raise StepFailed("onepager", str(exc)) from exc
    print(out.resolve())
    step_line(
        "onepager",
        "ok",
        time.perf_counter() - started,
        period=f"{period.start}..{period.end}",
        format=args.format,
        bytes=len(content),
        out=out,
    )


def add_onepager_parser(sub, common: argparse.ArgumentParser) -> None:
    from pipelines.onepager.printing import CHROMIUM_ENV, FORMATS

    onepager = sub.add_parser(
        "onepager",
        parents=[common],
        help="the executive one-pager as HTML, PDF or PNG",
        description="The executive one-pager (kpis.md §8): the four headline KPIs with the previous period of "
        "equal length and the change, the operational KPIs, what moved them (with the incremental-revenue "
        "formula), goals, open alerts, the funnel and community-influenced revenue over time. One "
        "self-contained HTML page; PDF and PNG print it with the system Chromium "
        f"(${CHROMIUM_ENV}, else chromium / chromium-browser / google-chrome on PATH). Prints the written "
        "file's path. Reads the published copy of the warehouse when there is one.",
    )
    onepager.add_argument(
        "--from",
        dest="date_from",
        type=date.fromisoformat,
        help="first day (YYYY-MM-DD); default: 28 days of data",
    )
    onepager.add_argument(
        "--to",
        dest="date_to",
        type=date.fromisoformat,
        help="last day, inclusive; default: the last day of data",
    )
    onepager.add_argument(
        "--platform", type=arguments.platform, help="instagram, facebook, tiktok, youtube, linkedin or x"
    )
    onepager.add_argument(
        "--language", type=arguments.language, help="BCP 47 tag as in the marts (en, fr-CA, …)"
    )
    onepager.add_argument("--channel", choices=("dm", "comment"))
    onepager.add_argument("--format", choices=FORMATS, default="html")
    onepager.add_argument("--out", required=True, help="the file to write")
    onepager.set_defaults(handler=do_onepager)


def add_attribution_parser(sub, common: argparse.ArgumentParser) -> None:
    from pipelines.attribution import MODELS, parse_by

    def by_groups(value: str) -> tuple[str, ...]:
        try:
            return parse_by(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    attribution = sub.add_parser(
        "attribution",
        parents=[common],
        help="attributed conversions and revenue per model and group (CSV or JSON)",
        description="Attributed conversions (Σ credits) and revenue per attribution model and group; with "
        "--conversions one row per conversion × model × credited touchpoint with its credit. Per conversion "
        "and model the credits sum to exactly 1. Reads the published copy of the warehouse when there is one.",
    )
    attribution.add_argument("--model", choices=MODELS, help="one attribution model (default: all)")
    attribution.add_argument(
        "--by", type=by_groups, help="comma-separated groups: model, platform, campaign, channel, month"
    )
    attribution.add_argument(
        "--from",
        dest="date_from",
        type=date.fromisoformat,
        help="first conversion date (YYYY-MM-DD), team time zone",
    )
    attribution.add_argument(
        "--to", dest="date_to", type=date.fromisoformat, help="last conversion date (YYYY-MM-DD), inclusive"
    )
    attribution.add_argument("--format", choices=("csv", "json"), default="csv")
    attribution.add_argument(
        "--conversions",
        action="store_true",
        help="one row per conversion × model × touchpoint with its credit",
    )
    attribution.set_defaults(handler=do_attribution)


def do_alerts(args: argparse.Namespace) -> None:
    from pipelines.alerts import AlertsError, AlertsRequest, read_alerts, render_json, render_table

    started = time.perf_counter()
    request = AlertsRequest(date_from=args.date_from, date_to=args.date_to, fail_on=args.fail_on)
    try:
        report = read_alerts(config.warehouse_path(args.warehouse), request)
    except AlertsError as exc:
        raise StepFailed("alerts", str(exc)) from exc
    sys.stdout.write(render_json(report) if args.format == "json" else render_table(report))
    failing = report.failing
    step_line(
        "alerts",
        "failed" if failing else "ok",
        time.perf_counter() - started,
        alerts=len(report.alerts),
        pause_recommendations=len(report.pause_recommendations),
        failing=len(failing),
    )
    if failing:
        raise StepFailed("alerts", f"{len(failing)} open alert(s) at or above {args.fail_on}")


def add_alerts_parser(sub, common: argparse.ArgumentParser) -> None:
    alerts = sub.add_parser(
        "alerts",
        parents=[common],
        help="open alerts and pause-automation recommendations (exit 1 on --fail-on)",
        description="The alerts of marts.fct_alerts (thresholds: alert_rules.csv of the settings folder, "
        "docs/settings.md) and the platforms x languages where pausing automation is recommended. Without "
        "--from/--to: the alerts open on the last data day; with them: every alert that fired in the period. "
        "Exit 1 when an open alert is at or above --fail-on. Reads the published copy when there is one.",
    )
    alerts.add_argument(
        "--from", dest="date_from", type=date.fromisoformat, help="first day (YYYY-MM-DD) of the period"
    )
    alerts.add_argument(
        "--to", dest="date_to", type=date.fromisoformat, help="last day (YYYY-MM-DD), inclusive"
    )
    alerts.add_argument("--format", choices=("table", "json"), default="table")
    alerts.add_argument(
        "--fail-on",
        choices=("warning", "critical"),
        help="exit 1 when an open alert has this severity or worse",
    )
    alerts.set_defaults(handler=do_alerts)


def privacy_lines(report) -> list[str]:
    """The run summary's account of personal data removed after the load (pipelines/privacy/enforce.py)."""
    if report is None:
        return []
    days = report.retention_days
    lines = [
        f"privacy          retention {days} days (settings.toml [privacy])"
        if days
        else "privacy          retention not set: raw personal data is kept (settings.toml [privacy])"
    ]
    for table in sorted(set(report.erased) | set(report.purged)):
        lines.append(
            f"  {table:28} erased {report.erased.get(table, 0):>7,} (erasure ledger)   "
            f"purged {report.purged.get(table, 0):>7,} (older than {days or '-'} days)"
        )
    if report.rejects_redacted:
        lines.append(f"  {report.rejects_redacted:,} rejected record(s) of erased people redacted")
    return lines


def do_erase(args: argparse.Namespace) -> None:
    """Erase the people named; print what was removed per table; exit 1 when the rebuild failed (the
    published copy then still holds them until `transform` and `publish` succeed)."""
    from pipelines.privacy.erasure import ErasureError, erase

    started = time.perf_counter()
    warehouse = config.warehouse_path(args.warehouse)
    if args.platform and not args.user:
        raise StepFailed("erase", "--platform goes with --user (an e-mail has no platform)")
    try:
        report = erase(warehouse, args.email or [], args.user or [], args.platform)
    except ErasureError as exc:
        step_line("erase", "failed", time.perf_counter() - started)
        raise StepFailed("erase", str(exc)) from exc
    print(f"erased from      {warehouse}")
    print(f"identifiers      {report.emails} e-mail(s), {report.user_ids} user id(s) (named and linked)")
    for table, count in sorted(report.removed.items()):
        print(f"  raw.{table:28} {count:>7,} row(s) deleted")
    if not report.removed:
        print("  no raw row held them (recorded anyway: later loads drop them)")
    print(f"  raw.load_rejects records redacted {report.rejects_redacted:,}")
    print(f"  dlt load-package files deleted    {report.package_files_deleted:,}")
    print(f"  erasure ledger                    {report.ledger_added:,} keyed hash(es) added")
    removed = sum(report.removed.values())
    if report.transform_failures:
        step_line("erase", "failed", time.perf_counter() - started, rows=removed)
        raise StepFailed(
            "erase",
            f"removed from raw, but the marts could not be rebuilt ({report.transform_failures[:1]}): the "
            "published copy still holds them until `socialkpi transform` and `socialkpi publish` succeed",
        )
    print(f"marts rebuilt, published copy replaced: {report.published}")
    step_line("erase", "ok", time.perf_counter() - started, rows=removed, serving=report.published)


def add_erase_parser(sub, common: argparse.ArgumentParser) -> None:
    erase = sub.add_parser(
        "erase",
        parents=[common],
        help="remove one person from raw, the marts and the published copy",
        description="Delete every raw row of a person (e-mails matched trimmed and lower-cased; user ids and "
        "handles without a leading @, lower-cased; identifiers linked to them in raw go too), record them "
        "in the erasure ledger as keyed hashes only (later loads drop them again), delete dlt's completed "
        "load-package files holding them, rebuild the marts and republish. Repeat --email / --user to erase "
        "several people at once. Needs the warehouse's key (docs: SOCIALKPI_PII_KEY).",
    )
    erase.add_argument("--email", action="append", metavar="ADDRESS", help="the person's e-mail address")
    erase.add_argument(
        "--user", action="append", metavar="ID", help="the person's platform user id or handle"
    )
    erase.add_argument(
        "--platform",
        help="the platform of the --user ids (instagram, facebook, tiktok, youtube, linkedin, x); default: all",
    )
    erase.set_defaults(handler=do_erase)


def render_listing(rows: list[dict], columns: tuple[str, ...]) -> str:
    return "".join("\t".join(str(row[c]) for c in columns) + "\n" for row in rows)


def require_key(warehouse: Path, generate: bool, step: str = "run") -> None:
    """A run or a load starts only with the key personal data is hashed with: the bundled sample makes a
    random local one; the user's own exports need theirs configured (pipelines/privacy/keys.py says how), so
    no personal data of theirs lands in raw before it can be hashed, retained and erased with their key."""
    from pipelines.privacy.keys import MissingKey, pii_key

    try:
        pii_key(warehouse, generate=generate)
    except MissingKey as exc:
        raise StepFailed(step, str(exc)) from exc


def do_run(args: argparse.Namespace) -> None:
    from pipelines.summary import file_lines, format_rate, headline_lines, read_headline, read_raw_counts

    started = time.perf_counter()
    uses_bundled_sample = not (args.landing or os.environ.get(config.LANDING_ENV))
    require_key(config.warehouse_path(args.warehouse), generate=uses_bundled_sample)
    if uses_bundled_sample:
        args.out = None
        do_sample(args)
    else:
        step_line("sample", "skipped", 0.0, reason="own-landing-folder")
    load_report = do_load(args)
    args.layer = "raw"  # the raw layer is checked after the load, before anything is built on it
    raw_check_report = do_check(args)
    transform_report = do_transform(args)
    checkpoint("after_dbt")
    args.layer = "marts"
    check_report = do_check(args)
    serving = do_publish(args)
    checkpoint("after_publish")

    warehouse = config.warehouse_path(args.warehouse)
    raw_counts = read_raw_counts(warehouse)
    headline = read_headline(warehouse)
    statuses = transform_report.statuses
    print()
    print(f"socialkpi run finished in {time.perf_counter() - started:.1f} s")
    print(f"landing folder   {load_report.landing}")
    for line in file_lines(load_report.files, load_report.recovered):
        print(line)
    print("loaded (this run / now in raw) and rejected, per table:")
    for table in sorted(set(raw_counts) | set(load_report.rows)):
        if table.startswith("_dlt") or table in {"landing_files", "load_rejects"}:
            continue
        print(
            f"  {table:28} {load_report.rows.get(table, 0):>9,} / {raw_counts.get(table, 0):>9,}"
            f"   rejected {load_report.rejected.get(table, 0):>5,}"
        )
    if load_report.files_skipped:
        print(f"  ({load_report.files_skipped} unchanged file(s) skipped: already loaded)")
    print(
        f"  rejects are in raw.load_rejects ({raw_counts.get('load_rejects', 0):,} rows, with file/line/reason)"
    )
    for line in privacy_lines(load_report.privacy):
        print(line)
    print(
        f"dbt build        {statuses.get('success', 0)} models/seeds ok, {statuses.get('pass', 0)} tests passed, "
        f"{statuses.get('warn', 0)} warnings, {statuses.get('error', 0) + statuses.get('fail', 0)} failed"
    )
    for label, report in (("raw", raw_check_report), ("marts", check_report)):
        failed = report.failed_errors + report.failed_warnings
        print(
            f"checks ({label:5})   {report.evaluated} expectations, {report.evaluated - failed} passed "
            f"({format_rate(1 - failed / max(report.evaluated, 1))})"
        )
    from pipelines.settings.summary import settings_lines

    for line in settings_lines(load_report.settings, warehouse):
        print(line)
    print("headline KPIs (whole period, all platforms):")
    for line in headline_lines(headline):
        print(line)
    print(f"warehouse        {warehouse}")
    print(f"app reads        {serving}")
    print("open the app     make app   (or: streamlit run app/streamlit_app.py)")


def build_parser() -> argparse.ArgumentParser:
    from pipelines.runlock import DEFAULT_WAIT_SECONDS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--landing",
        help=f"input folder or fsspec URL (env {config.LANDING_ENV}; default: the bundled sample folder data/sample)",
    )
    common.add_argument(
        "--warehouse",
        help=f"DuckDB file (env {config.WAREHOUSE_ENV}; default: .warehouse/socialkpi.duckdb)",
    )
    common.add_argument(
        "--settings",
        help=f"settings folder (env {config.SETTINGS_ENV}; default: settings/ inside the landing folder; "
        "docs/settings.md)",
    )
    common.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    common.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT_SECONDS,
        metavar="SECONDS",
        help="writing commands (load, transform, check, publish, run): how long to wait for another run on "
        f"the same warehouse to finish before failing (default {DEFAULT_WAIT_SECONDS:g}: fail at once)",
    )

    sample_args = argparse.ArgumentParser(add_help=False)
    sample_args.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    sample_args.add_argument("--scale", type=float, default=1.0, help="volume multiplier (default 1)")

    parser = argparse.ArgumentParser(prog="socialkpi", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sample = sub.add_parser("sample", parents=[common, sample_args], help="generate sample data")
    sample.add_argument("--out", help="folder to write (default: the landing folder)")
    sample.set_defaults(handler=do_sample)
    load = sub.add_parser("load", parents=[common], help="load the landing folder into raw (dlt)")
    load.add_argument(
        "--full-refresh", action="store_true", help="drop the raw layer and load everything again"
    )
    load.set_defaults(handler=do_load)
    inspect = sub.add_parser(
        "inspect",
        parents=[common],
        help="what a load of the landing folder would do, file by file (writes nothing)",
        description="Recognise every file of the landing folder by its content and read it as `load` would, "
        "without writing anything (no warehouse, no dlt state): per file its layout, platform, account, date "
        "range, rows that would load or be rejected (with the first reasons), and which KPI groups the "
        "landing can feed. Exit 1 when a file or a row would be rejected.",
    )
    inspect.add_argument("--format", choices=("table", "json"), default="table")
    inspect.set_defaults(handler=do_inspect)
    transform = sub.add_parser("transform", parents=[common], help="dbt build")
    transform.add_argument("--select", help="dbt node selection (default: everything)")
    transform.set_defaults(handler=do_transform)
    check = sub.add_parser(
        "check",
        parents=[common],
        help="Great Expectations checkpoint",
        description="Validate the warehouse against the suites in expectations/ (raw layer, marts, or both); "
        "results go to quality.check_results and Data Docs next to the warehouse. Exit 1 when an "
        "error-severity expectation fails; warnings are reported only.",
    )
    check.add_argument("--layer", choices=("raw", "marts", "all"), default="all")
    check.set_defaults(handler=do_check)
    sub.add_parser("publish", parents=[common], help="publish the read-only copy for the app").set_defaults(
        handler=do_publish
    )
    kpis = sub.add_parser(
        "kpis",
        parents=[common],
        help="export KPIs (one row per KPI and group) as CSV or JSON",
        description="One row per KPI and group: kpi, value, numerator, denominator, unit, the --by columns "
        "(previous_value and change with a comparing --preset), then note: a filter the KPI cannot take (costs "
        "have no language) is not applied to it and the note says so. "
        "Computed from the facts for the selected period (a period's median is the median of its rows). "
        "Rates are fractions, durations minutes. Content KPIs count the posts published in the period with "
        "their lifetime figures as of --to. Reads the published copy of the warehouse when there is one.",
    )
    kpis.add_argument(
        "--by",
        help="comma-separated groups: platform, language, channel, priority, template, post, campaign, "
        "content_type, date, week, month (a KPI whose fact has no such group is left out)",
    )
    kpis.add_argument(
        "--from", dest="date_from", type=date.fromisoformat, help="first date (YYYY-MM-DD), team time zone"
    )
    kpis.add_argument(
        "--to", dest="date_to", type=date.fromisoformat, help="last date (YYYY-MM-DD), inclusive"
    )
    kpis.add_argument("--channel", choices=("dm", "comment"))
    kpis.add_argument(
        "--platform", type=arguments.platform, help="instagram, facebook, tiktok, youtube, linkedin or x"
    )
    kpis.add_argument("--language", type=arguments.language, help="BCP 47 tag as in the marts (en, fr-CA, …)")
    kpis.add_argument("--kpi", help="comma-separated KPI ids (default: all)")
    kpis.add_argument(
        "--preset",
        choices=("daily", "weekly", "monthly"),
        help="cadence preset: daily inbox health (yesterday and today, by date), weekly trends by platform and "
        "language (last 7 days vs the 7 before), monthly business review (section 7 KPIs and ROI, last full "
        "month vs the month before); periods end on the last day with conversations; --from/--to override",
    )
    kpis.add_argument("--format", choices=("csv", "json", "table"), default="csv")
    kpis.add_argument("--list", action="store_true", help="list the KPI ids with label, section and unit")
    kpis.set_defaults(handler=do_kpis)
    add_attribution_parser(sub, common)
    add_onepager_parser(sub, common)
    add_alerts_parser(sub, common)
    add_erase_parser(sub, common)
    run = sub.add_parser(
        "run",
        parents=[common, sample_args],
        help="sample (bundled data only), load, transform, check, publish",
    )
    run.add_argument(
        "--full-refresh", action="store_true", help="drop the raw layer and load everything again"
    )
    run.set_defaults(handler=do_run)
    init = sub.add_parser(
        "init",
        help="write a commented starter settings folder",
        description="Write a starter settings folder (settings.toml and the CSVs of docs/settings.md) whose "
        "active lines are the defaults: open 24/7, one SLA policy, no holidays, no follower anchors, no goals "
        "(the spec's goal library as commented rows), the spec's alert thresholds.",
    )
    init.add_argument("folder", help="the folder to write (e.g. <landing>/settings)")
    init.add_argument("--force", action="store_true", help="overwrite files that exist")
    init.add_argument("-q", "--quiet", action="store_true", help="log warnings and errors only")
    init.set_defaults(handler=do_init)
    return parser


def configure_logging(quiet: bool) -> None:
    """Our step lines at INFO on stderr; other libraries' logs only from WARNING up."""
    logging.basicConfig(
        level=logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S%z",
        stream=sys.stderr,
        force=True,
    )
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    # Libraries (GX, dlt) set their own logger levels when imported: filter at the handler instead.
    for handler in logging.getLogger().handlers:
        handler.addFilter(lambda record: record.name == log.name or record.levelno >= logging.WARNING)


@contextmanager
def run_lock(args: argparse.Namespace) -> Iterator[None]:
    """One writing command per warehouse at a time (pipelines/runlock.py); reading commands never wait."""
    from pipelines.runlock import DEFAULT_WAIT_SECONDS, WRITING_COMMANDS, WarehouseBusy, warehouse_lock

    with ExitStack() as stack:
        if args.command in WRITING_COMMANDS:
            warehouse = config.warehouse_path(getattr(args, "warehouse", None))
            wait = getattr(args, "wait", DEFAULT_WAIT_SECONDS)
            try:
                stack.enter_context(warehouse_lock(warehouse, args.command, wait))
            except WarehouseBusy as exc:
                raise StepFailed(args.command, str(exc)) from exc
        yield


def stop_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM (a scheduler's timeout) unwinds like Ctrl-C: the handlers that stop our children run (dbt is
    killed, Playwright closes its Chromium) and the exit code says which signal ended the run."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    config.telemetry_off()
    os.environ.setdefault("RUNTIME__LOG_LEVEL", "ERROR")
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.quiet)
    handler: Callable[[argparse.Namespace], object] = args.handler
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, stop_on_sigterm) if on_main_thread else None
    try:
        with run_lock(args):
            handler(args)
    except StepFailed as exc:
        log.error("step=%s status=failed reason=%r", exc.step, exc.reason)
        return 1
    finally:
        if on_main_thread:  # called in-process (tests, an orchestrator): give the caller its handler back
            signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
