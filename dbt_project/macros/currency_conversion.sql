{#- The rate, its source and the reject reason of an amount in `currency` dated `day`, into the reporting
    currency `reporting` (var `reporting_currency`), read from the joined `currency_rates` relation
    (stg_settings__currency_rates, one row per currency × day). Used by fct_orders and fct_costs so an amount
    is converted, or rejected, by one rule:
      * no reporting currency (settings.toml sets none and the data has several): every amount is empty, with
        var `reporting_currency_reason` as the reason;
      * the reporting currency itself: rate 1;
      * otherwise the day's rate (the user's, else the ECB's), or empty with the reason. -#}
{% macro currency_conversion(currency, day, reporting) -%}
    {%- set no_reporting = var('reporting_currency_reason', 'no reporting currency') | replace("'", "''") -%}
    {%- if reporting == '' -%}
        cast(null as decimal(18, 10)) as currency_rate,
        cast(null as {{ dbt.type_string() }}) as currency_rate_source,
        case
            when {{ currency }} is null then 'no currency'
            else '{{ no_reporting }}'
        end as currency_reject_reason
    {%- else -%}
        case
            when {{ currency }} = '{{ reporting }}' then cast(1 as decimal(18, 10))
            else currency_rates.rate
        end as currency_rate,
        case
            when {{ currency }} = '{{ reporting }}' then 'same currency'
            else currency_rates.rate_source
        end as currency_rate_source,
        case
            when {{ currency }} is null then 'no currency'
            when {{ currency }} <> '{{ reporting }}' and currency_rates.rate is null
                then 'no ' || {{ currency }} || '->{{ reporting }} rate for ' || strftime({{ day }}, '%Y-%m-%d')
                    || ': add it to currency_rates.csv'
        end as currency_reject_reason
    {%- endif -%}
{%- endmacro %}
