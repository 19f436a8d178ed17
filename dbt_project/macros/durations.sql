{#- Durations are stored as whole microseconds (bigint) and turned into minutes only for display:
    - exact: events carry fractional seconds, which counting whole seconds would drop;
    - additive: a sum of integers does not depend on the order DuckDB's parallel aggregation adds rows in,
      so a rebuild on the same data gives byte-identical totals (a sum of doubles does not). -#}
{% macro microseconds_between(start, end) -%}
    {{ dbt.datediff(start, end, 'microsecond') }}
{%- endmacro %}

{% macro microseconds_to_minutes(microseconds) -%}
    cast({{ microseconds }} as {{ type_double() }}) / 60000000
{%- endmacro %}
