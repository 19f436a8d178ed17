-- fct_roi_monthly (the roll-up of fct_roi_daily) hands out exactly the conversions' revenue (every conversion is
-- credited under the ROI model, unattributed included) and exactly the reportable costs, month by month: an
-- order counts in the month of its date in the team time zone (order_date, as every daily fact), a cost line
-- in its own month (spread over that month's days to the cent).
with

roi as (

    select month, sum(attributed_revenue_amount) as revenue, sum(support_cost_amount + ad_spend_amount + other_cost_amount) as cost
    from {{ ref('fct_roi_monthly') }}
    group by month

),

revenue as (

    select cast({{ dbt.date_trunc('month', 'order_date') }} as date) as month, sum(revenue_amount) as revenue
    from {{ ref('fct_orders') }}
    where is_conversion
    group by 1

),

costs as (

    select cost_month as month, sum(coalesce(cost_amount, 0)) as cost
    from {{ ref('fct_costs') }}
    group by cost_month

),

expected as (

    select coalesce(revenue.month, costs.month) as month, coalesce(revenue.revenue, 0) as revenue,
        coalesce(costs.cost, 0) as cost
    from revenue
    full outer join costs
        on revenue.month = costs.month

)

select
    coalesce(expected.month, roi.month) as month,
    expected.revenue as expected_revenue,
    roi.revenue as roi_revenue,
    expected.cost as expected_cost,
    roi.cost as roi_cost
from expected
full outer join roi
    on expected.month = roi.month
-- a month on one side only counts as zero there (a month with conversations but no orders or costs is fine)
where coalesce(expected.revenue, 0) <> coalesce(roi.revenue, 0)
    or coalesce(expected.cost, 0) <> coalesce(roi.cost, 0)
