"""Great Expectations layer: suites written from code into the file context in `gx/`, and one checkpoint runner.

Importing the package switches off the usage pings of dlt, dbt and GX before any module here imports GX.
"""

from pipelines.config import telemetry_off

telemetry_off()
