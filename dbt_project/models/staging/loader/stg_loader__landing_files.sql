with

source as (

    {{ staged_source('loader', 'landing_files', [
        ['relative_path', 'string'], ['sha256', 'string'], ['size_bytes', 'bigint'], ['status', 'string'],
        ['reason', 'string'], ['notes', 'string'], ['family', 'string'], ['target_table', 'string'],
        ['layout', 'string'], ['platform', 'string'], ['rows_in', 'bigint'], ['rows_loaded', 'bigint'],
        ['rows_rejected', 'bigint'], ['rows_duplicate', 'bigint'], ['is_rejected', 'boolean'],
        ['loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        relative_path as source_file,
        sha256 as content_sha256,
        size_bytes,
        coalesce(status, 'loaded') as file_status,  -- a manifest from before statuses held loaded files only
        reason as status_reason,
        notes as load_notes,
        family as source_name,
        target_table,
        layout as recognised_layout,
        platform,
        rows_in,
        rows_loaded,
        rows_rejected,
        rows_duplicate,
        is_rejected as is_file_rejected,
        loaded_at
    from source

)

select * from renamed
