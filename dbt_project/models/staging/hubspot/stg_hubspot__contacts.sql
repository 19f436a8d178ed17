-- Names are dropped; e-mail and social handles leave here hashed (they still join to events and orders).
-- A table, not a view: it calls pii_hash, which only dbt's connection has (macros/hash_pii.sql).
{{ config(materialized='table') }}

with

source as (

    {{ staged_source('hubspot', 'hubspot_contacts', [
        ['contact_id', 'string'], ['email', 'string'], ['created_at', 'timestamp'],
        ['lifecycle_stage', 'string'], ['original_source', 'string'],
        ['original_source_drill_down_1', 'string'], ['latest_source', 'string'],
        ['became_lead_at', 'timestamp'], ['became_customer_at', 'timestamp'],
        ['first_touch_campaign', 'string'], ['last_touch_campaign', 'string'],
        ['instagram_handle', 'string'], ['tiktok_handle', 'string'], ['_source_file', 'string'],
        ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        contact_id,
        {{ hash_pii('lower(trim(email))') }} as contact_email_hash,
        created_at,
        lower(lifecycle_stage) as lifecycle_stage,
        {{ free_tag('original_source') }} as original_source,
        {{ free_tag('original_source_drill_down_1') }} as original_source_drill_down_1,
        {{ free_tag('latest_source') }} as latest_source,
        became_lead_at,
        became_customer_at,
        {{ free_tag('first_touch_campaign') }} as first_touch_campaign,
        {{ free_tag('last_touch_campaign') }} as last_touch_campaign,
        {{ hash_pii("lower(ltrim(trim(instagram_handle), '@'))") }} as instagram_handle_hash,
        {{ hash_pii("lower(ltrim(trim(tiktok_handle), '@'))") }} as tiktok_handle_hash,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
