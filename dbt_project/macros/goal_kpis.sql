{#- Goals (kpis.md §9) judge any KPI of the one registry over a trailing window, in the scope a goal names.
    These macros say, per fact of kpi_facts(), which column a goal's scope filters on and which date puts a
    row in a window, and render the registry's own aggregate SQL (kpi_aggregates) per goal × KPI × day, so a
    goal's value is the registry's formula and nothing else. -#}

{#- {scope: column or none} for a fact: platform, language and channel are the registry's groups of the fact;
    intent is the conversations' and comments' own column. A scope a fact lacks cannot be applied (the goal
    is invalid: int_goals__checked). -#}
{% macro goal_scope_columns(fact) -%}
    {%- set groups = kpi_facts()[fact].groups -%}
    {%- set intent_facts = ['fct_conversations', 'fct_comments'] -%}
    {{ return({
        'platform': groups.get('platform'),
        'language': groups.get('language'),
        'channel': groups.get('channel'),
        'intent': 'intent' if fact in intent_facts else none,
    }) }}
{%- endmacro %}

{#- The date that puts a fact row in a window: the fact's date, except for the post-day fact, whose rows are
    the day's increments (what happened on metric_date), as in rpt_content__platform_trends_daily. -#}
{% macro goal_window_date(fact) -%}
    {{ return(kpi_facts()[fact].get('as_of_column') or kpi_facts()[fact].date_column) }}
{%- endmacro %}

{#- One select per registry KPI whose fact is in `relations` ({fact: CTE with goal_kpi_key, value_date,
    goal_kpi and the fact's columns}), keeping only the rows of goals on that KPI, grouped by goal × day. A KPI
    comparing two periods (`comparison`) has no value over one window: int_goals__checked rejects goals on it. -#}
{% macro goal_kpi_values(relations) -%}
    {%- set selected = [] -%}
    {%- for entry in kpi_registry() if entry.fact in relations and entry.get('comparison') is none -%}
        {%- do selected.append(entry) -%}
    {%- endfor -%}
    {%- for entry in selected %}
    {%- set sql = kpi_aggregates(entry) %}
    select goal_kpi_key, value_date, {{ sql.value }} as value
    from {{ relations[entry.fact] }}
    where goal_kpi = '{{ entry.kpi }}'
    group by goal_kpi_key, value_date
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- Stop the query with `message` (a column) when it is not null: an invalid setting fails the build with its
    own words, not with a count of failing rows. -#}
{% macro raise_if_present(message) -%}
    {{ return(adapter.dispatch('raise_if_present')(message)) }}
{%- endmacro %}

{% macro default__raise_if_present(message) -%}
    {{ exceptions.raise_compiler_error("raise_if_present has no implementation for " ~ target.type) }}
{%- endmacro %}

{% macro duckdb__raise_if_present(message) -%}
    case when {{ message }} is null then true else cast(error({{ message }}) as boolean) end
{%- endmacro %}
