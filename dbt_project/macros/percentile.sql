{#- Continuous percentile (interpolated), NULLs ignored: median = percentile(x, 0.5), p90 = percentile(x, 0.9). -#}
{% macro percentile(expression, fraction) -%}
    {{ return(adapter.dispatch('percentile', 'socialkpi')(expression, fraction)) }}
{%- endmacro %}

{% macro default__percentile(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__percentile(expression, fraction) -%}
    quantile_cont({{ expression }}, {{ fraction }})
{%- endmacro %}
