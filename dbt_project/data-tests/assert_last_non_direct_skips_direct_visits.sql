-- Last non-direct click (GA4's paid and organic last click) credits the last step on the path that is not a
-- direct visit; it credits a direct visit only when every step in the lookback is one. Returns the
-- conversions where the credited step is not that step.
with

steps as (

    select order_id, touchpoint_key, step_number, channel
    from {{ ref('fct_conversion_path_steps') }}

),

expected as (

    select order_id, touchpoint_key
    from (
        select
            order_id,
            touchpoint_key,
            row_number() over (
                partition by order_id
                order by case when channel <> 'direct' then 0 else 1 end, step_number desc
            ) as pick
        from steps
    ) as ranked
    where pick = 1

),

credited as (

    select order_id, touchpoint_key
    from {{ ref('fct_attribution_credits') }}
    where attribution_model = 'last_non_direct' and touchpoint_type <> 'none'

)

select
    coalesce(expected.order_id, credited.order_id) as order_id,
    expected.touchpoint_key as expected_touchpoint_key,
    credited.touchpoint_key as credited_touchpoint_key
from expected
full outer join credited
    on expected.order_id = credited.order_id
where expected.touchpoint_key is distinct from credited.touchpoint_key
