with

source as (

    {{ staged_source('tiktok', 'tiktok_overview', [['date', 'date'], ['video_views', 'bigint'], ['profile_views', 'bigint'], ['likes', 'bigint'], ['comments', 'bigint'], ['shares', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        date as metric_date,
        video_views,
        profile_views,
        likes,
        comments,
        shares,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
