-- One row per inbound conversation (DM thread or comment thread), with its first-response times.
with

conversations as (

    select * from {{ ref('int_conversations_aggregated') }}

),

with_durations as (

    select
        {{ dbt.concat(['platform', "':'", 'conversation_id']) }} as conversation_key,
        conversation_id,
        platform,
        channel,
        language,
        priority,
        campaign_tag,
        customer_key,
        first_inbound_at,
        cast({{ utc_to_local('first_inbound_at') }} as date) as first_inbound_date,
        first_response_at,
        first_human_response_at,
        first_response_at is not null as is_responded,
        first_human_response_at is not null as is_human_responded,
        {{ microseconds_between('first_inbound_at', 'first_response_at') }} as frt_any_us,
        {{ microseconds_between('first_inbound_at', 'first_human_response_at') }} as frt_human_us
    from conversations

),

final as (

    select
        *,
        {{ microseconds_to_minutes('frt_any_us') }} as frt_any_min,
        {{ microseconds_to_minutes('frt_human_us') }} as frt_human_min
    from with_durations

)

select * from final
