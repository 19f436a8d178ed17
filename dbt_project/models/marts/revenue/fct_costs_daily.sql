-- One row per cost line of fct_costs × calendar day of its month: the line's cost and agent hours spread
-- evenly over the days (costs.csv gives months; a period shorter than a month, or not aligned to months, gets
-- its days' share). Exact: the amount is split in cents (agent hours in millionths) and the remainder goes one
-- unit each to the first days (macro spread_evenly), so a month's days sum to exactly the line, 31 days or
-- 28 (DECISIONLOG.md, "Business numbers for any period"). A line without a currency rate keeps NULL amounts.

with

costs as (

    select cost_key, cost_month, cost_category, platform, campaign_tag, cost_amount, agent_hours,
        currency_reject_reason
    from {{ ref('fct_costs') }}

),

cost_days as (

    select
        costs.*,
        day_numbers.generated_number as day_number,
        {{ dbt.datediff('costs.cost_month', dbt.dateadd('month', 1, 'costs.cost_month'), 'day') }} as days_in_month
    from costs
    inner join ({{ dbt.generate_series(31) }}) as day_numbers
        on day_numbers.generated_number
            <= {{ dbt.datediff('costs.cost_month', dbt.dateadd('month', 1, 'costs.cost_month'), 'day') }}

),

final as (

    select
        cost_key,
        cast({{ dbt.dateadd('day', 'day_number - 1', 'cost_month') }} as date) as cost_date,
        cost_month,
        days_in_month,
        cost_category,
        platform,
        campaign_tag,
        {{ spread_evenly('cost_amount', 'day_number', 'days_in_month', 2) }} as cost_amount,
        {{ spread_evenly('agent_hours', 'day_number', 'days_in_month', 6) }} as agent_hours,
        currency_reject_reason,
        day_number = 1 as is_first_day
    from cost_days

)

select * from final
