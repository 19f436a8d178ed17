-- One row per conversation with at least one customer message: its first inbound and first responses.
-- Rules (shared/spec/kpis.md §2, events.md): the clock starts at the earliest customer message; a response
-- is comment_replied / dm_response_sent / auto_reply_sent at or after it (moderation and escalation are not
-- responses); bot replies count for "any", only agents for "human". Everything is a min() over events, so
-- arrival order and duplicates cannot change the result.
with

events as (

    select
        event_id,
        platform,
        event_type,
        occurred_at,
        conversation_id,
        customer_key,
        actor,
        language,
        priority,
        campaign_tag
    from {{ ref('stg_events__interaction_events') }}

),

customer_messages_ranked as (

    select
        platform,
        conversation_id,
        occurred_at,
        event_type,
        customer_key,
        language,
        priority,
        campaign_tag,
        row_number() over (
            partition by platform, conversation_id
            order by occurred_at, event_id
        ) as inbound_rank
    from events
    where event_type in ('comment_received', 'dm_received')

),

first_inbounds as (

    select
        platform,
        conversation_id,
        occurred_at as first_inbound_at,
        case when event_type = 'comment_received' then 'comment' else 'dm' end as channel,
        customer_key,
        language,
        priority,
        campaign_tag
    from customer_messages_ranked
    where inbound_rank = 1

),

brand_responses as (

    select
        platform,
        conversation_id,
        occurred_at,
        actor
    from events
    where event_type in ('comment_replied', 'dm_response_sent', 'auto_reply_sent')

),

first_responses as (

    select
        first_inbounds.platform,
        first_inbounds.conversation_id,
        min(brand_responses.occurred_at) as first_response_at,
        min(case when brand_responses.actor = 'agent' then brand_responses.occurred_at end)
            as first_human_response_at
    from first_inbounds
    inner join brand_responses
        on first_inbounds.platform = brand_responses.platform
        and first_inbounds.conversation_id = brand_responses.conversation_id
        and brand_responses.occurred_at >= first_inbounds.first_inbound_at
    group by first_inbounds.platform, first_inbounds.conversation_id

),

final as (

    select
        first_inbounds.platform,
        first_inbounds.conversation_id,
        first_inbounds.channel,
        first_inbounds.language,
        first_inbounds.priority,
        first_inbounds.campaign_tag,
        first_inbounds.customer_key,
        first_inbounds.first_inbound_at,
        first_responses.first_response_at,
        first_responses.first_human_response_at
    from first_inbounds
    left join first_responses
        on first_inbounds.platform = first_responses.platform
        and first_inbounds.conversation_id = first_responses.conversation_id

)

select * from final
