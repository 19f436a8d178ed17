-- One row per customer or brand message (comment, reply, DM, auto-reply) of an inbound conversation: who
-- sent it, whether it starts a wait (a customer message after a brand message, or the first one) or ends one
-- (a brand message after a customer message), and for customer messages the time to the next brand
-- response. Feeds `avg_response_time_min` and `message_response_rate`. A brand message that names the message
-- it answers (`in_reply_to_message_id`) answers that one only (stamped before it: clock skew, immediate); one
-- that names none answers every customer message of the conversation at or before it.
with

messages as (

    select
        event_id,
        platform,
        conversation_id,
        event_type,
        actor,
        template_id,
        message_id,
        in_reply_to_message_id,
        occurred_at,
        event_role,
        lag(event_role) over (
            partition by platform, conversation_id order by occurred_at, event_id
        ) as previous_role
    from {{ ref('int_conversation_events_sequenced') }}
    where event_role in ('customer_message', 'brand_response')

),

conversations as (

    select platform, conversation_id, conversation_key, channel, language, priority
    from {{ ref('fct_conversations') }}

),

brand_responses_matched as (

    -- to the message itself: the response names its message_id
    select
        customer.event_id,
        case
            when brand.occurred_at < customer.occurred_at then customer.occurred_at
            else brand.occurred_at
        end as responded_at
    from messages as customer
    inner join messages as brand
        on customer.platform = brand.platform
        and customer.conversation_id = brand.conversation_id
        and customer.message_id = brand.in_reply_to_message_id
        and brand.event_role = 'brand_response'
    where customer.event_role = 'customer_message'

    union all

    -- to the conversation: the response names no message, so it answers every customer message before it
    select
        customer.event_id,
        brand.occurred_at as responded_at
    from messages as customer
    inner join messages as brand
        on customer.platform = brand.platform
        and customer.conversation_id = brand.conversation_id
        and brand.event_role = 'brand_response'
        and brand.in_reply_to_message_id is null
        and brand.occurred_at >= customer.occurred_at
    where customer.event_role = 'customer_message'

),

next_brand_responses as (

    select
        event_id,
        min(responded_at) as next_brand_response_at
    from brand_responses_matched
    group by event_id

),

final as (

    select
        messages.event_id as message_event_id,
        conversations.conversation_key,
        messages.platform,
        messages.conversation_id,
        conversations.channel,
        conversations.language,
        conversations.priority,
        messages.event_type as message_type,
        messages.actor as sender_type,
        messages.template_id,
        messages.occurred_at,
        cast({{ utc_to_local('messages.occurred_at') }} as date) as message_date,
        messages.event_role = 'customer_message' as is_customer_message,
        messages.event_role = 'customer_message'
            and (messages.previous_role is null or messages.previous_role = 'brand_response')
            as is_wait_start,
        messages.event_role = 'brand_response' and messages.previous_role = 'customer_message' as is_wait_end,
        next_brand_responses.next_brand_response_at,
        next_brand_responses.next_brand_response_at is not null as is_answered,
        {{ microseconds_between('messages.occurred_at', 'next_brand_responses.next_brand_response_at') }}
            as response_us
    from messages
    inner join conversations
        on messages.platform = conversations.platform
        and messages.conversation_id = conversations.conversation_id
    left join next_brand_responses
        on messages.event_id = next_brand_responses.event_id

)

select * from final
