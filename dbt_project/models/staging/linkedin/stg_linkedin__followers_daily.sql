with

source as (

    {{ staged_source('linkedin', 'linkedin_followers_daily', [['date', 'date'], ['sponsored_followers', 'bigint'], ['organic_followers', 'bigint'], ['auto_invited_followers', 'bigint'], ['total_followers', 'bigint'], ['account', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp']]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        date as metric_date,
        sponsored_followers,
        organic_followers,
        auto_invited_followers,
        total_followers,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
