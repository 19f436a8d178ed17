-- One row per inbound conversation (DM thread or comment thread): its moments, flags and durations.
-- Every inbox KPI of shared/spec/kpis.md §2 and §4 is a ratio of sums, a mean or a percentile over the
-- columns here (see macros/kpi_registry.sql). Durations are whole microseconds (`_us`): exact, additive.
with

conversations as (

    select * from {{ ref('int_conversations_aggregated') }}

),

business_durations as (

    select
        platform,
        conversation_id,
        queue_id,
        frt_business_any_us,
        frt_business_human_us,
        first_response_due_at,
        is_first_response_within_sla,
        is_sla_breached,
        is_sla_applicable,
        is_frt_over_60m
    from {{ ref('int_conversations_business_durations') }}

),

as_of as (

    {#- "now" for open conversations is the latest event in the data, never the wall clock, so a rebuild on
        the same data gives the same result -#}
    select max(occurred_at) as as_of_at from {{ ref('int_conversation_events_sequenced') }}

),

flagged as (

    select
        conversations.*,
        business_durations.queue_id,
        business_durations.frt_business_any_us,
        business_durations.frt_business_human_us,
        business_durations.first_response_due_at,
        business_durations.is_first_response_within_sla,
        coalesce(business_durations.is_sla_breached, false) as is_sla_breached,
        coalesce(business_durations.is_sla_applicable, false) as is_sla_applicable,
        coalesce(business_durations.is_frt_over_60m, false) as is_frt_over_60m,
        as_of.as_of_at,
        first_response_at is not null as is_responded,
        first_human_response_at is not null as is_human_responded,
        first_automated_response_at is not null as has_automated_response,
        first_automated_response_at is not null
            and first_automated_response_at = first_response_at as is_first_response_automated,
        first_handoff_at is not null as has_handoff,
        human_responses > 0 as has_human_message,
        last_resolved_at is not null and last_resolved_at >= last_customer_message_at as is_resolved,
        reopens > 0 as is_reopened,
        lead_created_at is not null as is_lead,
        csat_score is not null as has_csat,
        bot_replies_before_human >= 3 as is_bot_loop,
        {{ dbt.dateadd('minute', var('escalation_frt_target_min'), 'first_inbound_at') }} as frt_target_at
    from conversations
    left join business_durations
        on conversations.platform = business_durations.platform
        and conversations.conversation_id = business_durations.conversation_id
    cross join as_of

),

with_escalation_condition as (

    {#- the escalation condition is met at the earliest of: a customer message calling for a human, and the
        FRT target passing without a response -#}
    select
        *,
        case
            when escalation_signal_at is null then frt_target_breached_at
            when frt_target_breached_at is null then escalation_signal_at
            when escalation_signal_at <= frt_target_breached_at then escalation_signal_at
            else frt_target_breached_at
        end as escalation_condition_at
    from (
        select
            *,
            case
                when first_response_at is null or first_response_at > frt_target_at then frt_target_at
            end as frt_target_breached_at
        from flagged
    ) as with_target

),

final as (

    select
        {{ dbt.concat(['platform', "':'", 'conversation_id']) }} as conversation_key,
        conversation_id,
        platform,
        channel,
        language,
        coalesce(priority, 'unset') as priority,
        intent,
        campaign_tag,
        experiment_id,
        variant,
        customer_key,
        first_sentiment_label,
        first_sentiment_score,
        first_automated_template_id as template_id,
        queue_id,
        first_inbound_at,
        cast({{ utc_to_local('first_inbound_at') }} as date) as first_inbound_date,
        first_response_at,
        first_human_response_at,
        first_automated_response_at,
        first_handoff_at,
        first_human_response_after_handoff_at,
        first_resolved_at,
        last_resolved_at,
        last_customer_message_at,
        lead_created_at,
        escalation_condition_at,
        customer_messages,
        human_responses,
        automated_responses,
        resolutions,
        reopens,
        csat_score,
        is_responded,
        is_human_responded,
        has_automated_response,
        is_first_response_automated,
        has_handoff,
        has_automated_response and has_handoff and first_handoff_at >= first_automated_response_at
            as is_handed_off_after_automation,
        has_human_message,
        is_resolved,
        is_reopened,
        is_resolved and not is_reopened as is_stayed_resolved,
        is_resolved and not has_handoff as is_resolved_without_escalation,
        is_resolved and not has_human_message as is_resolved_without_human,
        {#- automated at first contact: a bot answered first, no handoff, no human message, never reopened -#}
        is_first_response_automated and is_resolved and not has_handoff and not has_human_message
            and not is_reopened as is_automation_success,
        is_lead,
        has_csat,
        csat_score >= 4 as is_csat_positive,
        is_bot_loop,
        escalation_condition_at is not null
            and {{ dbt.dateadd('minute', 60, 'escalation_condition_at') }} <= as_of_at
            and (first_handoff_at is null
                or first_handoff_at > {{ dbt.dateadd('minute', 60, 'escalation_condition_at') }})
            as is_missed_escalation,
        {{ microseconds_between('first_inbound_at', 'first_response_at') }} as frt_any_us,
        {{ microseconds_between('first_inbound_at', 'first_human_response_at') }} as frt_human_us,
        {{ microseconds_between('first_handoff_at', 'first_human_response_after_handoff_at') }}
            as frt_human_after_handoff_us,
        {{ microseconds_between('first_inbound_at', 'first_handoff_at') }} as bot_handling_us,
        case when is_resolved then {{ microseconds_between('first_inbound_at', 'last_resolved_at') }} end
            as aht_us,
        case
            when is_resolved and has_handoff
                then {{ microseconds_between('first_handoff_at', 'last_resolved_at') }}
        end as escalation_resolution_us,
        frt_business_any_us,
        frt_business_human_us,
        first_response_due_at,
        is_first_response_within_sla,
        is_sla_breached,
        is_sla_applicable,
        is_frt_over_60m
    from with_escalation_condition

),

with_minutes as (

    select
        *,
        {{ microseconds_to_minutes('frt_any_us') }} as frt_any_min,
        {{ microseconds_to_minutes('frt_human_us') }} as frt_human_min
    from final

)

select * from with_minutes
