-- One row per customer comment (`comment_received`), with its first brand reply, first moderation action and
-- the flags every comment KPI (shared/spec/kpis.md §3) sums. Rules (written down in DECISIONLOG.md):
-- - A brand reply (`comment_replied` or `auto_reply_sent`, bot or agent) that names the comment it answers
--   (`in_reply_to_message_id`, optional in the contract) answers that comment only, in the same platform +
--   thread; one stamped before the comment is clock skew and counts as immediate. A reply that names no
--   comment answers every comment of the thread at or before it (the earliest such reply is the comment's
--   reply); a reply before the comment is not a reply to it. Without the link, a thread answered once would
--   count all its earlier comments as replied, which overstates the reply rate on threaded data.
-- - A moderation action (`comment_hidden`, `comment_deleted`) applies to the comment with its message_id,
--   whatever its time (one stamped before the comment is clock skew and counts as immediate); one without
--   a message_id applies to every comment of the thread at or before it.
-- - Everything is a min() / any() over events, ties broken on values, so neither duplicate events nor
--   arrival order can change a row.
{%- set reply_events = ['comment_replied', 'auto_reply_sent'] %}
{%- set moderation_events = ['comment_hidden', 'comment_deleted'] %}
{%- set dm_scope_intents = ['purchase', 'question'] %}
{%- set toxic_intents = ['toxic', 'harassment', 'hate', 'abuse', 'threat'] %}
{%- set reply_within_us = 60 * 60 * 1000000 %}
with

events as (

    select
        event_id,
        platform,
        event_type,
        occurred_at,
        conversation_id,
        message_id,
        in_reply_to_message_id,
        content_id,
        customer_key,
        actor,
        language,
        priority,
        intent,
        sentiment_label,
        sentiment_score,
        sentiment_confidence,
        campaign_tag
    from {{ ref('stg_events__interaction_events') }}

),

posts as (

    select platform, post_id, content_type
    from {{ ref('dim_posts') }}

),

dm_conversations as (

    select
        platform,
        customer_key,
        first_inbound_at
    from {{ ref('int_conversations_aggregated') }}
    where channel = 'dm'

),

comments_ranked as (

    select
        event_id as comment_event_id,
        platform,
        conversation_id,
        content_id,
        message_id,
        customer_key,
        language,
        priority,
        intent,
        sentiment_label,
        sentiment_score,
        sentiment_confidence,
        campaign_tag,
        occurred_at as commented_at,
        row_number() over (
            partition by event_id
            order by occurred_at, conversation_id, message_id
        ) as delivery_rank
    from events
    where event_type = 'comment_received'

),

comments as (

    select * from comments_ranked
    where delivery_rank = 1

),

brand_replies as (

    select
        platform,
        conversation_id,
        in_reply_to_message_id,
        occurred_at,
        actor
    from events
    where event_type in ('{{ reply_events | join("', '") }}')
        and actor in ('agent', 'bot')

),

replies_matched as (

    -- to the comment itself: the reply names its message_id
    select
        comments.comment_event_id,
        case
            when brand_replies.occurred_at < comments.commented_at then comments.commented_at
            else brand_replies.occurred_at
        end as replied_at,
        brand_replies.actor as replied_by
    from comments
    inner join brand_replies
        on comments.platform = brand_replies.platform
        and comments.conversation_id = brand_replies.conversation_id
        and comments.message_id = brand_replies.in_reply_to_message_id

    union all

    -- to the thread: the reply names no comment, so it answers every comment of the thread before it
    select
        comments.comment_event_id,
        brand_replies.occurred_at as replied_at,
        brand_replies.actor as replied_by
    from comments
    inner join brand_replies
        on comments.platform = brand_replies.platform
        and comments.conversation_id = brand_replies.conversation_id
        and brand_replies.occurred_at >= comments.commented_at
    where brand_replies.in_reply_to_message_id is null

),

replies_ranked as (

    select
        comment_event_id,
        replied_at,
        replied_by,
        row_number() over (
            partition by comment_event_id
            order by replied_at, replied_by
        ) as reply_rank
    from replies_matched

),

first_replies as (

    select
        comment_event_id,
        replied_at as first_reply_at,
        replied_by as first_reply_by
    from replies_ranked
    where reply_rank = 1

),

moderation_actions as (

    select
        platform,
        conversation_id,
        message_id,
        event_type,
        occurred_at
    from events
    where event_type in ('{{ moderation_events | join("', '") }}')

),

