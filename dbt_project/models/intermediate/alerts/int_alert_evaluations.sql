-- One row per alert rule × severity × platform × language × day: what the rule observed, the threshold of the
-- most specific alert_rules.csv row for that scope and severity, and whether it fired (kpis.md §9).
--   slow_first_response, negative_sentiment   the day's share          fires when observed >  threshold
--   dm_waiting                                the longest wait, hours   fires when observed >  threshold
--   comment_volume_spike                      week over week change     fires when observed >= threshold
--   conversion_rate_drop, csat_drop           week over week change     fires when observed <= threshold
-- Week over week is relative: the 7 days ending on the day ÷ the 7 days before − 1 (a ratio KPI compares
-- ratios of sums), judged only from the 14th day of the measure's data. A rule judges a scope only when its
-- volume (the day's conversations / comments / ratings / waiting DMs; for a change, the smaller of the two
-- weeks) reaches min_volume. Values are compared rounded to 9 decimals, so a value on the threshold is on it.
{%- set daily_rules = {'slow_first_response': 'slow_first_response', 'negative_sentiment': 'negative_sentiment',
                       'dm_waiting': 'dm_waiting'} %}
{%- set weekly_rules = {'comment_volume_spike': 'comments', 'csat_drop': 'csat', 'conversion_rate_drop': 'conversion'} %}

with

measures as (

    select * from {{ ref('int_alert_daily_measures') }}

),

rules as (

    select * from {{ ref('stg_settings__alert_rules') }}

),

spans as (

    select measure, min(measure_date) as first_date, max(measure_date) as last_date
    from measures
    group by measure

),

scopes as (

    select distinct measure, platform, language, last_data_date
    from measures

),

weekly_days as (

    select
        scopes.measure,
        scopes.platform,
        scopes.language,
        scopes.last_data_date,
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number + 12', 'spans.first_date') }} as date) as evaluation_date
    from scopes
    inner join spans
        on scopes.measure = spans.measure
    inner join ({{ dbt.generate_series(var('content_max_days')) }}) as day_numbers
        on day_numbers.generated_number + 12 <= {{ dbt.datediff('spans.first_date', 'spans.last_date', 'day') }}
    where scopes.measure in ('{{ weekly_rules.values() | join("', '") }}')

),

weeks as (

    select
        weekly_days.measure,
        weekly_days.platform,
        weekly_days.language,
        weekly_days.last_data_date,
        weekly_days.evaluation_date,
        sum(case when measures.measure_date > {{ dbt.dateadd('day', -7, 'weekly_days.evaluation_date') }}
            then measures.numerator else 0 end) as this_numerator,
        sum(case when measures.measure_date > {{ dbt.dateadd('day', -7, 'weekly_days.evaluation_date') }}
            then measures.denominator else 0 end) as this_denominator,
        sum(case when measures.measure_date <= {{ dbt.dateadd('day', -7, 'weekly_days.evaluation_date') }}
            then measures.numerator else 0 end) as last_numerator,
        sum(case when measures.measure_date <= {{ dbt.dateadd('day', -7, 'weekly_days.evaluation_date') }}
            then measures.denominator else 0 end) as last_denominator
    from weekly_days
    left join measures
        on weekly_days.measure = measures.measure
        and weekly_days.platform = measures.platform
        and weekly_days.language = measures.language
        and measures.measure_date <= weekly_days.evaluation_date
        and measures.measure_date > {{ dbt.dateadd('day', -14, 'weekly_days.evaluation_date') }}
    group by 1, 2, 3, 4, 5

),

observations as (

    {% for rule, measure in daily_rules.items() %}
    select
        '{{ rule }}' as rule,
        platform,
        language,
        last_data_date,
        measure_date as evaluation_date,
        {{ 'numerator' if rule == 'dm_waiting' else 'numerator / denominator' }} as observed_value,
        denominator as volume
    from measures
    where measure = '{{ measure }}'
    union all
    {% endfor %}
    {% for rule, measure in weekly_rules.items() %}
    select
        '{{ rule }}' as rule,
        platform,
        language,
        last_data_date,
        evaluation_date,
        {%- if measure == 'comments' %}
        this_numerator / nullif(last_numerator, 0) - 1 as observed_value,
        {%- else %}
        (this_numerator / nullif(this_denominator, 0)) / nullif(last_numerator / nullif(last_denominator, 0), 0)
            - 1 as observed_value,
        {%- endif %}
        case when this_denominator < last_denominator then this_denominator else last_denominator end as volume
    from weeks
    where measure = '{{ measure }}'
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

candidates as (

    select
        observations.*,
        rules.severity,
        rules.threshold,
        rules.min_volume,
        row_number() over (
            partition by observations.rule, rules.severity, observations.platform, observations.language,
                observations.evaluation_date
            order by
                case when rules.platform is not null then 1 else 0 end desc,
                case when rules.language is not null then 1 else 0 end desc,
                case when lower(rules.language) = lower(observations.language) then 1 else 0 end desc
        ) as specificity_rank
    from observations
    inner join rules
        on observations.rule = rules.rule
        and (rules.platform is null or rules.platform = observations.platform)
        and (rules.language is null or lower(observations.language) = lower(rules.language)
            or lower(observations.language) like {{ dbt.concat(['lower(rules.language)', "'-%'"]) }})

),

judged as (

    select
        *,
        case
            when rule in ('conversion_rate_drop', 'csat_drop') then '<='
            when rule = 'comment_volume_spike' then '>='
            else '>'
        end as comparison,
        observed_value is not null and volume >= min_volume as is_judged
    from candidates
    where specificity_rank = 1

)

select
    rule,
    severity,
    platform,
    language,
    evaluation_date,
    observed_value,
    threshold,
    comparison,
    volume,
    min_volume,
    is_judged,
    is_judged and case comparison
        when '>' then round(observed_value, 9) > round(threshold, 9)
        when '>=' then round(observed_value, 9) >= round(threshold, 9)
        else round(observed_value, 9) <= round(threshold, 9)
    end as is_fired,
    last_data_date
from judged
