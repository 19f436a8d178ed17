with

source as (

    {{ staged_source('loader', 'landing_files', [
        ['relative_path', 'string'], ['sha256', 'string'], ['size_bytes', 'bigint'], ['family', 'string'],
        ['target_table', 'string'], ['rows_loaded', 'bigint'], ['rows_rejected', 'bigint'],
        ['is_rejected', 'boolean'], ['loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        relative_path as source_file,
        sha256 as content_sha256,
        size_bytes,
        family as source_name,
        target_table,
        rows_loaded,
        rows_rejected,
        is_rejected as is_file_rejected,
        loaded_at
    from source

)

select * from renamed
