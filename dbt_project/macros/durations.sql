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

{#- A timestamp plus a number of microseconds. dbt.dateadd on DuckDB multiplies `interval 1 microsecond`,
    which casts the count to a 32-bit integer and fails past 2^31 µs (36 minutes); DuckDB gets its own form. -#}
{% macro add_microseconds(timestamp, microseconds) -%}
    {{ return(adapter.dispatch('add_microseconds', 'socialkpi')(timestamp, microseconds)) }}
{%- endmacro %}

{% macro default__add_microseconds(timestamp, microseconds) -%}
    {{ dbt.dateadd('microsecond', microseconds, timestamp) }}
{%- endmacro %}

{% macro duckdb__add_microseconds(timestamp, microseconds) -%}
    ({{ timestamp }} + to_microseconds(cast({{ microseconds }} as {{ dbt.type_bigint() }})))
{%- endmacro %}
