{#- Helpers for business hours and SLAs (int_business_hours_intervals, int_conversations_business_durations). -#}

{#- ISO weekday of a date: 1 = Monday … 7 = Sunday, as the business calendars' `weekday` counts. -#}
{% macro iso_weekday(date_expression) -%}
    {{ return(adapter.dispatch('iso_weekday', 'socialkpi')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro snowflake__iso_weekday(date_expression) -%}
    dayofweekiso({{ date_expression }})
{%- endmacro %}

{% macro bigquery__iso_weekday(date_expression) -%}
    mod(extract(dayofweek from {{ date_expression }}) + 5, 7) + 1
{%- endmacro %}

{#- Minutes after local midnight of an 'HH:MM' clock time; '24:00' is 1440, the end of the day. -#}
{% macro clock_minutes(hhmm) -%}
    (cast({{ dbt.split_part(hhmm, "':'", 1) }} as {{ dbt.type_int() }}) * 60
        + cast({{ dbt.split_part(hhmm, "':'", 2) }} as {{ dbt.type_int() }}))
{%- endmacro %}

{#- A one-row query giving the data's as-of instant (`as_of_at`, UTC): the latest event the inbox data has
    seen, never the wall clock, so a rebuild on the same data gives the same SLA verdicts. The var
    `inbox_as_of_at` pins it (a report "as of" a given instant). `relation` is a CTE or relation with the
    conversation moments of int_conversations_aggregated. -#}
{% macro inbox_as_of(relation, columns=none) -%}
    {%- set columns = columns or [
        'first_inbound_at', 'last_customer_message_at', 'first_response_at', 'first_human_response_at',
        'last_resolved_at'] -%}
    {%- if var('inbox_as_of_at', none) is not none -%}
    select cast('{{ var("inbox_as_of_at") }}' as {{ dbt.type_timestamp() }}) as as_of_at
    {%- else -%}
    select
        greatest(
            {%- for column in columns %}
            coalesce(max({{ column }}), max({{ columns[0] }})){{ "," if not loop.last }}
            {%- endfor %}
        ) as as_of_at
    from {{ relation }}
    {%- endif %}
{%- endmacro %}
