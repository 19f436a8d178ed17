-- Materialized as a table (an exception to the folder's views): five models read it, and as a view it was
-- recomputed by each (scale 100: dbt build 42 s as views, 26.5 s with this one table).
{{ config(materialized='table') }}

-- One row per conversation with at least one customer message: every moment the inbox KPIs measure.
-- Rules (shared/spec/kpis.md §2–4, events.md), each written down in DECISIONLOG.md:
--   * the clock starts at the earliest customer message; responses count from there on (>=);
--   * moderation and escalation are not responses; bot replies count for "any", agents for "human";
--   * a customer message after a resolution reopens the conversation; FRT stays the first, AHT runs to the
--     last resolution; a conversation is resolved when no customer message follows its last resolution;
--   * everything is a min / max / count over events, so arrival order and duplicates cannot change it.
with

timeline as (

    select * from {{ ref('int_conversation_events_sequenced') }}

),

first_inbounds as (

    select
        platform,
        conversation_id,
        occurred_at as first_inbound_at,
        case when event_type = 'comment_received' then 'comment' else 'dm' end as channel,
        customer_key,
        sentiment_label as first_sentiment_label,
        sentiment_score as first_sentiment_score
    from (
        select
            *,
            row_number() over (
                partition by platform, conversation_id order by occurred_at, event_id
            ) as inbound_rank
        from timeline
        where event_role = 'customer_message'
    ) as ranked
    where inbound_rank = 1

),

{#- The first known value of each attribute in the conversation (a tag may come on a later event). -#}
{%- set attributes = ['language', 'priority', 'intent', 'campaign_tag', 'experiment_id', 'variant'] %}

attribute_values as (

    {% for attribute in attributes %}
    select
        platform,
        conversation_id,
        '{{ attribute }}' as attribute,
        {{ attribute }} as attribute_value,
        occurred_at,
        event_id
    from timeline
    where {{ attribute }} is not null {% if attribute == 'language' %}and language <> 'und'{% endif %}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

first_attribute_values as (

    select
        platform,
        conversation_id,
        {% for attribute in attributes %}
        max(case when attribute = '{{ attribute }}' then attribute_value end) as {{ attribute }}
        {{- "," if not loop.last }}
        {% endfor %}
    from (
        select
            *,
            row_number() over (
                partition by platform, conversation_id, attribute order by occurred_at, event_id
            ) as value_rank
        from attribute_values
    ) as ranked
    where value_rank = 1
    group by platform, conversation_id

),

timeline_after_first_inbound as (

    select
        timeline.*,
        first_inbounds.first_inbound_at
    from timeline
    inner join first_inbounds
        on timeline.platform = first_inbounds.platform
        and timeline.conversation_id = first_inbounds.conversation_id
    where timeline.occurred_at >= first_inbounds.first_inbound_at

),

moments as (

    select
        platform,
        conversation_id,
        max(case when event_role = 'customer_message' then occurred_at end) as last_customer_message_at,
        sum(case when event_role = 'customer_message' then 1 else 0 end) as customer_messages,
        min(case when event_role = 'brand_response' then occurred_at end) as first_response_at,
        min(case when is_human_response then occurred_at end) as first_human_response_at,
        min(case when is_automated_response then occurred_at end) as first_automated_response_at,
        sum(case when is_human_response then 1 else 0 end) as human_responses,
        sum(case when is_automated_response then 1 else 0 end) as automated_responses,
        min(case when event_role = 'handoff' then occurred_at end) as first_handoff_at,
        min(case when event_role = 'resolution' then occurred_at end) as first_resolved_at,
        max(case when event_role = 'resolution' then occurred_at end) as last_resolved_at,
        sum(case when event_role = 'resolution' then 1 else 0 end) as resolutions,
        min(case when event_role = 'lead' then occurred_at end) as lead_created_at,
        min(case when event_role = 'moderation' then occurred_at end) as first_moderation_at,
        min(
            case
                when event_role = 'customer_message'
                    and (sentiment_score < -0.6 or intent in ('refund', 'legal', 'brand_safety'))
                    then occurred_at
            end
        ) as escalation_signal_at
    from timeline_after_first_inbound
    group by platform, conversation_id

),

first_automated_templates as (

    select platform, conversation_id, template_id as first_automated_template_id
    from (
        select
            platform,
            conversation_id,
            template_id,
            row_number() over (
                partition by platform, conversation_id order by occurred_at, event_id
            ) as automated_rank
        from timeline_after_first_inbound
        where is_automated_response
    ) as ranked
    where automated_rank = 1

),

human_after_handoff as (

    select
        moments.platform,
        moments.conversation_id,
        min(timeline.occurred_at) as first_human_response_after_handoff_at
    from moments
    inner join timeline
        on moments.platform = timeline.platform
        and moments.conversation_id = timeline.conversation_id
        and timeline.is_human_response
        and timeline.occurred_at >= moments.first_handoff_at
    group by moments.platform, moments.conversation_id

),

bot_replies_before_a_human as (

    {#- bot loop check: automated replies before the first handoff and the first human reply -#}
    select
        moments.platform,
        moments.conversation_id,
        count(*) as bot_replies_before_human
    from moments
    inner join timeline_after_first_inbound as timeline
        on moments.platform = timeline.platform
        and moments.conversation_id = timeline.conversation_id
        and timeline.is_automated_response
        and (moments.first_handoff_at is null or timeline.occurred_at < moments.first_handoff_at)
        and (moments.first_human_response_at is null or timeline.occurred_at < moments.first_human_response_at)
    group by moments.platform, moments.conversation_id

),

reopen_transitions as (

    {#- a reopen: a customer message whose previous message-or-resolution in the thread is a resolution -#}
    select
        platform,
        conversation_id,
        sum(case when event_role = 'customer_message' and previous_role = 'resolution' then 1 else 0 end)
            as reopens
    from (
        select
            platform,
            conversation_id,
            event_role,
            lag(event_role) over (
                partition by platform, conversation_id order by occurred_at, event_id
            ) as previous_role
        from timeline
        where event_role in ('customer_message', 'resolution')
    ) as sequenced
    group by platform, conversation_id

),

latest_csat as (

    select platform, conversation_id, csat_score
    from (
        select
            platform,
            conversation_id,
            csat_score,
            row_number() over (
                partition by platform, conversation_id order by occurred_at desc, event_id desc
            ) as csat_rank
        from timeline
        where event_role = 'csat'
    ) as ranked
    where csat_rank = 1

),

final as (

    select
        first_inbounds.platform,
        first_inbounds.conversation_id,
        first_inbounds.channel,
        coalesce(first_attribute_values.language, 'und') as language,
        first_attribute_values.priority,
        first_attribute_values.intent,
        first_attribute_values.campaign_tag,
        first_attribute_values.experiment_id,
        first_attribute_values.variant,
        first_inbounds.customer_key,
        first_inbounds.first_sentiment_label,
        first_inbounds.first_sentiment_score,
        first_inbounds.first_inbound_at,
        moments.last_customer_message_at,
        moments.customer_messages,
        moments.first_response_at,
        moments.first_human_response_at,
        moments.first_automated_response_at,
        first_automated_templates.first_automated_template_id,
        moments.human_responses,
        moments.automated_responses,
        moments.first_handoff_at,
        human_after_handoff.first_human_response_after_handoff_at,
        coalesce(bot_replies_before_a_human.bot_replies_before_human, 0) as bot_replies_before_human,
        moments.first_resolved_at,
        moments.last_resolved_at,
        moments.resolutions,
        coalesce(reopen_transitions.reopens, 0) as reopens,
        latest_csat.csat_score,
        moments.lead_created_at,
        moments.first_moderation_at,
        moments.escalation_signal_at
    from first_inbounds
    {#- every per-conversation CTE joins the same way: on the conversation's key -#}
    {%- for cte in ['first_attribute_values', 'moments', 'first_automated_templates', 'human_after_handoff',
                    'bot_replies_before_a_human', 'reopen_transitions', 'latest_csat'] %}
    left join {{ cte }}
        on first_inbounds.platform = {{ cte }}.platform
        and first_inbounds.conversation_id = {{ cte }}.conversation_id
    {%- endfor %}

)

select * from final
