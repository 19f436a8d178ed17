"""The user's settings: business calendars, holidays, queues, SLA policies, currency, follower anchors.

They live in a folder with the user's data (`--settings DIR`, $SOCIALKPI_SETTINGS, default
`<landing>/settings/`; docs/settings.md), are validated with pydantic (a bad value names file, row and
field), and land in the warehouse's `settings` schema on every load, where dbt reads them.
"""

from pipelines.settings.errors import SettingsError
from pipelines.settings.folder import Settings, read_settings
from pipelines.settings.starter import write_starter
from pipelines.settings.warehouse import SettingsReport, land_settings, read_parameters

__all__ = [
    "Settings",
    "SettingsError",
    "SettingsReport",
    "land_settings",
    "read_parameters",
    "read_settings",
    "write_starter",
]
