-- One row per platform × day: the brand account's followers at the end of the day and the day's change.
-- TikTok reports the level (FollowerHistory); Instagram and Facebook (account export `follows`), LinkedIn
-- (followers export) and YouTube (`Subscribers` per video) report gains only, so their level is the user's
-- anchor (settings folder, follower_anchors.csv) plus the gains since it (minus the gains after the day,
-- before it). Without an anchor the level is NULL with the reason in `followers_missing_reason`, never a number
-- made up, and only the change is known. The anchors used are those without an account (the platform's
-- account): this mart has one account per platform. Days between two reports carry the
-- last level and a change of 0, so a period's growth is the sum of its days' changes.
with

tiktok_followers as (

    select metric_date, followers, follower_change
    from {{ ref('stg_tiktok__followers_daily') }}

),

linkedin_followers as (

    select metric_date, total_followers
    from {{ ref('stg_linkedin__followers_daily') }}

),

meta_account as (

    select platform, metric, metric_date, value
    from {{ ref('stg_meta__account_daily') }}

),

post_metrics as (

    select platform, metric, metric_date, increment
    from {{ ref('int_content__post_metrics_incremented') }}

),

anchors as (

    select platform, as_of_date, followers
    from {{ ref('stg_settings__follower_anchors') }}
    where account is null

),

reported as (

    select 'tiktok' as platform, metric_date, followers as reported_followers, follower_change as reported_change
    from tiktok_followers
    union all
    select 'linkedin' as platform, metric_date, cast(null as {{ dbt.type_bigint() }}), total_followers
    from linkedin_followers
    union all
    select platform, metric_date, cast(null as {{ dbt.type_bigint() }}), value
    from meta_account
    where metric = 'follows'
    union all
    select platform, metric_date, cast(null as {{ dbt.type_bigint() }}), sum(increment)
    from post_metrics
    where platform = 'youtube' and metric = 'follows'
    group by platform, metric_date

),

anchor_days as (

    select platform, as_of_date as metric_date, cast(null as {{ dbt.type_bigint() }}) as reported_followers,
        cast(null as {{ dbt.type_bigint() }}) as reported_change
    from anchors

),

reported_days as (

    select
        platform,
        metric_date,
        max(reported_followers) as reported_followers,
        sum(reported_change) as reported_change
    from (select * from reported union all select * from anchor_days) as reports
    where metric_date is not null
    group by platform, metric_date

),

platform_spans as (

    select platform, min(metric_date) as first_date, max(metric_date) as last_date
    from reported_days
    group by platform

),

spine as (

    {{ day_spine('platform_spans') }}

),

filled as (

    select
        spine.platform,
        spine.metric_date,
        reported_days.reported_followers,
        coalesce(reported_days.reported_change, 0) as reported_change,
        max(case when reported_days.reported_followers is not null then 1 else 0 end)
            over (partition by spine.platform) as reports_level,
        count(reported_days.reported_followers) over (
            partition by spine.platform order by spine.metric_date rows between unbounded preceding and current row
        ) as level_group,
        sum(coalesce(reported_days.reported_change, 0)) over (
            partition by spine.platform order by spine.metric_date rows between unbounded preceding and current row
        ) as cumulative_change
    from spine
    left join reported_days
        on spine.platform = reported_days.platform
        and spine.metric_date = reported_days.metric_date

),

carried as (

    select
        *,
        max(reported_followers) over (partition by platform, level_group) as carried_followers
    from filled

),

latest_anchors as (

    select platform, as_of_date, followers
    from (
        select
            *,
            row_number() over (partition by platform order by as_of_date desc) as anchor_rank
        from anchors
    ) as ranked
    where anchor_rank = 1

),

anchor_offsets as (

    select
        latest_anchors.platform,
        latest_anchors.followers,
        coalesce(max(case when carried.metric_date <= latest_anchors.as_of_date then carried.cumulative_change end), 0)
            as cumulative_change_at_anchor
    from latest_anchors
    left join carried
        on latest_anchors.platform = carried.platform
    group by latest_anchors.platform, latest_anchors.followers

),

levels as (

    select
        carried.platform,
        carried.metric_date,
        case
            when carried.reports_level = 1 then carried.carried_followers
            else anchor_offsets.followers + carried.cumulative_change - anchor_offsets.cumulative_change_at_anchor
        end as followers,
        case
            when carried.reports_level = 1 then 'reported'
            when anchor_offsets.platform is not null then 'anchor_plus_gains'
        end as followers_method,
        carried.reports_level,
        carried.reported_change
    from carried
    left join anchor_offsets
        on carried.platform = anchor_offsets.platform

),

final as (

    select
        platform,
        metric_date,
        followers,
        case
            when reports_level = 1
                then coalesce(followers - lag(followers) over (partition by platform order by metric_date), reported_change)
            else reported_change
        end as follower_change,
        followers_method
    from levels

)

select
    platform,
    metric_date,
    followers,
    follower_change,
    followers - follower_change as followers_at_day_start,
    followers_method,
    case
        when followers is null then 'no follower level: add an anchor to follower_anchors.csv'
    end as followers_missing_reason
from final
