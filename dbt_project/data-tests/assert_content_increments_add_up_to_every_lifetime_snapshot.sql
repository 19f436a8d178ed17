-- Reconciles the content layers: on every date a platform reported a post's lifetime figure, the running
-- total of that post's per-day increments equals it, metric by metric (a double count, a lost day or a
-- clamped correction would break it). Returns the rows that do not match (a missing increment row too).
{{ config(severity='error') }}

with

observations as (

    select * from {{ ref('int_content__post_observations_unioned') }}
    where observation_kind = 'lifetime'

),

increments as (

    select platform, post_id, metric, metric_date, lifetime_value
    from {{ ref('int_content__post_metrics_incremented') }}

),

reported as (

    {% for metric in content_metrics() %}
    select platform, post_id, '{{ metric }}' as metric, observed_on, {{ metric }} as reported_value
    from observations
    where {{ metric }} is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

compared as (

    select
        reported.platform,
        reported.post_id,
        reported.metric,
        reported.observed_on,
        reported.reported_value,
        increments.lifetime_value
    from reported
    left join increments
        on reported.platform = increments.platform
        and reported.post_id = increments.post_id
        and reported.metric = increments.metric
        and reported.observed_on = increments.metric_date

)

select * from compared
where lifetime_value is null or lifetime_value != reported_value
