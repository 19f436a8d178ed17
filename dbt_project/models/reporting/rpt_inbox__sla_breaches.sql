-- One row per conversation that breached its first-response SLA: answered late, or still unanswered past its
-- deadline at the data's as-of instant. The worklist behind `sla_breaches`.
with

business_durations as (

    select
        platform,
        conversation_id,
        channel,
        language,
        priority,
        queue_id,
        sla_policy_id,
        first_inbound_at,
        first_response_at,
        first_human_response_at,
        sla_first_response_at,
        sla_first_response_target_min,
        first_response_due_at,
        first_response_late_business_us,
        as_of_at
    from {{ ref('int_conversations_business_durations') }}
    where is_sla_breached

),

final as (

    select
        {{ dbt.concat(['platform', "':'", 'conversation_id']) }} as conversation_key,
        platform,
        conversation_id,
        channel,
        language,
        priority,
        queue_id,
        sla_policy_id,
        first_inbound_at,
        cast({{ utc_to_local('first_inbound_at') }} as date) as first_inbound_date,
        sla_first_response_target_min,
        first_response_due_at,
        first_response_at,
        first_human_response_at,
        sla_first_response_at,
        first_response_late_business_us,
        {{ microseconds_to_minutes('first_response_late_business_us') }} as first_response_late_business_min,
        sla_first_response_at is null as is_unanswered,
        as_of_at
    from business_durations

)

select * from final
