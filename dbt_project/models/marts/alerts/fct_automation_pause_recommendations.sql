-- One row per platform × language: should automation be paused there? kpis.md §9's decision rule, as of
-- the last day of the data: pause when the negative share of the last 7 days' comments is above
-- `pause_negative_sentiment` (default 10 %), or when the social conversion rate of the last 7 days is below
-- `pause_conversion_drop` (default 0.5) × its baseline, the rate of the 30 days before those 7 (kpis.md §9's
-- 30-day rolling baseline). Thresholds: the most specific alert_rules.csv row for the scope; a side whose
-- volume (labelled comments, conversations in either window) is under min_volume is not judged. `reason`
-- says which side triggered, with the values.
with

measures as (

    select * from {{ ref('int_alert_daily_measures') }}
    where measure in ('negative_sentiment', 'conversion')

),

rules as (

    select * from {{ ref('stg_settings__alert_rules') }}
    where rule in ('pause_negative_sentiment', 'pause_conversion_drop')

),

as_of as (

    select measure, max(last_data_date) as as_of_date
    from measures
    group by measure

),

scopes as (

    select distinct platform, language from measures

),

sums as (

    select
        measures.platform,
        measures.language,
        sum(case when measures.measure = 'negative_sentiment'
            and measures.measure_date > {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.numerator end)
            as negative_comments_7d,
        sum(case when measures.measure = 'negative_sentiment'
            and measures.measure_date > {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.denominator end)
            as labelled_comments_7d,
        sum(case when measures.measure = 'conversion'
            and measures.measure_date > {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.numerator end)
            as converted_7d,
        sum(case when measures.measure = 'conversion'
            and measures.measure_date > {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.denominator end)
            as conversations_7d,
        sum(case when measures.measure = 'conversion'
            and measures.measure_date <= {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.numerator end)
            as converted_baseline,
        sum(case when measures.measure = 'conversion'
            and measures.measure_date <= {{ dbt.dateadd('day', -7, 'as_of.as_of_date') }} then measures.denominator end)
            as conversations_baseline
    from measures
    inner join as_of
        on measures.measure = as_of.measure
        and measures.measure_date <= as_of.as_of_date
        and measures.measure_date > {{ dbt.dateadd('day', -37, 'as_of.as_of_date') }}
    group by 1, 2

),

scoped_rules as (

    select
        scopes.platform,
        scopes.language,
        rules.rule,
        rules.threshold,
        rules.severity,
        rules.min_volume,
        row_number() over (
            partition by scopes.platform, scopes.language, rules.rule
            order by
                case when rules.platform is not null then 1 else 0 end desc,
                case when rules.language is not null then 1 else 0 end desc,
                case when lower(rules.language) = lower(scopes.language) then 1 else 0 end desc,
                case when rules.severity = 'critical' then 1 else 0 end desc
        ) as specificity_rank
    from scopes
    inner join rules
        on (rules.platform is null or rules.platform = scopes.platform)
        and (rules.language is null or lower(scopes.language) = lower(rules.language)
            or lower(scopes.language) like {{ dbt.concat(['lower(rules.language)', "'-%'"]) }})

),

values_ as (

    select
        scopes.platform,
        scopes.language,
        (select max(as_of_date) from as_of) as as_of_date,
        sums.labelled_comments_7d,
        sums.negative_comments_7d / nullif(sums.labelled_comments_7d, 0) as negative_share_7d,
        negative_rule.threshold as negative_share_threshold,
        sums.conversations_7d,
        sums.converted_7d / nullif(sums.conversations_7d, 0) as conversion_rate_7d,
        sums.conversations_baseline as conversations_baseline_30d,
        sums.converted_baseline / nullif(sums.conversations_baseline, 0) as conversion_rate_baseline_30d,
        conversion_rule.threshold as conversion_ratio_threshold,
        negative_rule.min_volume as negative_min_volume,
        conversion_rule.min_volume as conversion_min_volume,
        coalesce(negative_rule.severity, conversion_rule.severity) as severity
    from scopes
    left join sums
        on scopes.platform = sums.platform
        and scopes.language = sums.language
    left join scoped_rules as negative_rule
        on scopes.platform = negative_rule.platform
        and scopes.language = negative_rule.language
        and negative_rule.rule = 'pause_negative_sentiment'
        and negative_rule.specificity_rank = 1
    left join scoped_rules as conversion_rule
        on scopes.platform = conversion_rule.platform
        and scopes.language = conversion_rule.language
        and conversion_rule.rule = 'pause_conversion_drop'
        and conversion_rule.specificity_rank = 1

),

judged as (

    select
        *,
        conversion_rate_7d / nullif(conversion_rate_baseline_30d, 0) as conversion_ratio,
        coalesce(labelled_comments_7d >= negative_min_volume
            and round(negative_share_7d, 9) > round(negative_share_threshold, 9), false) as is_negative_trigger,
        coalesce(conversations_7d >= conversion_min_volume and conversations_baseline_30d >= conversion_min_volume
            and round(conversion_rate_7d, 9) < round(conversion_ratio_threshold * conversion_rate_baseline_30d, 9),
            false) as is_conversion_trigger
    from values_

)

select
    platform,
    language,
    as_of_date,
    is_negative_trigger or is_conversion_trigger as is_pause_recommended,
    case
        when is_negative_trigger and is_conversion_trigger then 'negative sentiment and conversion drop'
        when is_negative_trigger then 'negative sentiment'
        when is_conversion_trigger then 'conversion drop'
    end as reason,
    severity,
    negative_share_7d,
    negative_share_threshold,
    labelled_comments_7d,
    conversion_rate_7d,
    conversion_rate_baseline_30d,
    conversion_ratio,
    conversion_ratio_threshold,
    conversations_7d,
    conversations_baseline_30d
from judged
