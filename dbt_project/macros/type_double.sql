{#- A double-precision float. dbt.type_float() is `float`, which DuckDB reads as 32-bit FLOAT4: rates and
    minutes would lose precision after the 7th digit (the GX ratio checks caught it). -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'socialkpi')()) }}
{%- endmacro %}

{% macro default__type_double() -%}double precision{%- endmacro %}

{% macro bigquery__type_double() -%}float64{%- endmacro %}
