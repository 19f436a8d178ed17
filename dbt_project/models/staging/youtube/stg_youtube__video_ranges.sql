with

source as (

    {{ staged_source('youtube', 'youtube_videos', [['video_id', 'string'], ['range_start', 'date'], ['range_end', 'date'], ['video_title', 'string'], ['published_on', 'date'], ['duration_s', 'bigint'], ['views', 'bigint'], ['watch_time_hours', 'float'], ['subscribers_net', 'bigint'], ['thumbnail_impressions', 'bigint'], ['thumbnail_ctr', 'float'], ['thumbnail_reported_as', 'string'], ['average_view_duration_s', 'bigint'], ['average_percentage_viewed_pct', 'float'], ['unique_viewers', 'bigint'], ['engaged_views', 'bigint'], ['stayed_to_watch_pct', 'float'], ['new_viewers', 'bigint'], ['returning_viewers', 'bigint'], ['returning_viewers_reported_as', 'string'], ['likes', 'bigint'], ['comments', 'bigint'], ['shares', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        video_id as post_id,
        'youtube' as platform,
        range_start,
        range_end,
        video_title as post_title,
        published_on,
        duration_s,
        views,
        watch_time_hours * 3600 as watch_time_s,
        subscribers_net,
        thumbnail_impressions,
        thumbnail_ctr / 100 as thumbnail_ctr,
        thumbnail_reported_as,
        average_view_duration_s,
        average_percentage_viewed_pct / 100 as average_viewed_ratio,
        unique_viewers,
        engaged_views,
        stayed_to_watch_pct / 100 as stayed_to_watch_ratio,
        new_viewers,
        returning_viewers,
        returning_viewers_reported_as,
        likes,
        comments,
        shares,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
