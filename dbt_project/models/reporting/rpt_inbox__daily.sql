-- One row per first-inbound date × platform × channel × language. The additive parts (counts and minute
-- totals) are stored beside each rate, so any roll-up is a ratio of sums, never an average of daily rates.
with

conversations as (

    select
        first_inbound_date,
        platform,
        channel,
        language,
        is_responded,
        is_human_responded,
        frt_any_us,
        frt_human_us
    from {{ ref('fct_conversations') }}

),

aggregated as (

    select
        first_inbound_date as conversation_date,
        platform,
        channel,
        language,
        count(*) as conversations,
        sum(case when is_responded then 1 else 0 end) as responded_conversations,
        {{ microseconds_to_minutes('sum(frt_any_us)') }} as frt_any_total_min,
        sum(case when is_human_responded then 1 else 0 end) as human_responded_conversations,
        {{ microseconds_to_minutes('sum(frt_human_us)') }} as frt_human_total_min
    from conversations
    group by first_inbound_date, platform, channel, language

),

final as (

    select
        conversation_date,
        platform,
        channel,
        language,
        conversations,
        responded_conversations,
        {{ safe_divide('responded_conversations', 'conversations') }} as response_rate,
        frt_any_total_min,
        {{ safe_divide('frt_any_total_min', 'responded_conversations') }} as frt_any_mean_min,
        human_responded_conversations,
        frt_human_total_min,
        {{ safe_divide('frt_human_total_min', 'human_responded_conversations') }} as frt_human_mean_min
    from aggregated

)

select * from final
