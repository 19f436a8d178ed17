with

source as (

    {{ staged_source('tiktok', 'tiktok_follower_history', [['date', 'date'], ['followers', 'bigint'], ['followers_difference', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        date as metric_date,
        followers,
        followers_difference as follower_change,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
