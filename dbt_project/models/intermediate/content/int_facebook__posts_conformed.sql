-- Facebook posts on the shared content columns. Facebook reports reactions (taken as `likes`), no saves
-- (NULL, so KPIs that need saves are empty for Facebook), link clicks only in the presets that include
-- them, and `Views` (`Impressions` before late 2024) as one series used for both views and impressions.
with

facebook_posts as (

    select * from {{ ref('stg_meta__facebook_posts') }}

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
        reactions as likes,
        comments,
        shares,
        cast(null as {{ dbt.type_bigint() }}) as saves,
        link_clicks as clicks,
        cast(round(watch_time_s) as {{ dbt.type_bigint() }}) as watch_time_s,
        plays,
        cast(null as {{ dbt.type_bigint() }}) as completions,
        cast(null as {{ dbt.type_bigint() }}) as follows,
        views_reported_as,
        cast(null as {{ dbt.type_string() }}) as shares_reported_as,
        source_file,
        loaded_at
    from facebook_posts

)

select * from conformed
