{#- dbt.safe_cast compiles to a plain cast on DuckDB; a bad value must become NULL, not fail the build. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
