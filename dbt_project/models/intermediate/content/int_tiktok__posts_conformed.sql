-- TikTok videos on the shared content columns: `Content.csv` holds lifetime totals as of its `Time` (a
-- snapshot). The file export has no impressions, reach, saves, watch time or completions (API only): NULL.
-- The account is the handle in the video link (the brand's own, not a customer's), without its `@`.
with

tiktok_videos as (

    select * from {{ ref('stg_tiktok__video_snapshots') }}

),

conformed as (

    select
        platform,
        account,
        replace({{ dbt.split_part('permalink', "'/'", 4) }}, '@', '') as account_id,
        post_id,
        'lifetime' as observation_kind,
        snapshot_date as observed_on,
        cast(null as date) as segment_start_on,
        published_on,
        'Video' as post_type,
        permalink,
        cast(null as {{ dbt.type_bigint() }}) as duration_s,
        cast(null as {{ dbt.type_string() }}) as export_campaign,
        cast(null as {{ dbt.type_bigint() }}) as impressions,
        cast(null as {{ dbt.type_bigint() }}) as reach,
        views,
        likes,
        comments,
        shares,
        cast(null as {{ dbt.type_bigint() }}) as saves,
        cast(null as {{ dbt.type_bigint() }}) as clicks,
        cast(null as {{ dbt.type_bigint() }}) as watch_time_s,
        cast(null as {{ dbt.type_bigint() }}) as plays,
        cast(null as {{ dbt.type_bigint() }}) as completions,
        cast(null as {{ dbt.type_bigint() }}) as follows,
        cast(null as {{ dbt.type_string() }}) as views_reported_as,
        cast(null as {{ dbt.type_string() }}) as shares_reported_as,
        source_file,
        loaded_at
    from tiktok_videos

)

select * from conformed
