-- The alert log (kpis.md §9): one row per alert, i.e. per rule × severity × platform × language × run of
-- consecutive days it fired on. first_seen / last_seen are the first and last of those days; observed_value
-- and threshold are the last day's (peak_value the most extreme of the run); is_open: it fired on the last
-- day of its data (conversations for the inbox rules, comments for the comment rules), so a scheduler acts
-- on it today. The warehouse is rebuilt from the data on every run, so the log is the history of every day.
with

evaluations as (

    select * from {{ ref('int_alert_evaluations') }}
    where is_fired

),

runs as (

    select
        *,
        {{ dbt.dateadd('day', '0 - row_number() over (partition by rule, severity, platform, language order by evaluation_date)', 'evaluation_date') }}
            as run_anchor
    from evaluations

),

episodes as (

    select
        rule,
        severity,
        platform,
        language,
        run_anchor,
        min(evaluation_date) as first_seen,
        max(evaluation_date) as last_seen,
        count(*) as days_fired,
        max(last_data_date) as last_data_date,
        case when min(comparison) = '<=' then min(observed_value) else max(observed_value) end as peak_value
    from runs
    group by rule, severity, platform, language, run_anchor

)

select
    {{ dbt.concat(['episodes.rule', "'|'", 'episodes.severity', "'|'", 'episodes.platform', "'|'",
        'episodes.language', "'|'", 'cast(episodes.first_seen as ' ~ dbt.type_string() ~ ')']) }} as alert_id,
    episodes.rule,
    episodes.severity,
    episodes.platform,
    episodes.language,
    last_day.observed_value,
    last_day.threshold,
    last_day.comparison,
    episodes.peak_value,
    episodes.first_seen,
    episodes.last_seen,
    episodes.days_fired,
    last_day.volume as last_volume,
    episodes.last_seen >= episodes.last_data_date as is_open,
    episodes.last_data_date
from episodes
inner join runs as last_day
    on episodes.rule = last_day.rule
    and episodes.severity = last_day.severity
    and episodes.platform = last_day.platform
    and episodes.language = last_day.language
    and episodes.last_seen = last_day.evaluation_date
