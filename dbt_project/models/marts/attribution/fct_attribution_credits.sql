-- One row per conversion × attribution model × credited touchpoint, with the touchpoint's credit and its
-- share of the order's revenue. Per conversion and model the credits sum to exactly 1 and the attributed
-- revenue to exactly the order's revenue: every share but the largest is rounded (credit to 15 decimals,
-- revenue to 6) and the largest takes the remainder, in decimals, so no floating-point sum is involved.
-- A conversion with no touchpoint the model can credit gets one `unattributed` row (credit 1), so the
-- totals of every model reconcile with the orders.
--   last_touch_utm   the last step carrying UTM (a journey visit)
--   dm_last_touch    the last DM conversation on the path; without one, as last_touch_utm
--   promo_code       the conversation that issued the redeemed one-time code (dark social)
--   first_touch      the first step
--   linear           every step alike
--   position_based   40 % first, 40 % last, 20 % shared by the middle (1 step: 100 %; 2 steps: 50/50)
--   time_decay       weight 2^(−days before the conversion ÷ var attribution_half_life_days)
--   last_non_direct  GA4's "paid and organic last click": the last step whose channel is not `direct` (organic
--                    search, referral, e-mail, social visits and conversations all count); only when every step
--                    in the lookback is a direct visit, the last of them
{%- set half_life = var('attribution_half_life_days') %}
{%- set attribution_models = ['last_touch_utm', 'dm_last_touch', 'promo_code', 'first_touch', 'linear', 'position_based', 'time_decay', 'last_non_direct'] %}

with

path_steps as (

    select order_id, touchpoint_key, touchpoint_type, touchpoint_role, channel, platform, campaign_tag,
        conversation_key, touched_at, step_number, steps_total, utm_step_from_end, dm_step_from_end,
        non_direct_step_from_end, days_before_conversion, is_social, is_promo_code_source
    from {{ ref('fct_conversion_path_steps') }}

),

conversions as (

    select order_id, created_at as converted_at, order_date, order_month, is_first_order, revenue_amount, currency_code
    from {{ ref('fct_orders') }}
    where is_conversion

),

attribution_models as (

    {% for model in attribution_models -%}
    select '{{ model }}' as attribution_model, {{ loop.index }} as model_order
    {% if not loop.last %}union all
    {% endif %}
    {%- endfor %}

),

path_facts as (

    select
        order_id,
        max(case when channel = 'dm' then 1 else 0 end) = 1 as has_dm,
        max(case when channel <> 'direct' then 1 else 0 end) = 1 as has_non_direct
    from path_steps
    group by order_id

),

weighted as (

    select
        path_steps.*,
        attribution_models.attribution_model,
        case attribution_models.attribution_model
            when 'last_touch_utm' then case when path_steps.utm_step_from_end = 1 then 1.0 else 0.0 end
            when 'dm_last_touch' then
                case
                    when path_facts.has_dm then case when path_steps.dm_step_from_end = 1 then 1.0 else 0.0 end
                    when path_steps.utm_step_from_end = 1 then 1.0
                    else 0.0
                end
            when 'promo_code' then case when path_steps.is_promo_code_source then 1.0 else 0.0 end
            when 'first_touch' then case when path_steps.step_number = 1 then 1.0 else 0.0 end
            when 'linear' then 1.0
            when 'position_based' then
                case
                    when path_steps.steps_total = 1 then 1.0
                    when path_steps.steps_total = 2 then 0.5
                    when path_steps.step_number in (1, path_steps.steps_total) then 0.4
                    else 0.2 / (path_steps.steps_total - 2)
                end
            when 'time_decay' then power(2.0, -path_steps.days_before_conversion / {{ half_life }})
            when 'last_non_direct' then
                case
                    when path_facts.has_non_direct then
                        case when path_steps.non_direct_step_from_end = 1 then 1.0 else 0.0 end
                    when path_steps.step_number = path_steps.steps_total then 1.0
                    else 0.0
                end
        end as weight
    from path_steps
    cross join attribution_models
    inner join path_facts
        on path_steps.order_id = path_facts.order_id

),

credited_steps as (

    select
        order_id, attribution_model, touchpoint_key, touchpoint_type, touchpoint_role, channel, platform,
        campaign_tag, conversation_key, touched_at, step_number, steps_total, is_social,
        cast(weight as {{ type_double() }}) as weight
    from weighted
    where weight > 0

),

unattributed as (

    select
        conversions.order_id,
        attribution_models.attribution_model,
        'unattributed:' || conversions.order_id as touchpoint_key,
        'none' as touchpoint_type,
        'none' as touchpoint_role,
        'unattributed' as channel,
        cast(null as {{ dbt.type_string() }}) as platform,
        cast(null as {{ dbt.type_string() }}) as campaign_tag,
        cast(null as {{ dbt.type_string() }}) as conversation_key,
        cast(null as {{ dbt.type_timestamp() }}) as touched_at,
        cast(null as {{ dbt.type_bigint() }}) as step_number,
        cast(0 as {{ dbt.type_bigint() }}) as steps_total,
        false as is_social,
        cast(1 as {{ type_double() }}) as weight
    from conversions
    cross join attribution_models
    where not exists (
        select 1
        from credited_steps
        where credited_steps.order_id = conversions.order_id
            and credited_steps.attribution_model = attribution_models.attribution_model
    )

),

all_credits as (

    select * from credited_steps
    union all
    select * from unattributed

),

shares as (

    select
        all_credits.*,
        all_credits.weight / sum(all_credits.weight) over (
            partition by all_credits.order_id, all_credits.attribution_model) as share,
        row_number() over (
            partition by all_credits.order_id, all_credits.attribution_model
            order by all_credits.weight desc, all_credits.step_number desc nulls first, all_credits.touchpoint_key
        ) as share_rank
    from all_credits

),

provisional as (

    select
        shares.*,
        conversions.converted_at,
        conversions.order_date,
        conversions.order_month,
        conversions.is_first_order,
        conversions.revenue_amount,
        conversions.currency_code,
        case
            when shares.share_rank > 1 then cast(round(cast(shares.share as decimal(38, 18)), 15) as decimal(20, 18))
        end as rounded_credit
    from shares
    inner join conversions
        on shares.order_id = conversions.order_id

),

credits as (

    select
        provisional.*,
        cast(case
            when share_rank = 1 then 1 - coalesce(sum(rounded_credit) over (partition by order_id, attribution_model), 0)
            else rounded_credit
        end as decimal(20, 18)) as credit
    from provisional

),

revenue_provisional as (

    select
        credits.*,
        case
            when share_rank > 1 then cast(round(revenue_amount * credit, 6) as decimal(18, 6))
        end as rounded_revenue
    from credits

),

final as (

    select
        order_id || '|' || attribution_model || '|' || touchpoint_key as credit_key,
        order_id,
        attribution_model,
        touchpoint_key,
        touchpoint_type,
        touchpoint_role,
        channel,
        platform,
        coalesce(campaign_tag, '(none)') as campaign_tag,
        conversation_key,
        touched_at,
        step_number,
        steps_total,
        is_social,
        converted_at,
        order_date as conversion_date,
        order_month as conversion_month,
        is_first_order,
        credit,
        currency_code,
        revenue_amount as order_revenue_amount,
        cast(case
            when share_rank = 1
                then revenue_amount - coalesce(sum(rounded_revenue) over (partition by order_id, attribution_model), 0)
            else rounded_revenue
        end as decimal(18, 6)) as attributed_revenue_amount
    from revenue_provisional

)

select * from final
