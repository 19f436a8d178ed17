-- One row per month × platform: impressions (views), reach and engagements of the brand's content, for the
-- awareness and engagement stages of the funnel. A stop-gap read of the content staging models until the
-- content marts land (then the funnel should read those: DECISIONLOG.md). Per source:
--   Meta posts     the latest lifetime snapshot of a post, in the month of its publish date; a post with
--                  only daily rows sums them by day (never both, so nothing is counted twice)
--   TikTok         the account's daily overview
--   YouTube        the latest export range of a video, in the month of its publish date
--   LinkedIn       the page's daily metrics
-- Reach is Σ post reach where the export has it (people reached by two posts count twice).

with

meta_posts as (

    select post_id, platform, period_kind, period_date, snapshot_date, published_at_local, views, reach, likes,
        comments, shares, saves
    from {{ ref('stg_meta__instagram_posts') }}
    union all
    select post_id, platform, period_kind, period_date, snapshot_date, published_at_local, views, reach,
        coalesce(reactions, likes), comments, shares, saves
    from {{ ref('stg_meta__facebook_posts') }}

),

tiktok_daily as (

    select metric_date, video_views, likes, comments, shares
    from {{ ref('stg_tiktok__account_daily') }}

),

youtube_ranges as (

    select post_id, range_end, published_on, views, likes, comments, shares
    from {{ ref('stg_youtube__video_ranges') }}

),

linkedin_daily as (

    select metric_date, impressions_total, unique_impressions_total, reactions_total, comments_total, reposts_total
    from {{ ref('stg_linkedin__page_daily') }}

),

meta_lifetime_latest as (

    select *
    from (
        select
            meta_posts.*,
            row_number() over (partition by platform, post_id order by snapshot_date desc) as snapshot_rank
        from meta_posts
        where period_kind = 'lifetime'
    ) as ranked
    where snapshot_rank = 1

),

meta_rows as (

    select
        cast({{ dbt.date_trunc('month', 'published_at_local') }} as date) as month, platform, views, reach,
        coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) as engagements
    from meta_lifetime_latest
    union all
    select
        cast({{ dbt.date_trunc('month', 'period_date') }} as date), daily.platform, daily.views, daily.reach,
        coalesce(daily.likes, 0) + coalesce(daily.comments, 0) + coalesce(daily.shares, 0) + coalesce(daily.saves, 0)
    from meta_posts as daily
    where daily.period_kind <> 'lifetime'
        and not exists (
            select 1 from meta_lifetime_latest
            where meta_lifetime_latest.platform = daily.platform and meta_lifetime_latest.post_id = daily.post_id
        )

),

youtube_latest as (

    select *
    from (
        select youtube_ranges.*, row_number() over (partition by post_id order by range_end desc) as range_rank
        from youtube_ranges
    ) as ranked
    where range_rank = 1

),

unioned as (

    select month, platform, views as impressions, reach, engagements
    from meta_rows
    union all
    select cast({{ dbt.date_trunc('month', 'metric_date') }} as date), 'tiktok', video_views, null,
        coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
    from tiktok_daily
    union all
    select cast({{ dbt.date_trunc('month', 'published_on') }} as date), 'youtube', views, null,
        coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
    from youtube_latest
    union all
    select cast({{ dbt.date_trunc('month', 'metric_date') }} as date), 'linkedin', impressions_total,
        unique_impressions_total, coalesce(reactions_total, 0) + coalesce(comments_total, 0) + coalesce(reposts_total, 0)
    from linkedin_daily

),

final as (

    select
        month,
        platform,
        cast(sum(impressions) as {{ dbt.type_bigint() }}) as impressions,
        cast(sum(reach) as {{ dbt.type_bigint() }}) as reach,
        cast(sum(engagements) as {{ dbt.type_bigint() }}) as engagements
    from unioned
    where month is not null
    group by month, platform

)

select * from final
