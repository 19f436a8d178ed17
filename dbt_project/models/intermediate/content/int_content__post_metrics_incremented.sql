{{ config(materialized='table') }}

-- Turns what the platforms report into per-day increments, one metric at a time (DECISIONLOG.md):
--   daily      (Meta daily export): the day's own figure is that day's increment;
--   lifetime   (Meta, TikTok, LinkedIn snapshots): the growth since the previous snapshot that the daily
--              rows in between do not already explain lands on the snapshot's date, so the running total
--              equals the reported lifetime figure on every snapshot date: nothing is counted twice;
--   range      (YouTube): totals over [segment start, observed on]; ranges sharing a start are cumulative,
--              so each one adds its growth over the previous one on its end date.
-- A snapshot lower than the one before (the platform removed spam likes, a restated figure) gives a negative
-- increment on the day it was observed: corrections are kept, never clamped, so totals stay right.
-- A metric a snapshot leaves out (NULL) is not an observation: the next one is compared with the last that had it.
with

observations as (

    select * from {{ ref('int_content__post_observations_unioned') }}

),

unpivoted as (

    {% for metric in content_metrics() %}
    select
        platform,
        post_id,
        observation_kind,
        observed_on,
        segment_start_on,
        '{{ metric }}' as metric,
        cast({{ metric }} as {{ dbt.type_bigint() }}) as reported_value
    from observations
    where {{ metric }} is not null
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

post_days as (

    select
        platform,
        post_id,
        metric,
        observed_on,
        sum(case when observation_kind = 'daily' then reported_value end) as daily_value,
        max(case when observation_kind = 'lifetime' then reported_value end) as snapshot_value
    from unpivoted
    where observation_kind in ('daily', 'lifetime')
    group by platform, post_id, metric, observed_on

),

daily_running as (

    select
        *,
        sum(coalesce(daily_value, 0)) over (
            partition by platform, post_id, metric order by observed_on
            rows between unbounded preceding and current row
        ) as daily_running_total
    from post_days

),

snapshot_growth as (

    select
        platform,
        post_id,
        metric,
        observed_on,
        snapshot_value
            - coalesce(lag(snapshot_value) over (partition by platform, post_id, metric order by observed_on), 0)
            - (
                daily_running_total
                - coalesce(lag(daily_running_total) over (partition by platform, post_id, metric order by observed_on), 0)
            ) as snapshot_residual
    from daily_running
    where snapshot_value is not null

),

daily_and_snapshot_increments as (

    select
        post_days.platform,
        post_days.post_id,
        post_days.metric,
        post_days.observed_on as metric_date,
        coalesce(post_days.daily_value, 0) + coalesce(snapshot_growth.snapshot_residual, 0) as increment,
        case
            when post_days.daily_value is not null and snapshot_growth.snapshot_residual is not null then 'daily+lifetime'
            when post_days.daily_value is not null then 'daily'
            else 'lifetime'
        end as increment_source
    from post_days
    left join snapshot_growth
        on post_days.platform = snapshot_growth.platform
        and post_days.post_id = snapshot_growth.post_id
        and post_days.metric = snapshot_growth.metric
        and post_days.observed_on = snapshot_growth.observed_on

),

range_increments as (

    select
        platform,
        post_id,
        metric,
        observed_on as metric_date,
        reported_value - coalesce(
            lag(reported_value) over (
                partition by platform, post_id, metric, segment_start_on order by observed_on
            ),
            0
        ) as increment,
        'range' as increment_source
    from unpivoted
    where observation_kind = 'range'

),

increments as (

    select * from daily_and_snapshot_increments
    union all
    select * from range_increments

),

per_day as (

    select
        platform,
        post_id,
        metric,
        metric_date,
        sum(increment) as increment,
        min(increment_source) as increment_source
    from increments
    group by platform, post_id, metric, metric_date

),

post_accounts as (

    -- the account of the post's latest observation: a post belongs to one account (post ids are the
    -- platform's own), so its increments are never split by an account label that changed between loads
    select platform, post_id, account
    from (
        select
            platform,
            post_id,
            account,
            row_number() over (
                partition by platform, post_id order by observed_on desc, loaded_at desc, source_file desc
            ) as account_rank
        from observations
    ) as ranked
    where account_rank = 1

),

final as (

    select
        per_day.platform,
        post_accounts.account,
        per_day.post_id,
        per_day.metric,
        per_day.metric_date,
        per_day.increment,
        sum(per_day.increment) over (
            partition by per_day.platform, per_day.post_id, per_day.metric order by per_day.metric_date
            rows between unbounded preceding and current row
        ) as lifetime_value,
        per_day.increment_source
    from per_day
    left join post_accounts
        on per_day.platform = post_accounts.platform
        and per_day.post_id = post_accounts.post_id

)

select * from final
