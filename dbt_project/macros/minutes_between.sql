{#- Minutes (seconds as the fraction) from `start` to `end`, as a double; NULL when either is NULL. -#}
{% macro minutes_between(start, end) -%}
    cast({{ dbt.datediff(start, end, 'second') }} as {{ type_double() }}) / 60
{%- endmacro %}
