-- One row per account × platform × day: the brand account's followers at the end of the day and the day's
-- change. Several accounts of one platform (two TikTok handles, two Facebook Pages) are never mixed: each
-- has its own level, change and anchor (`account` from the loaders: pipelines/files/accounts.py, and for
-- Meta the Page / account the exports name).
-- TikTok reports the level (FollowerHistory); Instagram and Facebook (account export `follows`), LinkedIn
-- (followers export) and YouTube (`Subscribers` per video) report gains only, so their level is the user's
-- anchor (settings folder, follower_anchors.csv) plus the gains since it (minus the gains after the day,
-- before it). An anchor names its account; one without an account is the platform's account, so it applies
-- only to a platform with exactly one account (or none yet): with two, which account it counts cannot be
-- told and each account without its own anchor keeps a NULL level with the reason in
-- `followers_missing_reason`, never a number made up; only the change is known. Days between two reports
-- carry the last level and a change of 0, so a period's growth is the sum of its days' changes.
with

tiktok_followers as (

    select account, metric_date, followers, follower_change
    from {{ ref('stg_tiktok__followers_daily') }}

),

linkedin_followers as (

    select account, metric_date, total_followers
    from {{ ref('stg_linkedin__followers_daily') }}

),

meta_account as (

    select account, platform, metric, metric_date, value
    from {{ ref('stg_meta__account_daily') }}

),

post_metrics as (

    select platform, account, metric, metric_date, increment
    from {{ ref('int_content__post_metrics_incremented') }}

),

anchor_rows as (

    select platform, account, as_of_date, followers
    from {{ ref('stg_settings__follower_anchors') }}

),

reported as (

    select 'tiktok' as platform, account, metric_date, followers as reported_followers, follower_change as reported_change
    from tiktok_followers
    union all
    select 'linkedin' as platform, account, metric_date, cast(null as {{ dbt.type_bigint() }}), total_followers
    from linkedin_followers
    union all
    select platform, account, metric_date, cast(null as {{ dbt.type_bigint() }}), value
    from meta_account
    where metric = 'follows'
    union all
    select platform, account, metric_date, cast(null as {{ dbt.type_bigint() }}), sum(increment)
    from post_metrics
    where platform = 'youtube' and metric = 'follows'
    group by platform, account, metric_date

),

platform_accounts as (

    select platform, account from reported where metric_date is not null group by platform, account

),

account_counts as (

    select platform, count(*) as accounts, max(account) as only_account
    from platform_accounts
    group by platform

),

anchors as (

    -- an anchor naming its account is that account's; one without applies to the platform's only account
    -- (`''` when the platform has no data yet), never to one of several
    select anchor_rows.platform, anchor_rows.account, anchor_rows.as_of_date, anchor_rows.followers
    from anchor_rows
    where anchor_rows.account is not null
    union all
    select anchor_rows.platform, coalesce(account_counts.only_account, ''), anchor_rows.as_of_date, anchor_rows.followers
    from anchor_rows
    left join account_counts
        on anchor_rows.platform = account_counts.platform
    where anchor_rows.account is null
        and coalesce(account_counts.accounts, 0) <= 1
        and not exists (
            select 1
            from anchor_rows as named
            where named.platform = anchor_rows.platform
                and named.account = coalesce(account_counts.only_account, '')
        )

),

anchor_days as (

    select platform, account, as_of_date as metric_date, cast(null as {{ dbt.type_bigint() }}) as reported_followers,
        cast(null as {{ dbt.type_bigint() }}) as reported_change
    from anchors

),

reported_days as (

    select
        platform,
        account,
        metric_date,
        max(reported_followers) as reported_followers,
        sum(reported_change) as reported_change
    from (select * from reported union all select * from anchor_days) as reports
    where metric_date is not null
    group by platform, account, metric_date

),

account_spans as (

    select platform, account, min(metric_date) as first_date, max(metric_date) as last_date
    from reported_days
    group by platform, account

),

spine as (

    {{ day_spine('account_spans', key=['platform', 'account']) }}

),

filled as (

    select
        spine.platform,
        spine.account,
        spine.metric_date,
        reported_days.reported_followers,
        coalesce(reported_days.reported_change, 0) as reported_change,
        max(case when reported_days.reported_followers is not null then 1 else 0 end)
            over (partition by spine.platform, spine.account) as reports_level,
        count(reported_days.reported_followers) over (
            partition by spine.platform, spine.account order by spine.metric_date
            rows between unbounded preceding and current row
        ) as level_group,
        sum(coalesce(reported_days.reported_change, 0)) over (
            partition by spine.platform, spine.account order by spine.metric_date
            rows between unbounded preceding and current row
        ) as cumulative_change
    from spine
    left join reported_days
        on spine.platform = reported_days.platform
        and spine.account = reported_days.account
        and spine.metric_date = reported_days.metric_date

),

carried as (

    select
        *,
        max(reported_followers) over (partition by platform, account, level_group) as carried_followers
    from filled

),

latest_anchors as (

    select platform, account, as_of_date, followers
    from (
        select
            *,
            row_number() over (partition by platform, account order by as_of_date desc) as anchor_rank
        from anchors
    ) as ranked
    where anchor_rank = 1

),

anchor_offsets as (

    select
        latest_anchors.platform,
        latest_anchors.account,
        latest_anchors.followers,
        coalesce(max(case when carried.metric_date <= latest_anchors.as_of_date then carried.cumulative_change end), 0)
            as cumulative_change_at_anchor
    from latest_anchors
    left join carried
        on latest_anchors.platform = carried.platform
        and latest_anchors.account = carried.account
    group by latest_anchors.platform, latest_anchors.account, latest_anchors.followers

),

levels as (

    select
        carried.platform,
        carried.account,
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
        and carried.account = anchor_offsets.account

),

final as (

    select
        platform,
        account,
        metric_date,
        followers,
        case
            when reports_level = 1
                then coalesce(
                    followers - lag(followers) over (partition by platform, account order by metric_date),
                    reported_change
                )
            else reported_change
        end as follower_change,
        followers_method
    from levels

)

select
    final.platform,
    final.account,
    final.metric_date,
    final.followers,
    final.follower_change,
    final.followers - final.follower_change as followers_at_day_start,
    final.followers_method,
    case
        when final.followers is not null then null
        when account_counts.accounts > 1
            -- short (the marts carry no free text of twelve words or more): the account and where to add it
            then {{ dbt.concat(["'no anchor for account '''", 'final.account', "''' in follower_anchors.csv'"]) }}
        else 'no follower level: add an anchor to follower_anchors.csv'
    end as followers_missing_reason
from final
left join account_counts
    on final.platform = account_counts.platform
