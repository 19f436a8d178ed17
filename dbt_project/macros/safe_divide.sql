{#- numerator / denominator as a double, NULL when the denominator is 0 or NULL (never a division error). -#}
{% macro safe_divide(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
