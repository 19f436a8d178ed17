-- Figures as Meta reports them: counts are whole, `Seconds viewed` and `Duration (sec)` are decimal measures
-- (docs/content_metrics.md); turning lifetime snapshots into per-day increments is the content models' job.
with

source as (

    {{ staged_source('meta', 'meta_instagram_posts', [
        ['post_id', 'string'], ['period_kind', 'string'], ['period_date', 'date'], ['snapshot_date', 'date'],
        ['snapshot_date_source', 'string'], ['published_at_local', 'timestamp'], ['post_type', 'string'], ['permalink', 'string'],
        ['duration_s', 'float'], ['views', 'bigint'], ['views_reported_as', 'string'], ['reach', 'bigint'],
        ['comments', 'bigint'], ['shares', 'bigint'], ['account_id', 'string'], ['likes', 'bigint'], ['saves', 'bigint'], ['follows', 'bigint'],
        ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        post_id,
        'instagram' as platform,
        coalesce(account, '') as account,
        period_kind,
        period_date,
        snapshot_date,
        snapshot_date_source,
        published_at_local,
        post_type,
        permalink,
        duration_s,
        account_id,
        likes,
        saves,
        follows,
        cast(null as {{ dbt.type_bigint() }}) as reactions,
        cast(null as {{ dbt.type_bigint() }}) as link_clicks,
        cast(null as {{ type_double() }}) as watch_time_s,
        cast(null as {{ dbt.type_bigint() }}) as plays,
        cast(null as {{ dbt.type_bigint() }}) as paid_views,
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
