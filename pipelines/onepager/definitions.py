"""Each KPI's definition for a tooltip: the dbt docs block named after the KPI id, the text `dbt docs`
shows, so the app, the HTML page and the docs site read one source.

A KPI without its own docs block falls back to its registry label and aggregation (`marts.dim_kpis`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pipelines.config import DBT_PROJECT_DIR

DOCS_BLOCK = re.compile(r"{%-?\s*docs\s+(\w+)\s*-?%}(.*?){%-?\s*enddocs\s*-?%}", re.DOTALL)
AGGREGATIONS = {
    "rate": "share of rows meeting the condition (Σ numerator ÷ Σ denominator)",
    "ratio": "ratio of sums (Σ numerator ÷ Σ denominator)",
    "custom": "a product of two ratios of sums",
    "sum": "total over the period",
    "total": "total over the period (empty where nothing was reported)",
    "mean": "mean over the period's rows (Σ x ÷ n)",
    "median": "median over the period's rows",
    "p90": "90th percentile over the period's rows",
}


@lru_cache(maxsize=4)
def docs_blocks(models_dir: Path = DBT_PROJECT_DIR / "models") -> dict[str, str]:
    """Every `{% docs name %}…{% enddocs %}` block of the dbt project, by name, whitespace collapsed."""
    blocks: dict[str, str] = {}
    for path in sorted(models_dir.rglob("*.md")):
        for name, text in DOCS_BLOCK.findall(path.read_text(encoding="utf-8")):
            blocks[name] = " ".join(text.split())
    return blocks


def definition(kpi: str, label: str, aggregation: str | None = None) -> str:
    """The docs block of `kpi`, else '<label>: <how it aggregates>'."""
    block = docs_blocks().get(kpi)
    if block:
        return block
    how = AGGREGATIONS.get(aggregation or "")
    return f"{label}: {how}." if how else f"{label}."
