-- One row per inbox event that matters to a conversation's timeline, classified once: customer message,
-- brand response (bot or human), moderation, handoff, resolution, CSAT, lead. Every later model reads the
-- classification from here, so "what counts as a response" is written in one place.
with

events as (

    select
        event_id,
        platform,
        conversation_id,
        event_type,
        occurred_at,
        message_id,
        in_reply_to_message_id,
        actor,
        customer_key,
        language,
        priority,
        intent,
        sentiment_label,
        sentiment_score,
        campaign_tag,
        template_id,
        experiment_id,
        variant,
        csat_score
    from {{ ref('stg_events__interaction_events') }}

),

classified as (

    select
        *,
        case
            when event_type in ('comment_received', 'dm_received') then 'customer_message'
            when event_type in ('comment_replied', 'dm_response_sent', 'auto_reply_sent') then 'brand_response'
            when event_type in ('comment_hidden', 'comment_deleted') then 'moderation'
            when event_type = 'escalated_to_agent' then 'handoff'
            when event_type = 'conversation_resolved' then 'resolution'
            when event_type = 'csat_submitted' then 'csat'
            when event_type = 'lead_created' then 'lead'
        end as event_role,
        event_type in ('comment_replied', 'dm_response_sent', 'auto_reply_sent') and actor = 'bot'
            as is_automated_response,
        event_type in ('comment_replied', 'dm_response_sent', 'auto_reply_sent') and actor = 'agent'
            as is_human_response,
        row_number() over (
            partition by platform, conversation_id
            order by occurred_at, event_id
        ) as event_sequence
    from events

)

select * from classified
