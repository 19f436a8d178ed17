-- Every conversion has, for every attribution model, credits summing to exactly 1 and attributed revenue
-- summing to exactly the order's revenue; a conversion missing from a model, or credits for an order that is
-- not a conversion, fail too (full outer join, NULL-safe comparisons).
with

conversions as (

    select order_id, revenue_amount
    from {{ ref('fct_orders') }}
    where is_conversion

),

attribution_models as (

    select distinct attribution_model
    from {{ ref('fct_attribution_credits') }}

),

expected as (

    select conversions.order_id, attribution_models.attribution_model, conversions.revenue_amount
    from conversions
    cross join attribution_models

),

credited as (

    select order_id, attribution_model, sum(credit) as credits, sum(attributed_revenue_amount) as revenue,
        min(credit) as smallest_credit
    from {{ ref('fct_attribution_credits') }}
    group by order_id, attribution_model

)

select
    coalesce(expected.order_id, credited.order_id) as order_id,
    coalesce(expected.attribution_model, credited.attribution_model) as attribution_model,
    expected.revenue_amount,
    credited.credits,
    credited.revenue
from expected
full outer join credited
    on expected.order_id = credited.order_id
    and expected.attribution_model = credited.attribution_model
where expected.order_id is null
    or credited.order_id is null
    or credited.credits is distinct from 1
    or credited.revenue is distinct from expected.revenue_amount
    or credited.smallest_credit < 0
