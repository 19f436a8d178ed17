-- One row per KPI of the registry (macros/kpi_registry.sql), with the aggregate SQL that computes it over
-- its fact table. `socialkpi kpis` and the app evaluate exactly this SQL for any period and grouping, so
-- the formula lives in one place and a period's median is computed from the facts, never from daily rows.
{%- set fact_info = kpi_facts() %}

with

registry as (

    {% for entry in kpi_registry() %}
    {%- set sql = kpi_aggregates(entry) %}
    {%- set fact = ref(entry.fact) %}
    select
        '{{ entry.kpi }}' as kpi,
        '{{ entry.label }}' as kpi_label,
        '{{ entry.section }}' as kpi_section,
        '{{ entry.aggregation }}' as aggregation,
        '{{ entry.unit }}' as unit,
        '{{ fact.schema }}.{{ fact.identifier }}' as fact_relation,
        '{{ fact_info[entry.fact].date_column }}' as date_column,
        {%- set groups = fact_info[entry.fact].groups %}
        '{% for name in groups %}{{ name }}={{ groups[name] | replace("'", "''") }}{{ "," if not loop.last }}{% endfor %}' as group_columns,
        '{{ fact_info[entry.fact].get("as_of_column", "") }}' as as_of_column,
        '{{ fact_info[entry.fact].get("period_series", []) | join(",") }}' as period_series,
        {%- set unscoped = entry.get('unscoped', {}) %}
        '{% for name in unscoped %}{{ name }}={{ unscoped[name] | replace("'", "''") }}{{ ";" if not loop.last }}{% endfor %}' as unscoped_filters,
        '{{ entry.get("comparison", "") }}' as comparison,
        '{{ sql.value | replace("'", "''") }}' as value_sql,
        '{{ sql.numerator | replace("'", "''") }}' as numerator_sql,
        '{{ sql.denominator | replace("'", "''") }}' as denominator_sql,
        {%- set bounds = kpi_bounds(entry) %}
        cast({{ 'null' if bounds.min is none else bounds.min }} as {{ type_double() }}) as value_min,
        cast({{ 'null' if bounds.max is none else bounds.max }} as {{ type_double() }}) as value_max,
        {{ "'" ~ bounds.severity ~ "'" if bounds.severity else 'cast(null as ' ~ dbt.type_string() ~ ')' }} as bounds_severity,
        {{ loop.index }} as kpi_order
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from registry
