-- Per-day account-level figures as Meta reports them: `follows` are that day's NEW follows (gains), not the
-- follower total; the follower level comes from the follower anchors, not from this model. `account` is the
-- Page / Instagram account (pipelines/meta: from the post exports beside the file, else its folder or name;
-- `''` for a landing of one account without account folders, and for rows loaded before accounts existed).
with

source as (

    {{ staged_source('meta', 'meta_account_daily', [
        ['platform', 'string'], ['platform_source', 'string'], ['metric', 'string'], ['metric_reported_as', 'string'],
        ['metric_date', 'date'], ['value', 'bigint'], ['account', 'string'],
        ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        coalesce(account, '') as account,
        platform,
        platform_source,
        metric,
        metric_reported_as,
        metric_date,
        value,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
