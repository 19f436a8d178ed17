-- int_conversations_business_durations has every inbound conversation (fct_conversations) exactly once, NULL-safe
-- on both sides;
-- business time never exceeds the wall-clock wait nor goes below 0; the verdict agrees with the deadline
-- (answered within the target <=> at or before first_response_due_at); and a breach is always late.
with

conversations as (

    {#- fct_conversations has the same grain and is a table: the view behind both would re-run its windows -#}
    select platform, conversation_id
    from {{ ref('fct_conversations') }}

),

durations as (

    select * from {{ ref('int_conversations_business_durations') }}

),

missing_or_extra as (

    select
        coalesce(conversations.platform, durations.platform) as platform,
        coalesce(conversations.conversation_id, durations.conversation_id) as conversation_id,
        case when durations.conversation_id is null then 'missing' else 'extra' end as problem
    from conversations
    full outer join durations
        on conversations.platform = durations.platform
        and conversations.conversation_id = durations.conversation_id
    where conversations.conversation_id is null or durations.conversation_id is null

),

inconsistent as (

    select platform, conversation_id, 'business time outside [0, wall clock]' as problem
    from durations
    where frt_business_any_us < 0
        or frt_business_any_us > {{ microseconds_between('first_inbound_at', 'first_response_at') }}
        or frt_business_human_us < 0
        or frt_business_human_us > {{ microseconds_between('first_inbound_at', 'first_human_response_at') }}
        or resolution_business_us < 0
        or resolution_business_us > {{ microseconds_between('first_inbound_at', 'last_resolved_at') }}

    union all

    select platform, conversation_id, 'verdict disagrees with the deadline' as problem
    from durations
    where sla_first_response_at is not null
        and first_response_due_at is not null
        and is_first_response_within_sla <> (sla_first_response_at <= first_response_due_at)

    union all

    select platform, conversation_id, 'breached but not late' as problem
    from durations
    where is_sla_breached and not coalesce(first_response_late_business_us > 0, false)

)

select * from missing_or_extra
union all
select * from inconsistent
