-- One row per cost line of costs.csv (month × category × platform × campaign), in the reporting currency
-- (var `reporting_currency`) at the rate of the month's first day (stg_settings__currency_rates: the user's
-- rate, else the ECB's). A line without a rate keeps its amount empty and a `currency_reject_reason` (listed
-- in rpt_revenue__currency_rejects; macro currency_conversion).
{%- set reporting = var('reporting_currency') %}

with

monthly_costs as (

    select cost_key, cost_month, cost_category, platform, campaign_tag, cost_amount, currency_code, agent_hours
    from {{ ref('stg_costs__monthly_costs') }}

),

currency_rates as (

    select currency_code, reporting_currency_code, rate_date, rate, rate_source
    from {{ ref('stg_settings__currency_rates') }}

),

converted as (

    select
        monthly_costs.*,
        {{ currency_conversion('upper(monthly_costs.currency_code)',
            'cast(' ~ dbt.date_trunc('month', 'monthly_costs.cost_month') ~ ' as date)', reporting) }}
    from monthly_costs
    left join currency_rates
        on upper(monthly_costs.currency_code) = currency_rates.currency_code
        and currency_rates.reporting_currency_code = '{{ reporting }}'
        and cast({{ dbt.date_trunc('month', 'monthly_costs.cost_month') }} as date) = currency_rates.rate_date

),

final as (

    select
        cost_key,
        cast({{ dbt.date_trunc('month', 'cost_month') }} as date) as cost_month,
        cost_category,
        coalesce(nullif(platform, ''), '(all)') as platform,
        coalesce(nullif(campaign_tag, ''), '(none)') as campaign_tag,
        upper(currency_code) as original_currency_code,
        cost_amount as original_cost_amount,
        currency_rate,
        currency_rate_source,
        currency_reject_reason,
        nullif('{{ reporting }}', '') as currency_code,
        -- widened first: a monthly cost of 100,000 times a rate overflows decimal(18, x) otherwise
        cast(round(cast(cost_amount as decimal(38, 4)) * currency_rate, 2) as decimal(18, 2)) as cost_amount,
        agent_hours
    from converted

)

select * from final