moderations_matched as (

    -- on the comment itself: the action names its message_id
    select
        comments.comment_event_id,
        moderation_actions.event_type,
        case
            when moderation_actions.occurred_at < comments.commented_at then comments.commented_at
            else moderation_actions.occurred_at
        end as moderated_at
    from comments
    inner join moderation_actions
        on comments.platform = moderation_actions.platform
        and comments.message_id = moderation_actions.message_id

    union all

    -- on the thread: the action names no message, so it applies to every comment of the thread before it
    select
        comments.comment_event_id,
        moderation_actions.event_type,
        moderation_actions.occurred_at as moderated_at
    from comments
    inner join moderation_actions
        on comments.platform = moderation_actions.platform
        and comments.conversation_id = moderation_actions.conversation_id
        and moderation_actions.occurred_at >= comments.commented_at
    where moderation_actions.message_id is null

),

moderations_aggregated as (

    select
        comment_event_id,
        min(moderated_at) as first_moderation_at,
        max(case when event_type = 'comment_hidden' then 1 else 0 end) = 1 as is_hidden,
        max(case when event_type = 'comment_deleted' then 1 else 0 end) = 1 as is_deleted
    from moderations_matched
    group by comment_event_id

),

dms_within_window as (

    select comments.comment_event_id
    from comments
    inner join dm_conversations
        on comments.platform = dm_conversations.platform
        and comments.customer_key = dm_conversations.customer_key
        and dm_conversations.first_inbound_at >= comments.commented_at
        and dm_conversations.first_inbound_at
            <= {{ dbt.dateadd('hour', var('comment_to_dm_window_hours'), 'comments.commented_at') }}
    group by comments.comment_event_id

),

joined as (

    select
        comments.comment_event_id,
        comments.platform,
        comments.conversation_id,
        comments.content_id,
        comments.message_id,
        comments.customer_key,
        comments.language,
        comments.priority,
        comments.intent,
        comments.sentiment_label,
        comments.sentiment_score,
        comments.sentiment_confidence,
        comments.campaign_tag,
        comments.commented_at,
        cast({{ utc_to_local('comments.commented_at') }} as date) as comment_date,
        first_replies.first_reply_at,
        first_replies.first_reply_by,
        moderations_aggregated.first_moderation_at,
        coalesce(moderations_aggregated.is_hidden, false) as is_hidden,
        coalesce(moderations_aggregated.is_deleted, false) as is_deleted,
        case
            when first_replies.first_reply_at is null then moderations_aggregated.first_moderation_at
            when moderations_aggregated.first_moderation_at is null then first_replies.first_reply_at
            when first_replies.first_reply_at <= moderations_aggregated.first_moderation_at
                then first_replies.first_reply_at
            else moderations_aggregated.first_moderation_at
        end as first_action_at,
        dms_within_window.comment_event_id is not null as has_dm_within_window
    from comments
    left join first_replies
        on comments.comment_event_id = first_replies.comment_event_id
    left join moderations_aggregated
        on comments.comment_event_id = moderations_aggregated.comment_event_id
    left join dms_within_window
        on comments.comment_event_id = dms_within_window.comment_event_id

),

with_durations as (

    select
        *,
        {{ microseconds_between('commented_at', 'first_reply_at') }} as reply_us,
        {{ microseconds_between('commented_at', 'first_action_at') }} as first_action_us,
        first_reply_at is not null as is_replied,
        is_hidden or is_deleted as is_moderated,
        first_action_at is not null as is_handled,
        coalesce(intent = 'spam', false) as is_spam
    from joined

),

final as (

    select
        with_durations.comment_event_id,
        with_durations.platform,
        'comment' as channel,
        with_durations.conversation_id,
        with_durations.content_id,
        coalesce(posts.content_type, 'unknown') as content_type,
        message_id,
        customer_key,
        language,
        coalesce(priority, 'unset') as priority,
        intent,
        sentiment_label,
        sentiment_score,
        sentiment_confidence,
        campaign_tag,
        commented_at,
        comment_date,
        first_reply_at,
        first_reply_by,
        first_moderation_at,
        first_action_at,
        reply_us,
        first_action_us,
        is_replied,
        is_hidden,
        is_deleted,
        is_moderated,
        is_handled,
        not is_spam and not is_moderated as is_meaningful,
        not is_spam and not is_moderated and coalesce(reply_us <= {{ reply_within_us }}, false)
            as is_replied_within_60m,
        is_spam or coalesce(intent in ('{{ toxic_intents | join("', '") }}'), false) as is_harmful,
        coalesce(intent in ('{{ dm_scope_intents | join("', '") }}'), false) as is_in_dm_scope,
        has_dm_within_window,
        coalesce(sentiment_label in ('positive', 'neutral', 'negative'), false) as is_sentiment_labelled,
        coalesce(sentiment_label = 'negative', false) as is_negative,
        coalesce(sentiment_label = 'neutral', false) as is_neutral,
        coalesce(sentiment_label = 'positive', false) as is_positive,
        coalesce(sentiment_confidence < {{ var('sentiment_review_confidence') }}, false) as is_low_confidence
    from with_durations
    left join posts
        on with_durations.platform = posts.platform
        and with_durations.content_id = posts.post_id

)

select * from final
