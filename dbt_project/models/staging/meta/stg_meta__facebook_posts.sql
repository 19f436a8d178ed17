-- Figures as Meta reports them: counts are whole, `Seconds viewed` and `Duration (sec)` are decimal measures
-- (docs/content_metrics.md); turning lifetime snapshots into per-day increments is the content models' job.
with

source as (

    {{ staged_source('meta', 'meta_facebook_posts', [
        ['post_id', 'string'], ['period_kind', 'string'], ['period_date', 'date'], ['snapshot_date', 'date'],
        ['snapshot_date_source', 'string'], ['published_at_local', 'timestamp'], ['post_type', 'string'], ['permalink', 'string'],
        ['duration_s', 'float'], ['views', 'bigint'], ['views_reported_as', 'string'], ['reach', 'bigint'],
        ['comments', 'bigint'], ['shares', 'bigint'], ['page_id', 'string'], ['reactions', 'bigint'], ['link_clicks', 'bigint'],
        ['seconds_viewed', 'float'], ['video_views_3s', 'bigint'], ['views_boosted', 'bigint'],
        ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        post_id,
        'facebook' as platform,
        coalesce(account, '') as account,
        period_kind,
        period_date,
        snapshot_date,
        snapshot_date_source,
        published_at_local,
        post_type,
        permalink,
        duration_s,
        page_id as account_id,
        cast(null as {{ dbt.type_bigint() }}) as likes,
        cast(null as {{ dbt.type_bigint() }}) as saves,
        cast(null as {{ dbt.type_bigint() }}) as follows,
        reactions,
        link_clicks,
        seconds_viewed as watch_time_s,
        video_views_3s as plays,
        views_boosted as paid_views,
        views,
        views_reported_as,
        reach,
        comments,
        shares,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
