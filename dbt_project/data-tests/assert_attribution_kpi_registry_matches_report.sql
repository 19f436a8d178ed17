-- The registry entries of the ROI KPIs (macros/attribution_kpis.sql), evaluated over the DAILY fact they are
-- served from (fct_roi_daily, costs spread over their days) per calendar month, give the same value, numerator
-- and denominator as rpt_revenue__unit_economics_monthly's month roll-up: the formula the exports serve for any
-- period is the one the report and its golden unit tests check. (incremental_* compare with the period of
-- equal length before, the report with the calendar month before; retention_uplift has its own fact.)
{%- set entries = attribution_kpi_registry() | selectattr('fact', 'equalto', 'fct_roi_daily')
    | rejectattr('comparison', 'defined') | list %}

with

registry as (

    {% for entry in entries %}
    {%- if entry.aggregation in ('ratio', 'custom') %}
        {%- set sql = attribution_kpi_aggregates(entry) %}
    {%- else %}
        {%- set sql = {'value': 'cast(coalesce(sum(' ~ entry.expression ~ '), 0) as ' ~ type_double() ~ ')', 'numerator': 'null', 'denominator': 'null'} %}
    {%- endif %}
    select cast({{ dbt.date_trunc('month', 'roi_date') }} as date) as month, '{{ entry.kpi }}' as kpi,
        {{ sql.value }} as value, {{ sql.numerator }} as numerator, {{ sql.denominator }} as denominator
    from {{ ref('fct_roi_daily') }}
    group by 1
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

report as (

    {% for entry in entries %}
    {%- set column = {'attributed_revenue': 'attributed_revenue_amount', 'attributed_conversions': 'attributed_conversions'}.get(entry.kpi, entry.kpi) %}
    select month, '{{ entry.kpi }}' as kpi, cast({{ column }} as {{ type_double() }}) as value,
        {% if entry.aggregation in ('ratio', 'custom') %}{{ entry.kpi }}_numerator{% else %}null{% endif %} as numerator,
        {% if entry.aggregation in ('ratio', 'custom') %}{{ entry.kpi }}_denominator{% else %}null{% endif %} as denominator
    from {{ ref('rpt_revenue__unit_economics_monthly') }}
    where grouping_level = 'month'
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

)

select
    coalesce(registry.month, report.month) as month,
    coalesce(registry.kpi, report.kpi) as kpi,
    registry.value as registry_value,
    report.value as report_value
from registry
full outer join report
    on registry.month = report.month
    and registry.kpi = report.kpi
where registry.kpi is null
    or report.kpi is null
    or abs(coalesce(registry.value, 0) - coalesce(report.value, 0)) > 1e-9 * greatest(1, abs(coalesce(report.value, 0)))
    or (registry.value is null) <> (report.value is null)
    or abs(coalesce(registry.numerator, 0) - coalesce(report.numerator, 0)) > 1e-9 * greatest(1, abs(coalesce(report.numerator, 0)))
    or abs(coalesce(registry.denominator, 0) - coalesce(report.denominator, 0)) > 1e-9 * greatest(1, abs(coalesce(report.denominator, 0)))
