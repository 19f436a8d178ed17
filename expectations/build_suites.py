"""Write the suites listed in `expectations/catalog.py` into the GX file context `expectations/gx/`.

    python -m expectations.build_suites

Idempotent: the JSON is byte-stable (GX gives a new suite or expectation a random id; we replace it with one
derived from the suite name and the expectation's type and arguments), and suites no longer defined in code are
deleted. `tests/expectations` checks that the committed JSON equals what this writes.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import great_expectations as gx

from expectations.catalog import SUITES
from pipelines.config import EXPECTATIONS_DIR

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/socialkpi/expectations")


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, "/".join(parts)))


def build_suites(project_root: Path = EXPECTATIONS_DIR) -> list[str]:
    """Write every suite in `SUITES` into `<project_root>/gx/` (created if missing); return their names."""
    context = gx.get_context(mode="file", project_root_dir=project_root)
    suites = [make() for make in SUITES]
    names = [suite.name for suite in suites]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate suite names: {names}")

    for stale in context.suites.all():
        if stale.name not in names:
            context.suites.delete(stale.name)

    for suite in suites:
        saved = context.suites.add_or_update(suite)
        saved.id = _stable_id(saved.name)
        for expectation in saved.expectations:
            kwargs = json.dumps(expectation.configuration.kwargs, sort_keys=True, default=str)
            expectation.id = _stable_id(saved.name, expectation.expectation_type, kwargs)
        saved.save()
    return names


def main() -> None:
    names = build_suites()
    print(f"wrote {len(names)} suites into {EXPECTATIONS_DIR / 'gx'}: {', '.join(names)}")


if __name__ == "__main__":
    main()
