"""Run every suite in the GX file context `expectations/gx/` against the warehouse.

    run_checks(warehouse) -> CheckReport     # success is False iff an `error`-severity expectation failed
    python -m expectations.checkpoint [WAREHOUSE]   # prints the summary; exit 1 when the checks fail

The warehouse is opened read-only; each suite's query (in its meta) is read into pandas and validated through
GX's pandas data source. The runtime objects (data source, assets, batch definitions, validation definitions,
checkpoints) live in an ephemeral context built per run, so a run never writes into the committed `gx/` files:
it only reads the suites from there and writes Data Docs (HTML) into `data_docs_dir`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from pipelines.config import EXPECTATIONS_DIR, telemetry_off, warehouse_path

GX_DIR = EXPECTATIONS_DIR / "gx"
DEFAULT_DATA_DOCS_DIR = GX_DIR / "uncommitted" / "data_docs" / "local_site"
_EXAMPLES = 3  # unexpected values quoted per failed expectation


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    table: str
    expectation_type: str
    columns: tuple[str, ...]
    severity: str  # "error" | "warning"
    guards: str
    success: bool
    observed_value: str


@dataclass
class CheckReport:
    success: bool
    results: list[ExpectationOutcome] = field(default_factory=list)
    evaluated: int = 0
    failed_errors: int = 0
    failed_warnings: int = 0
    seconds: float = 0.0
    data_docs_index: Path | None = None
    skipped: list[str] = field(default_factory=list)  # optional suites whose table does not exist

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [outcome for outcome in self.results if not outcome.success]

    def summary(self) -> str:
        """A few lines for the CLI: the verdict, then one line per failed expectation."""
        verdict = "passed" if self.success else "FAILED"
        lines = [
            f"checks {verdict}: {self.evaluated} expectations, {self.failed_errors} errors, "
            f"{self.failed_warnings} warnings failed ({self.seconds:.1f} s)"
        ]
        if self.skipped:
            lines.append(f"  skipped (no such table in this warehouse): {', '.join(self.skipped)}")
        for o in self.failures:
            lines.append(
                f"  {o.severity:7} {o.suite}: {o.expectation_type}({', '.join(o.columns)}) "
                f"[{o.guards}] -> {o.observed_value}"
            )
        if self.data_docs_index:
            lines.append(f"  data docs: {self.data_docs_index}")
        return "\n".join(lines)


def run_checks(warehouse: Path, data_docs_dir: Path | None = None, layer: str = "all") -> CheckReport:
    """Validate the warehouse against the suites in `gx/` of `layer` (raw, marts or all); Data Docs into
    `data_docs_dir`. `socialkpi run` checks the raw layer after the load and the marts after dbt."""
    started = time.perf_counter()
    telemetry_off()
    import great_expectations as gx  # imported here: GX takes seconds to import, the CLI should not wait
    from great_expectations.data_context.types.base import ProgressBarsConfig

    suites = [suite for suite in _committed_suites(gx) if suite.name in _layer_suites(layer)]
    frames, skipped = _read_frames(Path(warehouse), suites)
    suites = [suite for suite in suites if suite.name in frames]

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    docs_dir = Path(data_docs_dir or DEFAULT_DATA_DOCS_DIR).resolve()
    context.update_data_docs_site(
        site_name="local_site",
        site_config={
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    source = context.data_sources.add_pandas("warehouse")

    outcomes: list[ExpectationOutcome] = []
    for committed in suites:
        suite = context.suites.add(committed)
        batch = source.add_dataframe_asset(suite.meta["table"]).add_batch_definition_whole_dataframe("all")
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=suite)
        )
        # One checkpoint per suite: Checkpoint.run passes the same batch_parameters (one dataframe) to all
        # its validation definitions, so one checkpoint cannot validate two tables read into pandas.
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(name=suite.name, validation_definitions=[validation], result_format="SUMMARY")
        )
        result = checkpoint.run(batch_parameters={"dataframe": frames[suite.name]})
        order = {expectation.id: i for i, expectation in enumerate(suite.expectations)}
        ranked = [
            (order[r.expectation_config.id], _outcome(suite.name, suite.meta["table"], r))
            for run in result.run_results.values()
            for r in run.results
        ]
        outcomes += [outcome for _, outcome in sorted(ranked, key=lambda pair: pair[0])]

    context.build_data_docs()
    failed = [o for o in outcomes if not o.success]
    failed_errors = sum(o.severity != "warning" for o in failed)
    return CheckReport(
        success=failed_errors == 0,
        results=outcomes,
        evaluated=len(outcomes),
        failed_errors=failed_errors,
        failed_warnings=len(failed) - failed_errors,
        seconds=round(time.perf_counter() - started, 3),
        data_docs_index=docs_dir / "index.html",
        skipped=skipped,
    )


def _layer_suites(layer: str) -> set[str]:
    from expectations.catalog import MART_SUITES, RAW_SUITES

    layers = {"raw": RAW_SUITES, "marts": MART_SUITES, "all": RAW_SUITES + MART_SUITES}
    if layer not in layers:
        raise ValueError(f"unknown layer {layer!r}: choose raw, marts or all")
    return {make.__name__ for make in layers[layer]}


def _committed_suites(gx: Any) -> list:
    """The suites in the committed file context (written by `python -m expectations.build_suites`)."""
    if not (GX_DIR / "great_expectations.yml").is_file():
        raise FileNotFoundError(f"no GX context in {GX_DIR}: run `python -m expectations.build_suites`")
    suites = gx.get_context(mode="file", project_root_dir=EXPECTATIONS_DIR).suites.all()
    return sorted(suites, key=lambda suite: suite.name)


def _read_frames(warehouse: Path, suites: list) -> tuple[dict[str, Any], list[str]]:
    """Each suite's query result as a pandas DataFrame, read with a read-only connection closed afterwards.

    A suite's query is its meta `query`, or built from the warehouse by its meta `query_builder`. An
    `optional` suite whose table does not exist (a family the landing folder lacks) is skipped and named.
    """
    from expectations.privacy_suites import QUERY_BUILDERS

    if not warehouse.is_file():
        raise FileNotFoundError(f"warehouse not found: {warehouse}")
    frames: dict[str, Any] = {}
    skipped: list[str] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {f"{schema}.{name}" for schema, name in con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()}  # fmt: skip
        for suite in suites:
            meta = suite.meta
            if meta.get("optional") and meta["table"] not in tables:
                skipped.append(suite.name)
                continue
            builder = meta.get("query_builder")
            query = QUERY_BUILDERS[builder](con) if builder else meta["query"]
            frames[suite.name] = con.sql(query).df()
    return frames, skipped


def _outcome(suite: str, table: str, r: Any) -> ExpectationOutcome:
    config = r.expectation_config
    kwargs = config.kwargs
    if "column" in kwargs:
        columns = (kwargs["column"],)
    elif "column_A" in kwargs:
        columns = (kwargs["column_A"], kwargs["column_B"])
    else:
        columns = tuple(kwargs.get("column_list", ()))
    meta = config.meta or {}
    return ExpectationOutcome(
        suite=suite,
        table=table,
        expectation_type=config.type,
        columns=columns,
        severity="warning" if meta.get("severity") == "warning" else "error",  # unknown counts as error
        guards=str(meta.get("guards", "")),
        success=bool(r.success),
        observed_value=_observed(dict(r.result or {}), r.exception_info or {}),
    )


def _observed(result: dict, exception_info: dict) -> str:
    """The observed value as text: the aggregate value, or unexpected counts with a few examples."""
    error = _exception_message(exception_info)
    if error:
        return f"error: {error}"
    if "observed_value" in result:
        return _text(result["observed_value"])
    if "unexpected_count" in result:
        text = f"{result['unexpected_count']} of {result.get('element_count')} rows unexpected"
        examples = result.get("partial_unexpected_list") or []
        if examples:
            text += ", e.g. " + "; ".join(_text(value) for value in examples[:_EXAMPLES])
        return text
    return ""


def _exception_message(info: dict) -> str | None:
    """GX puts one {raised_exception, exception_message} dict at the top, or one per failed metric."""
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception") or entry.get("exception_message"):
            return str(entry.get("exception_message") or "exception").splitlines()[0]
    return None


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k}={_text(v)}" for k, v in value.items()) + ")"
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_text(v) for v in value) + ")"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    report = run_checks(warehouse_path(args[0] if args else None))
    print(report.summary())
    return 0 if report.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
