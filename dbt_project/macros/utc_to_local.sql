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

{#- A local wall-clock timestamp (naive) in a time zone as a UTC timestamp (naive), DST included: the
    inverse of utc_to_local. `tz` names a zone ('America/Toronto', default: the team's); `tz_expression` is
    a SQL expression instead (a column holding each row's zone, e.g. a business calendar's `time_zone`).
    A local time that does not exist (inside a spring-forward gap) or exists twice (in the fall-back hour)
    is resolved by the database; business hours do not start or end in those hours. -#}
{% macro local_to_utc(timestamp_local, tz=none, tz_expression=none) -%}
    {%- set tz_sql = tz_expression if tz_expression is not none else "'" ~ (tz or var('team_timezone')) ~ "'" -%}
    {{ return(adapter.dispatch('local_to_utc', 'socialkpi')(timestamp_local, tz_sql)) }}
{%- endmacro %}

{% macro default__local_to_utc(timestamp_local, tz_sql) -%}
    convert_timezone({{ tz_sql }}, 'UTC', {{ timestamp_local }})
{%- endmacro %}

{% macro duckdb__local_to_utc(timestamp_local, tz_sql) -%}
    timezone('UTC', timezone({{ tz_sql }}, {{ timestamp_local }}))
{%- endmacro %}

{% macro postgres__local_to_utc(timestamp_local, tz_sql) -%}
    ({{ timestamp_local }} at time zone {{ tz_sql }}) at time zone 'UTC'
{%- endmacro %}
