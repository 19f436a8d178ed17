-- One row per goal × KPI × scope of goals.csv, with what only the KPI registry can judge: the KPI id exists,
-- the KPI's fact can be split by the scope the goal names, and a count_per_period goal counts something.
-- `goal_error` names the goal and the field (NULL when the goal is valid); int_goals fails the build on it.
{%- set facts = kpi_facts() %}
{%- set scopes = ['platform', 'language', 'channel', 'intent'] %}

with

goals as (

    select * from {{ ref('stg_settings__goals') }}

),

registry as (

    {% for entry in kpi_registry() if entry.fact in facts %}
    {%- set columns = goal_scope_columns(entry.fact) %}
    select
        '{{ entry.kpi }}' as registry_kpi,
        '{{ entry.fact }}' as fact,
        '{{ entry.aggregation }}' as aggregation,
        '{{ entry.unit | replace("'", "''") }}' as unit,
        {{ 'true' if entry.get('comparison') else 'false' }} as compares_periods,
        {% for scope in scopes %}{{ 'true' if columns[scope] else 'false' }} as has_{{ scope }}{{ ',' if not loop.last }}
        {% endfor %}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

checked as (

    select
        goals.*,
        registry.fact,
        registry.aggregation,
        registry.unit,
        case
            when registry.registry_kpi is null
                then {{ dbt.concat(["'goal '", 'goals.goal_id', "', field kpi: unknown KPI id '", 'goals.kpi',
                    "' (not in the KPI registry: socialkpi kpis --list)'"]) }}
            when registry.compares_periods
                then {{ dbt.concat(["'goal '", 'goals.goal_id', "', field kpi: '", 'goals.kpi',
                    "' compares a period with the one before it; set the goal on a KPI it compares (e.g. dm_conversion_rate)'"]) }}
            {%- for scope in scopes %}
            when goals.{{ scope }} is not null and not registry.has_{{ scope }}
                then {{ dbt.concat(["'goal '", 'goals.goal_id', "', field " ~ scope ~ ": KPI '", 'goals.kpi',
                    "' cannot be split by " ~ scope ~ " (its fact '", 'registry.fact', "' has no " ~ scope ~ ")'"]) }}
            {%- endfor %}
            when goals.kind = 'count_per_period' and registry.aggregation not in ('sum', 'total')
                then {{ dbt.concat(["'goal '", 'goals.goal_id', "', field kind: count_per_period needs a count KPI; '",
                    'goals.kpi', "' is a '", 'registry.aggregation', "' (use level)'"]) }}
        end as goal_error
    from goals
    left join registry
        on goals.kpi = registry.registry_kpi

)

select
    {{ dbt.concat(['goal_id', "'|'", 'kpi', "'|'", "coalesce(platform, '*')", "'|'", "coalesce(language, '*')",
        "'|'", "coalesce(channel, '*')", "'|'", "coalesce(intent, '*')"]) }} as goal_kpi_key,
    *
from checked
