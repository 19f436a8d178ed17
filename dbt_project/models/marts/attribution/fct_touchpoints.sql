-- One row per touchpoint: a social conversation (DM or comment thread, at its first inbound), a visit of an
-- order's journey (first and last visit, or the UTM lines of Note Attributes when there is no journey), a
-- redemption of a promo code issued in a conversation, and a contact's HubSpot first / last touch campaign.
-- Conversations and visits are the steps attribution credits (`is_creditable`); redemptions and CRM campaigns
-- are evidence kept for paths and comparison (a redemption is the conversation's proof, not a new touch).

with

conversations as (

    select conversation_key, platform, channel, campaign_tag, customer_key, first_inbound_at
    from {{ ref('fct_conversations') }}

),

orders as (

    select
        order_id, created_at, first_visit_at, first_visit_landing_page, first_visit_source, first_visit_utm_source,
        first_visit_utm_medium, first_visit_utm_campaign, first_visit_utm_content, last_visit_at,
        last_visit_landing_page, last_visit_source, last_visit_utm_source, last_visit_utm_medium,
        last_visit_utm_campaign, last_visit_utm_content, note_utm_source, note_utm_medium, note_utm_campaign,
        note_utm_content
    from {{ ref('fct_orders') }}

),

identity_links as (

    select conversation_key, linked_id, match_method, evidence_at
    from {{ ref('fct_identity_links') }}
    where linked_kind = 'order'

),

contacts as (

    select contact_id, created_at, became_lead_at, became_customer_at, first_touch_campaign, last_touch_campaign
    from {{ ref('stg_hubspot__contacts') }}

),

conversation_touchpoints as (

    select
        'conversation:' || conversation_key as touchpoint_key,
        'conversation' as touchpoint_type,
        channel as touchpoint_role,
        channel,
        platform,
        campaign_tag,
        cast(null as {{ dbt.type_string() }}) as utm_source,
        cast(null as {{ dbt.type_string() }}) as utm_medium,
        cast(null as {{ dbt.type_string() }}) as utm_campaign,
        cast(null as {{ dbt.type_string() }}) as utm_content,
        cast(null as {{ dbt.type_string() }}) as traffic_source,
        customer_key,
        conversation_key,
        cast(null as {{ dbt.type_string() }}) as order_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        first_inbound_at as touched_at
    from conversations

),

visits as (

    select
        order_id, 'first_visit' as touchpoint_role, first_visit_at as touched_at, first_visit_source as traffic_source,
        first_visit_utm_source as utm_source, first_visit_utm_medium as utm_medium,
        first_visit_utm_campaign as utm_campaign, first_visit_utm_content as utm_content
    from orders
    where first_visit_at is not null and (last_visit_at is null or first_visit_at < last_visit_at)
    union all
    select
        order_id, 'last_visit', last_visit_at, last_visit_source, last_visit_utm_source, last_visit_utm_medium,
        last_visit_utm_campaign, last_visit_utm_content
    from orders
    where last_visit_at is not null
    union all
    select
        order_id, 'note_attributes', created_at, note_utm_source, note_utm_source, note_utm_medium,
        note_utm_campaign, note_utm_content
    from orders
    where last_visit_at is null and note_utm_source is not null

),

visits_classified as (

    select
        visits.*,
        case
            when utm_source in ('instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'x') then utm_source
            when utm_source is null and traffic_source in ('instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'x')
                then traffic_source
        end as visit_platform,
        case
            when utm_medium in ('paid_social', 'paid', 'cpc', 'ppc')
                and utm_source in ('instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'x') then 'paid_social'
            when utm_medium = 'social'
                or utm_source in ('instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'x') then 'organic_social'
            when utm_medium in ('cpc', 'ppc', 'paid_search') then 'paid_search'
            when utm_medium = 'email' then 'email'
            when utm_source is not null then 'other_campaign'
            when traffic_source in ('instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'x') then 'organic_social'
            when traffic_source in ('google', 'bing', 'duckduckgo') then 'organic_search'
            when traffic_source is null or traffic_source = 'direct' then 'direct'
            else 'referral'
        end as channel
    from visits

),

visit_touchpoints as (

    select
        'visit:' || visits_classified.touchpoint_role || ':' || visits_classified.order_id as touchpoint_key,
        'visit' as touchpoint_type,
        visits_classified.touchpoint_role,
        visits_classified.channel,
        visits_classified.visit_platform as platform,
        visits_classified.utm_campaign as campaign_tag,
        visits_classified.utm_source,
        visits_classified.utm_medium,
        visits_classified.utm_campaign,
        visits_classified.utm_content,
        visits_classified.traffic_source,
        cast(null as {{ dbt.type_string() }}) as customer_key,
        conversations.conversation_key,
        visits_classified.order_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        visits_classified.touched_at
    from visits_classified
    left join conversations
        on visits_classified.utm_content is not null
        and visits_classified.visit_platform = conversations.platform
        and conversations.conversation_key = visits_classified.visit_platform || ':' || visits_classified.utm_content

),

promo_touchpoints as (

    select
        'promo:' || identity_links.linked_id as touchpoint_key,
        'promo_redemption' as touchpoint_type,
        'promo_redemption' as touchpoint_role,
        conversations.channel,
        conversations.platform,
        conversations.campaign_tag,
        cast(null as {{ dbt.type_string() }}) as utm_source,
        cast(null as {{ dbt.type_string() }}) as utm_medium,
        cast(null as {{ dbt.type_string() }}) as utm_campaign,
        cast(null as {{ dbt.type_string() }}) as utm_content,
        cast(null as {{ dbt.type_string() }}) as traffic_source,
        conversations.customer_key,
        identity_links.conversation_key,
        identity_links.linked_id as order_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        orders.created_at as touched_at
    from identity_links
    inner join orders
        on identity_links.linked_id = orders.order_id
    inner join conversations
        on identity_links.conversation_key = conversations.conversation_key
    where identity_links.match_method = 'promo_code'

),

crm_touches as (

    select contact_id, 'crm_first_touch_campaign' as touchpoint_role, first_touch_campaign as campaign_tag,
        coalesce(became_lead_at, created_at) as touched_at
    from contacts
    where first_touch_campaign is not null
    union all
    select contact_id, 'crm_last_touch_campaign', last_touch_campaign,
        coalesce(became_customer_at, became_lead_at, created_at)
    from contacts
    where last_touch_campaign is not null

),

crm_touchpoints as (

    select
        'crm:' || touchpoint_role || ':' || contact_id as touchpoint_key,
        'crm_campaign' as touchpoint_type,
        touchpoint_role,
        'crm' as channel,
        cast(null as {{ dbt.type_string() }}) as platform,
        campaign_tag,
        cast(null as {{ dbt.type_string() }}) as utm_source,
        cast(null as {{ dbt.type_string() }}) as utm_medium,
        cast(null as {{ dbt.type_string() }}) as utm_campaign,
        cast(null as {{ dbt.type_string() }}) as utm_content,
        cast(null as {{ dbt.type_string() }}) as traffic_source,
        cast(null as {{ dbt.type_string() }}) as customer_key,
        cast(null as {{ dbt.type_string() }}) as conversation_key,
        cast(null as {{ dbt.type_string() }}) as order_id,
        contact_id,
        touched_at
    from crm_touches

),

unioned as (

    select * from conversation_touchpoints
    union all
    select * from visit_touchpoints
    union all
    select * from promo_touchpoints
    union all
    select * from crm_touchpoints

),

final as (

    select
        touchpoint_key,
        touchpoint_type,
        touchpoint_role,
        channel,
        platform,
        campaign_tag,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        traffic_source,
        customer_key,
        conversation_key,
        order_id,
        contact_id,
        touched_at,
        channel in ('dm', 'comment', 'organic_social', 'paid_social') as is_social,
        utm_source is not null as has_utm,
        touchpoint_type in ('conversation', 'visit') as is_creditable
    from unioned

)

select * from final
