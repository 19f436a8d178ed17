{{ config(materialized='table') }}
-- One row per goal × KPI × day: the KPI's value over the goal's window (window_days, default 30) ending that
-- day, in the goal's scope, computed with the registry's own aggregate (macros/goal_kpis.sql). Days run from
-- the day before the start (that window is the baseline when goals.csv leaves it empty: "the 30 days before
-- the start") to the deadline or the last data day, whichever is first. A ratio is a ratio of the window's
-- sums and a median the median of the window's rows, never an average of daily values. `value` is NULL when
-- the window holds no row of the KPI's fact in the scope (no data, not zero).
{%- set facts = kpi_facts() %}

with

goals as (

    select goal_kpi_key, kpi, fact, platform, language, channel, intent, window_days, start_date, deadline,
        last_data_date
    from {{ ref('int_goals') }}

),

spans as (

    select
        goal_kpi_key,
        cast({{ dbt.dateadd('day', -1, 'start_date') }} as date) as first_date,
        case when deadline < last_data_date then deadline else last_data_date end as last_date
    from goals

),

spine as (

    {{ day_spine('spans', key='goal_kpi_key', date_name='value_date') }}

),

goal_days as (

    select spine.value_date, goals.*
    from spine
    inner join goals
        on spine.goal_kpi_key = goals.goal_kpi_key

),

{% for fact in facts %}
{%- set scope = goal_scope_columns(fact) %}
{%- set window_date = goal_window_date(fact) %}
{{ fact }}_window_rows as (

    select goal_days.goal_kpi_key, goal_days.value_date, goal_days.kpi as goal_kpi, fact_rows.*
    from goal_days
    inner join {{ ref(fact) }} as fact_rows
        on goal_days.fact = '{{ fact }}'
        and fact_rows.{{ window_date }} <= goal_days.value_date
        and fact_rows.{{ window_date }} > {{ dbt.dateadd('day', '0 - goal_days.window_days', 'goal_days.value_date') }}
        {%- if scope.platform %}
        and (goal_days.platform is null or fact_rows.{{ scope.platform }} = goal_days.platform)
        {%- endif %}
        {%- if scope.language %}
        and (goal_days.language is null or lower(fact_rows.{{ scope.language }}) = lower(goal_days.language)
            or lower(fact_rows.{{ scope.language }}) like {{ dbt.concat(['lower(goal_days.language)', "'-%'"]) }})
        {%- endif %}
        {%- if scope.channel %}
        and (goal_days.channel is null or fact_rows.{{ scope.channel }} = goal_days.channel)
        {%- endif %}
        {%- if scope.intent %}
        and (goal_days.intent is null or lower(fact_rows.{{ scope.intent }}) = lower(goal_days.intent))
        {%- endif %}

),

{% if kpi_facts()[fact].get('period_series') is not none %}
{{ fact }}_rows as (

    {{ kpi_period_flags(fact ~ '_window_rows', window_date,
                        ['goal_kpi_key', 'value_date'] + kpi_facts()[fact].period_series) }}

),
{% else %}
{{ fact }}_rows as (

    select * from {{ fact }}_window_rows

),
{% endif %}
{% endfor %}

{%- set relations = {} %}
{%- for fact in facts %}{% do relations.update({fact: fact ~ '_rows'}) %}{% endfor %}
kpi_values as (

    {{ goal_kpi_values(relations) }}

)

select
    goal_days.goal_kpi_key,
    goal_days.value_date,
    kpi_values.value
from goal_days
left join kpi_values
    on goal_days.goal_kpi_key = kpi_values.goal_kpi_key
    and goal_days.value_date = kpi_values.value_date
