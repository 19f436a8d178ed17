with

source as (

    {{ staged_source('linkedin', 'linkedin_metrics_daily', [['date', 'date'], ['impressions_organic', 'bigint'], ['impressions_sponsored', 'bigint'], ['impressions_total', 'bigint'], ['unique_impressions_organic', 'bigint'], ['unique_impressions_sponsored', 'bigint'], ['unique_impressions_total', 'bigint'], ['clicks_organic', 'bigint'], ['clicks_sponsored', 'bigint'], ['clicks_total', 'bigint'], ['reactions_organic', 'bigint'], ['reactions_sponsored', 'bigint'], ['reactions_total', 'bigint'], ['comments_organic', 'bigint'], ['comments_sponsored', 'bigint'], ['comments_total', 'bigint'], ['reposts_organic', 'bigint'], ['reposts_sponsored', 'bigint'], ['reposts_total', 'bigint'], ['engagement_rate_organic_fraction', 'float'], ['engagement_rate_sponsored_fraction', 'float'], ['engagement_rate_total_fraction', 'float'], ['ctr_total_fraction', 'float'], ['reposts_reported_as', 'string'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        date as metric_date,
        impressions_organic,
        impressions_sponsored,
        impressions_total,
        unique_impressions_organic,
        unique_impressions_sponsored,
        unique_impressions_total,
        clicks_organic,
        clicks_sponsored,
        clicks_total,
        reactions_organic,
        reactions_sponsored,
        reactions_total,
        comments_organic,
        comments_sponsored,
        comments_total,
        reposts_organic,
        reposts_sponsored,
        reposts_total,
        engagement_rate_organic_fraction as engagement_rate_organic,
        engagement_rate_sponsored_fraction as engagement_rate_sponsored,
        engagement_rate_total_fraction as engagement_rate_total,
        ctr_total_fraction as ctr_total,
        reposts_reported_as,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
