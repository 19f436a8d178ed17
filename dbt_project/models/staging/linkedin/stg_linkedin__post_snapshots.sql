with

source as (

    {{ staged_source('linkedin', 'linkedin_posts', [['post_id', 'string'], ['snapshot_date', 'date'], ['post_title', 'string'], ['post_link', 'string'], ['post_type', 'string'], ['content_type', 'string'], ['campaign_name', 'string'], ['created_on', 'date'], ['campaign_start_on', 'date'], ['campaign_end_on', 'date'], ['audience', 'string'], ['impressions', 'bigint'], ['views', 'bigint'], ['offsite_views', 'bigint'], ['clicks', 'bigint'], ['ctr_fraction', 'float'], ['likes', 'bigint'], ['comments', 'bigint'], ['reposts', 'bigint'], ['reposts_reported_as', 'string'], ['follows', 'bigint'], ['engagement_rate_fraction', 'float'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        post_id,
        'linkedin' as platform,
        snapshot_date,
        post_title,
        post_link as permalink,
        post_type,
        content_type,
        campaign_name,
        created_on as published_on,
        campaign_start_on,
        campaign_end_on,
        audience,
        impressions,
        views,
        offsite_views,
        clicks,
        ctr_fraction as ctr,
        likes,
        comments,
        reposts,
        reposts_reported_as,
        follows,
        engagement_rate_fraction as engagement_rate,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
