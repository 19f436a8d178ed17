-- YouTube videos on the shared content columns: `Table data.csv` holds totals over the export's date range
-- (observation kind `range`, from `segment_start_on` to `observed_on`). A YouTube view is a play, so `plays`
-- is the views (average watch time = watch time ÷ views, YouTube's own "average view duration").
-- `Thumbnail impressions` are NOT impressions (they count thumbnail shows): they stay out of `impressions`.
-- `Subscribers` (net gained from the video) is the video's `follows`.
with

youtube_videos as (

    select * from {{ ref('stg_youtube__video_ranges') }}

),

conformed as (

    select
        platform,
        account,
        cast(null as {{ dbt.type_string() }}) as account_id,
        post_id,
        'range' as observation_kind,
        range_end as observed_on,
        range_start as segment_start_on,
        published_on,
        'Video' as post_type,
        cast(null as {{ dbt.type_string() }}) as permalink,
        duration_s,
        cast(null as {{ dbt.type_string() }}) as export_campaign,
        cast(null as {{ dbt.type_bigint() }}) as impressions,
        cast(null as {{ dbt.type_bigint() }}) as reach,
        views,
        likes,
        comments,
        shares,
        cast(null as {{ dbt.type_bigint() }}) as saves,
        cast(null as {{ dbt.type_bigint() }}) as clicks,
        cast(round(watch_time_s) as {{ dbt.type_bigint() }}) as watch_time_s,
        views as plays,
        cast(null as {{ dbt.type_bigint() }}) as completions,
        subscribers_net as follows,
        cast(null as {{ dbt.type_string() }}) as views_reported_as,
        cast(null as {{ dbt.type_string() }}) as shares_reported_as,
        source_file,
        loaded_at
    from youtube_videos

)

select * from conformed
