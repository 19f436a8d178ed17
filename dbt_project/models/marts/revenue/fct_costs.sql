-- One row per cost line of costs.csv (month × category × platform × campaign), in the reporting currency
-- (var `reporting_currency`) at the month's rate of seed `currency_rates`. A line in another currency without
-- a rate keeps its amount empty and a `currency_reject_reason` (listed in rpt_revenue__currency_rejects).
{%- set reporting = var('reporting_currency') %}

with

monthly_costs as (

    select cost_key, cost_month, cost_category, platform, campaign_tag, cost_amount, currency_code, agent_hours
    from {{ ref('stg_costs__monthly_costs') }}

),

currency_rates as (

    select currency_code, reporting_currency_code, rate_month, rate
    from {{ ref('currency_rates') }}

),

converted as (

    select
        monthly_costs.*,
        case
            when upper(monthly_costs.currency_code) = '{{ reporting }}' then cast(1 as decimal(18, 6))
            else currency_rates.rate
        end as currency_rate
    from monthly_costs
    left join currency_rates
        on upper(monthly_costs.currency_code) = currency_rates.currency_code
        and currency_rates.reporting_currency_code = '{{ reporting }}'
        and cast({{ dbt.date_trunc('month', 'monthly_costs.cost_month') }} as date) = currency_rates.rate_month

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
        case
            when currency_code is null then 'cost line has no currency'
            when currency_rate is null
                then 'no ' || upper(currency_code) || '->{{ reporting }} rate for '
                    || strftime(cost_month, '%Y-%m') || ' in seed currency_rates'
        end as currency_reject_reason,
        '{{ reporting }}' as currency_code,
        cast(round(cost_amount * currency_rate, 2) as decimal(18, 2)) as cost_amount,
        agent_hours
    from converted

)

select * from final
