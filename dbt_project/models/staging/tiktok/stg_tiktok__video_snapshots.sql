with

source as (

    {{ staged_source('tiktok', 'tiktok_content', [['video_id', 'string'], ['snapshot_date', 'date'], ['posted_on', 'date'], ['video_title', 'string'], ['video_link', 'string'], ['total_views', 'bigint'], ['total_likes', 'bigint'], ['total_comments', 'bigint'], ['total_shares', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        video_id as post_id,
        'tiktok' as platform,
        snapshot_date,
        posted_on as published_on,
        video_title as post_title,
        video_link as permalink,
        total_views as views,
        total_likes as likes,
        total_comments as comments,
        total_shares as shares,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
