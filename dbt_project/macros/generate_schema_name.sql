{#- Custom schemas are used as written (staging, intermediate, marts, reporting), not prefixed with the
    target schema: the raw layer is `raw` (dlt) and every reader names the layer it reads. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
