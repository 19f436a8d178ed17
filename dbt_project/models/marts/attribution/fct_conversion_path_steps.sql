-- One row per conversion × touchpoint on its path: the order's own journey visits, and the conversations of
-- every social user linked to the order (fct_identity_links), that happened at or before the order and at
-- most var `attribution_lookback_days` (default 30) before it, numbered in time order.
{%- set lookback = var('attribution_lookback_days') %}

with

conversions as (

    select order_id, created_at as converted_at
    from {{ ref('fct_orders') }}
    where is_conversion

),

touchpoints as (

    select touchpoint_key, touchpoint_type, touchpoint_role, channel, platform, campaign_tag, customer_key,
        conversation_key, order_id, touched_at, is_social, has_utm
    from {{ ref('fct_touchpoints') }}
    where is_creditable

),

order_links as (

    select customer_key, linked_id as order_id, conversation_key, match_method, match_score
    from {{ ref('fct_identity_links') }}
    where linked_kind = 'order'

),

order_customers as (

    select
        order_id,
        customer_key,
        max(match_score) as link_score,
        string_agg(distinct match_method, ',' order by match_method) as link_methods
    from order_links
    group by order_id, customer_key

),

promo_sources as (

    select distinct order_id, conversation_key
    from order_links
    where match_method = 'promo_code'

),

visit_candidates as (

    select
        conversions.order_id,
        conversions.converted_at,
        touchpoints.touchpoint_key,
        touchpoints.touchpoint_type,
        touchpoints.touchpoint_role,
        touchpoints.channel,
        touchpoints.platform,
        touchpoints.campaign_tag,
        touchpoints.conversation_key,
        touchpoints.touched_at,
        touchpoints.is_social,
        touchpoints.has_utm,
        'order_journey' as link_methods,
        1.0 as link_score
    from conversions
    inner join touchpoints
        on touchpoints.touchpoint_type = 'visit'
        and conversions.order_id = touchpoints.order_id

),

conversation_candidates as (

    select
        conversions.order_id,
        conversions.converted_at,
        touchpoints.touchpoint_key,
        touchpoints.touchpoint_type,
        touchpoints.touchpoint_role,
        touchpoints.channel,
        touchpoints.platform,
        touchpoints.campaign_tag,
        touchpoints.conversation_key,
        touchpoints.touched_at,
        touchpoints.is_social,
        touchpoints.has_utm,
        order_customers.link_methods,
        order_customers.link_score
    from conversions
    inner join order_customers
        on conversions.order_id = order_customers.order_id
    inner join touchpoints
        on touchpoints.touchpoint_type = 'conversation'
        and order_customers.customer_key = touchpoints.customer_key

),

candidates as (

    select * from visit_candidates
    union all
    select * from conversation_candidates

),

in_window as (

    select *
    from candidates
    where touched_at <= converted_at
        and touched_at >= {{ dbt.dateadd('day', -lookback, 'converted_at') }}

),

sequenced as (

    select
        in_window.*,
        row_number() over (partition by order_id order by touched_at, touchpoint_key) as step_number,
        count(*) over (partition by order_id) as steps_total,
        case when has_utm then row_number() over (
            partition by order_id, has_utm order by touched_at desc, touchpoint_key desc) end as utm_step_from_end,
        case when channel = 'dm' then row_number() over (
            partition by order_id, channel = 'dm' order by touched_at desc, touchpoint_key desc) end as dm_step_from_end,
        case when channel <> 'direct' then row_number() over (
            partition by order_id, channel <> 'direct' order by touched_at desc, touchpoint_key desc)
        end as non_direct_step_from_end
    from in_window

),

final as (

    select
        sequenced.order_id || '|' || sequenced.touchpoint_key as path_step_key,
        sequenced.order_id,
        sequenced.converted_at,
        sequenced.touchpoint_key,
        sequenced.touchpoint_type,
        sequenced.touchpoint_role,
        sequenced.channel,
        sequenced.platform,
        sequenced.campaign_tag,
        sequenced.conversation_key,
        sequenced.touched_at,
        sequenced.step_number,
        sequenced.steps_total,
        sequenced.utm_step_from_end,
        sequenced.dm_step_from_end,
        sequenced.non_direct_step_from_end,
        cast({{ dbt.datediff('sequenced.touched_at', 'sequenced.converted_at', 'second') }} as {{ type_double() }})
            / 86400 as days_before_conversion,
        sequenced.is_social,
        sequenced.has_utm,
        promo_sources.conversation_key is not null as is_promo_code_source,
        sequenced.link_methods,
        sequenced.link_score
    from sequenced
    left join promo_sources
        on sequenced.order_id = promo_sources.order_id
        and sequenced.conversation_key = promo_sources.conversation_key
        and sequenced.touchpoint_type = 'conversation'

)

select * from final
