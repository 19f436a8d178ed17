-- LinkedIn posts on the shared content columns: the "All posts" sheet holds lifetime totals at the
-- download (a snapshot). `Reposts` (`Shares` in older exports) are the shares; `Views` are video views.
-- No saves, watch time, plays or completions; reach is page-level only (not per post).
with

linkedin_posts as (

    select * from {{ ref('stg_linkedin__post_snapshots') }}

),

conformed as (

    select
        platform,
        account,
        cast(null as {{ dbt.type_string() }}) as account_id,
        post_id,
        'lifetime' as observation_kind,
        snapshot_date as observed_on,
        cast(null as date) as segment_start_on,
        published_on,
        content_type as post_type,
        permalink,
        cast(null as {{ dbt.type_bigint() }}) as duration_s,
        nullif(trim(campaign_name), '') as export_campaign,
        impressions,
        cast(null as {{ dbt.type_bigint() }}) as reach,
        views,
        likes,
        comments,
        reposts as shares,
        cast(null as {{ dbt.type_bigint() }}) as saves,
        clicks,
        cast(null as {{ dbt.type_bigint() }}) as watch_time_s,
        cast(null as {{ dbt.type_bigint() }}) as plays,
        cast(null as {{ dbt.type_bigint() }}) as completions,
        follows,
        cast(null as {{ dbt.type_string() }}) as views_reported_as,
        reposts_reported_as as shares_reported_as,
        source_file,
        loaded_at
    from linkedin_posts

)

select * from conformed
