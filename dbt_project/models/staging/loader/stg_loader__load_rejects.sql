with

source as (

    {{ staged_source('loader', 'load_rejects', [
        ['reject_id', 'string'], ['source', 'string'], ['target_table', 'string'], ['file', 'string'],
        ['line', 'bigint'], ['field', 'string'], ['reason', 'string'], ['is_file_rejected', 'boolean'],
        ['rejected_at', 'timestamp'], ['superseded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        reject_id,
        source as source_name,
        target_table,
        file as source_file,
        line as source_line,
        field as field_name,
        reason,
        is_file_rejected,
        rejected_at,
        superseded_at
    from source
    where superseded_at is null  -- a reject its file no longer produces (it now loads) is history, not a reject

)

select * from renamed
