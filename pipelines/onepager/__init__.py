"""The executive one-pager (kpis.md §8): the headline four with their previous period and change, the
operational KPIs the team owns, the bridge from operations to outcomes, goals, open alerts, the funnel and
community-influenced revenue over time.

Every number is a value of the one KPI registry (`marts.dim_kpis`, evaluated by `pipelines.kpis.compute_kpis`)
or a row of a mart; this package only chooses periods and filters, combines two registry values where the
one-pager needs a difference, and renders the result (HTML, PDF, PNG; the app draws the same `OnePager`).
"""

from pipelines.onepager.period import Filters, Period, default_period
from pipelines.onepager.report import OnePager, build_onepager, open_onepager

__all__ = ["Filters", "OnePager", "Period", "build_onepager", "default_period", "open_onepager"]
