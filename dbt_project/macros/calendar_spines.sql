{#- One row per `key` (a column, or a list of columns) × day from `first_date` to `last_date` of each row of `spans` (a CTE with those columns),
    as `key`, `date_name`; at most var('content_max_days') days per key. Cross-database (dbt.generate_series). -#}
{% macro day_spine(spans, key='platform', date_name='metric_date') -%}
    {%- set keys = [key] if key is string else key %}
    select
        {% for k in keys %}{{ spans }}.{{ k }},
        {% endfor -%}
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', spans ~ '.first_date') }} as date) as {{ date_name }}
    from {{ spans }}
    inner join ({{ dbt.generate_series(var('content_max_days')) }}) as day_numbers
        on day_numbers.generated_number - 1 <= {{ dbt.datediff(spans ~ '.first_date', spans ~ '.last_date', 'day') }}
{%- endmacro %}

{#- Every row of `relation` once per period kind (`week`, `month`), with `period_kind` and `period_start`
    (the start of the week or month its `date_column` falls in), unioned. -#}
{% macro rows_per_period(relation, date_column, periods=['week', 'month']) -%}
    {%- for period in periods %}
    select
        '{{ period }}' as period_kind,
        cast({{ dbt.date_trunc(period, date_column) }} as date) as period_start,
        *
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
