"""dlt keeps no copy of personal data once a load is done.

By default dlt keeps every completed load package under `<warehouse dir>/.dlt/<pipeline>/load/loaded/`, each
with its data files (parquet, insert-values), raw texts, e-mails and names included, forever; and the merge
staging dataset (`raw_staging`) keeps the last batch of every merged table inside the warehouse. Neither is
needed once the data is in `raw`: a package that FAILED keeps its files (dlt deletes only completed jobs), so
a run killed half-way is still completed by the next one. Set through dlt's own configuration (its
environment provider), so a user's `.dlt/config.toml` or environment can still say otherwise on purpose.
"""

from __future__ import annotations

import os

SETTINGS = {
    # dlt.common.storages.configuration.LoadStorageConfiguration: delete a package's completed jobs
    "LOAD__DELETE_COMPLETED_JOBS": "true",
    # dlt.load.configuration.LoaderConfiguration: truncate the merge staging dataset after the load
    "LOAD__TRUNCATE_STAGING_DATASET": "true",
}


def keep_no_completed_packages() -> None:
    for key, value in SETTINGS.items():
        os.environ.setdefault(key, value)
