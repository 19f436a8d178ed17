{#- A UTC timestamp (naive) as wall-clock time in `tz` (default: the team's time zone), DST included. -#}
{% macro utc_to_local(timestamp_utc, tz=none) -%}
    {{ return(adapter.dispatch('utc_to_local', 'socialkpi')(timestamp_utc, tz or var('team_timezone'))) }}
{%- endmacro %}

{% macro default__utc_to_local(timestamp_utc, tz) -%}
    convert_timezone('UTC', '{{ tz }}', {{ timestamp_utc }})
{%- endmacro %}

{% macro duckdb__utc_to_local(timestamp_utc, tz) -%}
    timezone('{{ tz }}', timezone('UTC', {{ timestamp_utc }}))
{%- endmacro %}

{% macro postgres__utc_to_local(timestamp_utc, tz) -%}
    ({{ timestamp_utc }} at time zone 'UTC') at time zone '{{ tz }}'
{%- endmacro %}
