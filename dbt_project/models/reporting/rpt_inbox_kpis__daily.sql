-- One row per date × platform × channel × language × priority × KPI: every inbox KPI of the registry
-- (macros/kpi_registry.sql) with its value, numerator and denominator. A day's row is exact for that day;
-- for a longer period sum numerators and denominators of rates (ratio of sums), or use `socialkpi kpis`,
-- which aggregates the facts themselves (medians and p90s cannot be rolled up from daily rows).
with

kpi_rows as (

    {{ kpi_rows(['platform', 'channel', 'language', 'priority']) }}

)

select * from kpi_rows
