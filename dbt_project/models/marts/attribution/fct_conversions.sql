-- One row per conversion: a Shopify order that is not cancelled, not fully refunded and has a revenue in the
-- reporting currency, with its path summarised. `conversion_path` is every step's channel in time order
-- (repeats collapsed) ending in `sale`; `path_tag` is the social part of it (`DM-sale`, `comment→DM→sale`,
-- `comment→sale`, `social-link→sale` when the only social step is a social visit, `non-social`).
-- Direct social: the DM-driven last touch (fct_attribution_credits, dm_last_touch) is a social touchpoint;
-- assisted: a social touchpoint is on the path but the last touch is not social.

with

orders as (

    select order_id, created_at, order_date, order_month, customer_email_hash, is_first_order, customer_order_index,
        revenue_amount, currency_code, discount_code
    from {{ ref('fct_orders') }}
    where is_conversion

),

path_steps as (

    select order_id, step_number, touchpoint_type, channel, is_social, is_promo_code_source
    from {{ ref('fct_conversion_path_steps') }}

),

last_touch as (

    select order_id, channel, platform, campaign_tag, is_social
    from {{ ref('fct_attribution_credits') }}
    where attribution_model = 'dm_last_touch'

),

first_touch as (

    select order_id, channel
    from {{ ref('fct_attribution_credits') }}
    where attribution_model = 'first_touch'

),

labelled as (

    select
        path_steps.*,
        case channel
            when 'dm' then 'DM'
            when 'comment' then 'comment'
            else replace(channel, '_', ' ')
        end as step_label
    from path_steps

),

collapsed as (

    select
        labelled.*,
        step_label is distinct from lag(step_label) over (partition by order_id order by step_number) as is_new_label,
        case when touchpoint_type = 'conversation' then step_label end as social_label
    from labelled

),

social_collapsed as (

    select
        order_id,
        step_number,
        social_label,
        social_label is distinct from lag(social_label) over (partition by order_id order by step_number) as is_new_social
    from collapsed
    where social_label is not null

),

paths as (

    select
        order_id,
        count(*) as touchpoints,
        sum(case when is_social then 1 else 0 end) as social_touchpoints,
        max(case when channel = 'dm' then 1 else 0 end) = 1 as has_dm,
        max(case when channel = 'comment' then 1 else 0 end) = 1 as has_comment,
        max(case when is_social and touchpoint_type = 'visit' then 1 else 0 end) = 1 as has_social_visit,
        max(case when is_promo_code_source then 1 else 0 end) = 1 as has_promo_code_source,
        string_agg(case when is_new_label then step_label end, '→' order by step_number) as path_channels
    from collapsed
    group by order_id

),

social_paths as (

    select
        order_id,
        string_agg(case when is_new_social then social_label end, '→' order by step_number) as social_sequence
    from social_collapsed
    group by order_id

),

final as (

    select
        orders.order_id,
        orders.created_at as converted_at,
        orders.order_date as conversion_date,
        orders.order_month as conversion_month,
        orders.customer_email_hash,
        orders.is_first_order,
        orders.customer_order_index,
        orders.discount_code,
        orders.currency_code,
        orders.revenue_amount,
        coalesce(paths.touchpoints, 0) as touchpoints,
        coalesce(paths.social_touchpoints, 0) as social_touchpoints,
        coalesce(paths.has_dm, false) as has_dm,
        coalesce(paths.has_comment, false) as has_comment,
        coalesce(paths.has_promo_code_source, false) as has_promo_code_source,
        coalesce(paths.path_channels || '→sale', 'sale') as conversion_path,
        case
            when social_paths.social_sequence = 'DM' then 'DM-sale'
            when social_paths.social_sequence is not null then social_paths.social_sequence || '→sale'
            when paths.has_social_visit then 'social-link→sale'
            else 'non-social'
        end as path_tag,
        first_touch.channel as first_touch_channel,
        last_touch.channel as last_touch_channel,
        last_touch.platform as last_touch_platform,
        last_touch.campaign_tag as last_touch_campaign_tag,
        coalesce(paths.social_touchpoints, 0) > 0 as has_social_touch,
        last_touch.is_social as is_social_direct,
        coalesce(paths.social_touchpoints, 0) > 0 and not last_touch.is_social as is_assisted,
        coalesce(paths.social_touchpoints, 0) > 0 as is_community_influenced
    from orders
    left join paths
        on orders.order_id = paths.order_id
    left join social_paths
        on orders.order_id = social_paths.order_id
    left join last_touch
        on orders.order_id = last_touch.order_id
    left join first_touch
        on orders.order_id = first_touch.order_id

)

select * from final
