{#- A table, not a view like the rest of the folder: the range joins below are the costliest step of the
    inbox models, and the SLA report and a dozen tests read the result; a view would redo them per read. -#}
{{ config(materialized='table') }}

-- One row per conversation with at least one customer message: its team queue, business-hours durations
-- and first-response SLA verdict.
-- Rules (shared/spec/kpis.md §2), each written down in DECISIONLOG.md:
--   * queue: the most specific team_queues row for (platform, language) wins; `*` matches anything;
--   * business time between two instants = the open time of the queue's intervals between them, read off
--     a running total of open time (the "business clock"): outside hours it stands still, so a message
--     received and answered wholly outside business hours takes 0, and a wait spanning a calendar change
--     or a DST change counts each part under the intervals of its own date;
--   * SLA policy: the most specific sla_policies row for (queue, channel, priority, language) in force on
--     the first inbound's local date (an empty effective_from: from the beginning of time); a conversation
--     no queue or no policy covers keeps empty targets and says so in `sla_status`, never fails the build;
--   * the SLA clock stops at the first human reply (a bot reply does not stop it, var
--     `sla_counts_bot_replies`), or at a resolution that came first (the bot or an agent closed it);
--   * deadlines are judged at the data's as-of instant (the latest event), never the wall clock.
with

conversations as (

    select
        platform,
        conversation_id,
        channel,
        language,
        priority,
        first_inbound_at,
        first_response_at,
        first_human_response_at,
        first_resolved_at,
        last_resolved_at,
        last_customer_message_at
    from {{ ref('int_conversations_aggregated') }}

),

team_queues as (

    select queue_id, platform, language
    from {{ ref('stg_settings__team_queues') }}

),

sla_policies as (

    select
        sla_policy_id,
        queue_id,
        channel,
        priority,
        language,
        first_response_target_min,
        resolution_target_min,
        effective_from,
        effective_to
    from {{ ref('stg_settings__sla_policies') }}

),

business_hours_intervals as (

    select queue_id, time_zone, opens_at, closes_at
    from {{ ref('int_business_hours_intervals') }}

),

as_of as (

    {{ inbox_as_of('conversations') }}

),

{#- 1. The queue: matched once per (platform, language), then joined back -#}
conversation_segments as (

    select distinct platform, language
    from conversations

),

queue_candidates as (

    select
        conversation_segments.platform,
        conversation_segments.language,
        team_queues.queue_id,
        row_number() over (
            partition by conversation_segments.platform, conversation_segments.language
            order by
                case when team_queues.platform <> '*' then 1 else 0 end
                    + case when team_queues.language <> '*' then 1 else 0 end desc,
                case when team_queues.platform <> '*' then 1 else 0 end desc,
                case when lower(team_queues.language) = lower(conversation_segments.language) then 1 else 0 end desc,
                team_queues.queue_id
        ) as queue_rank
    from conversation_segments
    inner join team_queues
        on (team_queues.platform = '*' or team_queues.platform = conversation_segments.platform)
        and (
            team_queues.language = '*'
            or lower(team_queues.language) = lower(conversation_segments.language)
            or lower(team_queues.language) = lower({{ dbt.split_part('conversation_segments.language', "'-'", 1) }})
        )

),

assigned_queues as (

    select platform, language, queue_id
    from queue_candidates
    where queue_rank = 1

),

{%- set sla_response = 'first_response_at' if var('sla_counts_bot_replies') else 'first_human_response_at' %}

queued_conversations as (

    select
        conversations.*,
        assigned_queues.queue_id,
        {#- the response that stops the SLA clock: the first human reply, or a resolution before it -#}
        case
            when conversations.first_resolved_at is null then conversations.{{ sla_response }}
            when conversations.{{ sla_response }} is null then conversations.first_resolved_at
            when conversations.first_resolved_at < conversations.{{ sla_response }}
                then conversations.first_resolved_at
            else conversations.{{ sla_response }}
        end as sla_first_response_at,
        conversations.last_resolved_at is not null
            and conversations.last_resolved_at >= conversations.last_customer_message_at as is_resolved,
        as_of.as_of_at
    from conversations
    cross join as_of
    left join assigned_queues
        on conversations.platform = assigned_queues.platform
        and conversations.language = assigned_queues.language

),

{#- 2. The business clock: open time before each interval (a running total), and where the next opens -#}
queue_clock as (

    select
        queue_id,
        opens_at,
        closes_at,
        {{ microseconds_between('opens_at', 'closes_at') }} as open_us,
        coalesce(
            sum({{ microseconds_between('opens_at', 'closes_at') }}) over (
                partition by queue_id order by opens_at rows between unbounded preceding and 1 preceding
            ),
            0
        ) as open_us_before,
        coalesce(
            lead(opens_at) over (partition by queue_id order by opens_at),
            cast('9999-12-31 00:00:00' as {{ dbt.type_timestamp() }})
        ) as next_opens_at
    from business_hours_intervals

),

queue_time_zones as (

    select queue_id, max(time_zone) as time_zone
    from business_hours_intervals
    group by queue_id

),

{#- every instant a duration starts or ends at, one row each -#}
instants as (

    {%- set instant_columns = ['first_inbound_at', 'first_response_at', 'first_human_response_at',
                               'sla_first_response_at', 'last_resolved_at', 'as_of_at'] %}
    {%- for column in instant_columns %}
    select platform, conversation_id, queue_id, '{{ column }}' as instant, {{ column }} as instant_at
    from queued_conversations
    where {{ column }} is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

{#- the business clock at an instant: open time before the latest interval opened by then, plus the part of
    that interval already gone; 0 before the first interval -#}
clock_readings as (

    select
        instants.platform,
        instants.conversation_id,
        instants.instant,
        coalesce(
            queue_clock.open_us_before
            + {{ microseconds_between(
                'queue_clock.opens_at',
                'case when instants.instant_at < queue_clock.closes_at then instants.instant_at'
                ~ ' else queue_clock.closes_at end') }},
            0
        ) as clock_us
    from instants
    left join queue_clock
        on instants.queue_id = queue_clock.queue_id
        and queue_clock.opens_at <= instants.instant_at
        and instants.instant_at < queue_clock.next_opens_at

),

business_clocks as (

    select
        platform,
        conversation_id,
        {%- for column in instant_columns %}
        max(case when instant = '{{ column }}' then clock_us end) as {{ column | replace('_at', '') }}_clock_us
        {{- "," if not loop.last }}
        {%- endfor %}
    from clock_readings
    group by platform, conversation_id

),

{#- 3. The SLA policy in force on the first inbound's local date (policy dates are the queue's local dates) -#}
policy_windows as (

    select
        sla_policies.*,
        queue_time_zones.queue_id as applies_to_queue_id,
        {{ local_to_utc('cast(sla_policies.effective_from as ' ~ dbt.type_timestamp() ~ ')',
                        tz_expression='queue_time_zones.time_zone') }} as effective_from_at,
        {{ local_to_utc('cast(sla_policies.effective_to as ' ~ dbt.type_timestamp() ~ ')',
                        tz_expression='queue_time_zones.time_zone') }} as effective_to_at
    from sla_policies
    inner join queue_time_zones
        on sla_policies.queue_id = '*' or sla_policies.queue_id = queue_time_zones.queue_id

),

policy_candidates as (

    select
        queued_conversations.platform,
        queued_conversations.conversation_id,
        policy_windows.sla_policy_id,
        policy_windows.first_response_target_min,
        policy_windows.resolution_target_min,
        row_number() over (
            partition by queued_conversations.platform, queued_conversations.conversation_id
            order by
                case when policy_windows.queue_id <> '*' then 1 else 0 end
                    + case when policy_windows.channel <> '*' then 1 else 0 end
                    + case when policy_windows.priority <> '*' then 1 else 0 end
                    + case when policy_windows.language <> '*' then 1 else 0 end desc,
                case when policy_windows.priority <> '*' then 1 else 0 end desc,
                case when policy_windows.channel <> '*' then 1 else 0 end desc,
                case when policy_windows.queue_id <> '*' then 1 else 0 end desc,
                case when lower(policy_windows.language) = lower(queued_conversations.language) then 1 else 0 end desc,
                policy_windows.sla_policy_id
        ) as policy_rank
    from queued_conversations
    inner join policy_windows
        on queued_conversations.queue_id = policy_windows.applies_to_queue_id
        and (
            policy_windows.effective_from_at is null
            or queued_conversations.first_inbound_at >= policy_windows.effective_from_at
        )
        and (
            policy_windows.effective_to_at is null
            or queued_conversations.first_inbound_at < policy_windows.effective_to_at
        )
        and (policy_windows.channel = '*' or policy_windows.channel = queued_conversations.channel)
        and (policy_windows.priority = '*' or policy_windows.priority = queued_conversations.priority)
        and (
            policy_windows.language = '*'
            or lower(policy_windows.language) = lower(queued_conversations.language)
            or lower(policy_windows.language)
                = lower({{ dbt.split_part('queued_conversations.language', "'-'", 1) }})
        )

),

assigned_policies as (

    select platform, conversation_id, sla_policy_id, first_response_target_min, resolution_target_min
    from policy_candidates
    where policy_rank = 1

),

with_targets as (

    select
        queued_conversations.*,
        business_clocks.first_inbound_clock_us,
        business_clocks.first_response_clock_us,
        business_clocks.first_human_response_clock_us,
        business_clocks.sla_first_response_clock_us,
        business_clocks.last_resolved_clock_us,
        business_clocks.as_of_clock_us,
        assigned_policies.sla_policy_id,
        assigned_policies.first_response_target_min,
        assigned_policies.resolution_target_min,
        cast(assigned_policies.first_response_target_min as {{ dbt.type_bigint() }}) * 60000000
            as first_response_target_us,
        cast(assigned_policies.resolution_target_min as {{ dbt.type_bigint() }}) * 60000000
            as resolution_target_us
    from queued_conversations
    left join business_clocks
        on queued_conversations.platform = business_clocks.platform
        and queued_conversations.conversation_id = business_clocks.conversation_id
    left join assigned_policies
        on queued_conversations.platform = assigned_policies.platform
        and queued_conversations.conversation_id = assigned_policies.conversation_id

),

{#- 4. The deadline: the instant the business clock passes first inbound + target. It falls inside an open
    interval, never at a closing time (a target used up at 18:00 is due at the next opening), so "answered
    by the due instant" and "business FRT <= target" agree; NULL beyond the generated calendar -#}
first_response_deadlines as (

    select
        with_targets.platform,
        with_targets.conversation_id,
        {{ add_microseconds(
            'queue_clock.opens_at',
            'with_targets.first_inbound_clock_us + with_targets.first_response_target_us - queue_clock.open_us_before'
        ) }} as first_response_due_at
    from with_targets
    inner join queue_clock
        on with_targets.queue_id = queue_clock.queue_id
        and queue_clock.open_us_before
            <= with_targets.first_inbound_clock_us + with_targets.first_response_target_us
        and with_targets.first_inbound_clock_us + with_targets.first_response_target_us
            < queue_clock.open_us_before + queue_clock.open_us

),

durations as (

    select
        with_targets.*,
        first_response_deadlines.first_response_due_at,
        case when with_targets.first_response_at is not null
            then with_targets.first_response_clock_us - with_targets.first_inbound_clock_us
        end as frt_business_any_us,
        case when with_targets.first_human_response_at is not null
            then with_targets.first_human_response_clock_us - with_targets.first_inbound_clock_us
        end as frt_business_human_us,
        case when with_targets.sla_first_response_at is not null
            then with_targets.sla_first_response_clock_us - with_targets.first_inbound_clock_us
        end as sla_first_response_business_us,
        case when with_targets.last_resolved_at is not null
            then with_targets.last_resolved_clock_us - with_targets.first_inbound_clock_us
        end as resolution_business_us,
        with_targets.as_of_clock_us - with_targets.first_inbound_clock_us as open_business_us_by_as_of
    from with_targets
    left join first_response_deadlines
        on with_targets.platform = first_response_deadlines.platform
        and with_targets.conversation_id = first_response_deadlines.conversation_id

),

verdicts as (

    select
        *,
        case
            when sla_first_response_at is not null
                then sla_first_response_business_us <= first_response_target_us
            when first_response_due_at < as_of_at then false
        end as is_first_response_within_sla,
        case
            when is_resolved then resolution_business_us <= resolution_target_us
            when open_business_us_by_as_of > resolution_target_us then false
        end as is_resolution_within_sla,
        {#- the daily alert's measure (spec `frt_over_60m_share`): wall-clock FRT of ANY response, bot or
            human, over 60 min, or no response 60 min after the first inbound as of the data's as-of instant -#}
        case
            when first_response_at is not null
                then {{ microseconds_between('first_inbound_at', 'first_response_at') }} > 3600000000
            else {{ microseconds_between('first_inbound_at', 'as_of_at') }} > 3600000000
        end as is_frt_over_60m
    from durations

),

final as (

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
        last_resolved_at,
        is_resolved,
        as_of_at,
        frt_business_any_us,
        frt_business_human_us,
        sla_first_response_business_us,
        resolution_business_us,
        {{ microseconds_to_minutes('frt_business_any_us') }} as frt_business_any_min,
        {{ microseconds_to_minutes('frt_business_human_us') }} as frt_business_human_min,
        {{ microseconds_to_minutes('resolution_business_us') }} as resolution_business_min,
        first_response_target_min as sla_first_response_target_min,
        resolution_target_min as sla_resolution_target_min,
        first_response_due_at,
        is_first_response_within_sla,
        coalesce(not is_first_response_within_sla, false) as is_sla_breached,
        is_first_response_within_sla is not null as is_sla_applicable,
        case
            when is_first_response_within_sla then null
            when sla_first_response_at is not null then sla_first_response_business_us - first_response_target_us
            when is_first_response_within_sla is not null then open_business_us_by_as_of - first_response_target_us
        end as first_response_late_business_us,
        is_resolution_within_sla,
        is_frt_over_60m,
        case
            when queue_id is null then 'no queue: no team_queues.csv rule matches its platform and language'
            when sla_policy_id is null then 'no SLA policy: no sla_policies.csv row in force on its date'
            else 'covered'
        end as sla_status
    from verdicts

)

select * from final
