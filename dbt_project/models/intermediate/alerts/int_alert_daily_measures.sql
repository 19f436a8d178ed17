{{ config(materialized='table') }}
-- One row per measure × platform × language × day with the two additive parts every alert and the
-- pause-automation rule judge (kpis.md §9), and the last day of the measure's data (an alert is open when it
-- fires on that day). Conversations count on the day of their first inbound, comments on theirs (team time
-- zone), as everywhere else.
--   slow_first_response  numerator: conversations with FRT > 60 min or unanswered after 60 min; denominator:
--                        conversations (the registry's frt_over_60m_share)
--   negative_sentiment   negative comments ÷ sentiment-labelled comments (the registry's negative_share)
--   comments             comments (numerator and denominator: the count; the registry's comments)
--   csat                 Σ CSAT ratings ÷ ratings (the registry's csat_mean)
--   conversion           conversations with an attributed conversion ÷ conversations (the registry's
--                        social_conversion_rate, day grain: fct_roi_daily; days without conversations left out)
--   dm_waiting           numerator: the longest wait, in hours, a DM had reached on the day without a first
--                        response (until its first response, its first resolution or the data's as-of
--                        instant); denominator: the DMs waiting on the day
{%- set registry_measures = {
    'slow_first_response': 'frt_over_60m_share',
    'negative_sentiment': 'negative_share',
    'comments': 'comments',
    'csat': 'csat_mean',
    'conversion': 'social_conversion_rate',
} %}

with

registry_daily as (

    {{ kpi_rows(['platform', 'language'], kpis=registry_measures.values() | list) }}

),

conversations as (

    select conversation_key, platform, language, channel, first_inbound_date, first_inbound_at,
        first_response_at, first_resolved_at, last_customer_message_at, last_resolved_at
    from {{ ref('fct_conversations') }}

),

as_of as (

    select max(latest_at) as as_of_at
    from (
        select max(first_inbound_at) as latest_at from conversations
        union all select max(first_response_at) from conversations
        union all select max(last_customer_message_at) from conversations
        union all select max(last_resolved_at) from conversations
    ) as instants

),

dm_waits as (

    select
        conversations.platform,
        conversations.language,
        {{ utc_to_local('conversations.first_inbound_at') }} as wait_start,
        {{ utc_to_local(
            'least(coalesce(conversations.first_response_at, as_of.as_of_at), '
            ~ 'coalesce(conversations.first_resolved_at, as_of.as_of_at), as_of.as_of_at)') }} as wait_end
    from conversations
    cross join as_of
    where conversations.channel = 'dm'

),

dm_wait_days as (

    select
        dm_waits.platform,
        dm_waits.language,
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'cast(dm_waits.wait_start as date)') }}
            as date) as measure_date,
        dm_waits.wait_start,
        dm_waits.wait_end
    from dm_waits
    inner join ({{ dbt.generate_series(var('content_max_days')) }}) as day_numbers
        on day_numbers.generated_number - 1
            <= {{ dbt.datediff('cast(dm_waits.wait_start as date)', 'cast(dm_waits.wait_end as date)', 'day') }}
    where dm_waits.wait_end > dm_waits.wait_start

),

dm_waiting_daily as (

    select
        measure_date,
        platform,
        language,
        max({{ dbt.datediff('wait_start',
            'least(wait_end, ' ~ dbt.dateadd('day', 1, 'cast(measure_date as timestamp)') ~ ')', 'second') }})
            / 3600.0 as numerator,
        cast(count(*) as {{ type_double() }}) as denominator
    from dm_wait_days
    group by 1, 2, 3

),

measures as (

    {% for measure, kpi in registry_measures.items() %}
    select
        '{{ measure }}' as measure,
        kpi_date as measure_date,
        platform,
        language,
        {%- if kpi == 'comments' %}
        value as numerator,
        value as denominator
        {%- else %}
        numerator,
        denominator
        {%- endif %}
    from registry_daily
    where kpi = '{{ kpi }}'
        {%- if measure == 'conversion' %}
        and denominator > 0  {#- cost rows of fct_roi_daily carry no conversations -#}
        {%- endif %}
    union all
    {% endfor %}
    select 'dm_waiting' as measure, measure_date, platform, language, numerator, denominator
    from dm_waiting_daily

),

last_days as (

    select
        case when source = 'comments' then 'comment' else 'conversation' end as source,
        last_data_date
    from (
        select 'conversations' as source, max(first_inbound_date) as last_data_date from conversations
        union all
        select 'comments' as source, max(comment_date) from {{ ref('fct_comments') }}
    ) as sources

)

select
    measures.measure,
    measures.measure_date,
    coalesce(measures.platform, '(none)') as platform,
    {#- a conversation or comment without a language tag is BCP 47 `und` (undetermined) -#}
    coalesce(measures.language, 'und') as language,
    case when measures.measure = 'dm_waiting' then max(measures.numerator) else sum(measures.numerator) end
        as numerator,
    sum(measures.denominator) as denominator,
    last_days.last_data_date
from measures
inner join last_days
    on last_days.source = case
        when measures.measure in ('negative_sentiment', 'comments') then 'comment' else 'conversation'
    end
where measures.denominator > 0
group by 1, 2, 3, 4, 7
