-- One row per item to review by hand (kpis.md §3), no personal data (no text, no user ids):
-- - `low_confidence`: every customer message (comment or DM) whose sentiment confidence is below
--   var `sentiment_review_confidence` (default 0.6);
-- - three weekly samples kept apart, each var `review_sample_rate` (default 10 %) of the week's items and at
--   least one when the week has any: `sentiment_negative` (negative-labelled customer messages),
--   `moderated` (hidden or deleted comments), `auto_reply` (every bot response: comment_replied,
--   dm_response_sent, auto_reply_sent sent by a bot).
-- The sample is deterministic: within an item kind and ISO week (team time zone) items are ordered by
-- md5(event_id) and the first ceil(rate × items) are kept, so a rerun picks the same items whatever the
-- arrival order. The rate is a decimal so that ceil(0.1 × 30) is 3, not 4.
{%- set sample_rate = 'cast(' ~ var('review_sample_rate') ~ ' as decimal(9, 6))' %}
with

events as (

    select
        event_id,
        platform,
        event_type,
        occurred_at,
        conversation_id,
        content_id,
        actor,
        language,
        sentiment_label,
        sentiment_confidence,
        template_id
    from {{ ref('stg_events__interaction_events') }}

),

conversations as (

    select
        platform,
        conversation_id,
        channel,
        language
    from {{ ref('int_conversations_aggregated') }}

),

moderated_comments as (

    select
        comment_event_id,
        platform,
        conversation_id,
        language,
        commented_at,
        sentiment_label,
        sentiment_confidence
    from {{ ref('fct_comments') }}
    where is_moderated

),

customer_messages as (

    select
        event_id,
        platform,
        conversation_id,
        case when event_type = 'comment_received' then 'comment' else 'dm' end as channel,
        language,
        occurred_at,
        sentiment_label,
        sentiment_confidence,
        cast(null as {{ dbt.type_string() }}) as template_id
    from events
    where event_type in ('comment_received', 'dm_received')

),

bot_responses as (

    select
        events.event_id,
        events.platform,
        events.conversation_id,
        coalesce(
            conversations.channel,
            case
                when events.event_type = 'comment_replied' or events.content_id is not null then 'comment'
                else 'dm'
            end
        ) as channel,
        case
            when events.language = 'und' and conversations.language is not null then conversations.language
            else events.language
        end as language,
        events.occurred_at,
        cast(null as {{ dbt.type_string() }}) as sentiment_label,
        cast(null as {{ type_double() }}) as sentiment_confidence,
        events.template_id
    from events
    left join conversations
        on events.platform = conversations.platform
        and events.conversation_id = conversations.conversation_id
    where events.actor = 'bot'
        and events.event_type in ('comment_replied', 'dm_response_sent', 'auto_reply_sent')

),

review_candidates as (

    select 'low_confidence' as item_kind, *
    from customer_messages
    where sentiment_confidence < {{ var('sentiment_review_confidence') }}

    union all

    select 'sentiment_negative' as item_kind, *
    from customer_messages
    where sentiment_label = 'negative'

    union all

    select
        'moderated' as item_kind,
        comment_event_id as event_id,
        platform,
        conversation_id,
        'comment' as channel,
        language,
        commented_at as occurred_at,
        sentiment_label,
        sentiment_confidence,
        cast(null as {{ dbt.type_string() }}) as template_id
    from moderated_comments

    union all

    select 'auto_reply' as item_kind, *
    from bot_responses

),

candidates_weekly as (

    select
        *,
        cast({{ dbt.date_trunc('week', utc_to_local('occurred_at')) }} as date) as review_week,
        {{ dbt.hash('event_id') }} as sample_hash
    from review_candidates

),

candidates_ranked as (

    select
        *,
        row_number() over (
            partition by item_kind, review_week
            order by sample_hash, event_id
        ) as sample_rank,
        count(*) over (partition by item_kind, review_week) as items_in_week
    from candidates_weekly

),

final as (

    select
        review_week,
        item_kind,
        event_id,
        platform,
        conversation_id,
        channel,
        language,
        occurred_at,
        sentiment_label,
        sentiment_confidence,
        template_id,
        items_in_week
    from candidates_ranked
    where item_kind = 'low_confidence'
        or sample_rank <= ceil({{ sample_rate }} * items_in_week)

)

select * from final
