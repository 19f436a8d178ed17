with

source as (

    {{ staged_source('tiktok', 'tiktok_viewers', [['date', 'date'], ['total_viewers', 'bigint'], ['new_viewers', 'bigint'], ['returning_viewers', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        date as metric_date,
        total_viewers as viewers,
        new_viewers,
        returning_viewers,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
