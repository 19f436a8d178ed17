-- One row per interaction event. Personal data leaves here hashed (user id, e-mail) or not at all (text);
-- the fields people type (campaign, template, promo code, link) only without personal values (free_text.sql).
-- A table, not a view: it calls pii_hash, which only dbt's connection has (macros/hash_pii.sql).
{{ config(materialized='table') }}

with

source as (

    {{ staged_source('events', 'events', [
        ['event_id', 'string'], ['event_name', 'string'], ['occurred_at', 'timestamp'],
        ['conversation_id', 'string'], ['message_id', 'string'], ['in_reply_to_message_id', 'string'],
        ['content_id', 'string'],
        ['user_id', 'string'], ['actor', 'string'], ['agent_id', 'string'], ['language', 'string'],
        ['sentiment_label', 'string'], ['sentiment_score', 'float'], ['sentiment_confidence', 'float'],
        ['intent', 'string'], ['priority', 'string'], ['campaign_tag', 'string'], ['template_id', 'string'],
        ['tracked_url', 'string'], ['promo_code', 'string'], ['contact_email', 'string'],
        ['csat_score', 'bigint'], ['experiment_id', 'string'], ['variant', 'string'],
        ['_source_file', 'string'], ['_source_line', 'bigint'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        event_id,
        {{ dbt.split_part('event_name', "'.'", 1) }} as platform,
        {{ dbt.split_part('event_name', "'.'", 2) }} as event_type,
        occurred_at,
        conversation_id,
        message_id,
        in_reply_to_message_id,
        content_id,
        {{ hash_pii('user_id') }} as customer_key,
        {{ hash_pii("lower(ltrim(trim(user_id), '@'))") }} as customer_handle_key,
        actor,
        {{ hash_pii('agent_id') }} as agent_key,
        {{ bcp47_language('language') }} as language,
        sentiment_label,
        sentiment_score,
        sentiment_confidence,
        intent,
        priority,
        {{ free_tag('campaign_tag') }} as campaign_tag,
        {{ free_tag('template_id') }} as template_id,
        {{ link_without_personal('tracked_url') }} as tracked_url,
        {{ free_code('promo_code') }} as promo_code,
        {{ hash_pii('lower(trim(contact_email))') }} as contact_email_hash,
        csat_score,
        {{ free_tag('experiment_id') }} as experiment_id,
        {{ free_tag('variant') }} as variant,
        _source_file as source_file,
        _source_line as source_line,
        _loaded_at as loaded_at
    from source

)

select * from renamed
