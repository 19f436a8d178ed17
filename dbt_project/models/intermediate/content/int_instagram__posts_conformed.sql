-- Instagram posts on the shared content columns. Meta's `Views` (`Impressions` before late 2024) is one
-- series that counts repeat views: it is both `views` and `impressions` here (DECISIONLOG.md).
with

instagram_posts as (

    select * from {{ ref('stg_meta__instagram_posts') }}

),

conformed as (

    select
        platform,
        account,
        account_id,
        post_id,
        period_kind as observation_kind,
        period_date as observed_on,
        cast(null as date) as segment_start_on,
        cast(published_at_local as date) as published_on,
        post_type,
        permalink,
        duration_s,
        cast(null as {{ dbt.type_string() }}) as export_campaign,
        views as impressions,
        reach,
        views,
        likes,
        comments,
        shares,
        saves,
        cast(null as {{ dbt.type_bigint() }}) as clicks,
        cast(null as {{ dbt.type_bigint() }}) as watch_time_s,
        cast(null as {{ dbt.type_bigint() }}) as plays,
        cast(null as {{ dbt.type_bigint() }}) as completions,
        follows,
        views_reported_as,
        cast(null as {{ dbt.type_string() }}) as shares_reported_as,
        source_file,
        loaded_at
    from instagram_posts

)

select * from conformed
