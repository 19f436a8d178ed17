-- Links keep only their path and UTM parameters, sources and UTM values only without personal values
-- (macros/free_text.sql).
with

source as (

    {{ staged_source('shopify', 'shopify_order_journeys', [
        ['order_id', 'string'], ['customer_order_index', 'bigint'], ['days_to_conversion', 'bigint'],
        ['first_visit_occurred_at', 'timestamp'], ['first_visit_landing_page', 'string'],
        ['first_visit_referrer_url', 'string'], ['first_visit_source', 'string'],
        ['first_visit_utm_source', 'string'], ['first_visit_utm_medium', 'string'],
        ['first_visit_utm_campaign', 'string'], ['first_visit_utm_content', 'string'],
        ['last_visit_occurred_at', 'timestamp'], ['last_visit_landing_page', 'string'],
        ['last_visit_referrer_url', 'string'], ['last_visit_source', 'string'],
        ['last_visit_utm_source', 'string'], ['last_visit_utm_medium', 'string'],
        ['last_visit_utm_campaign', 'string'], ['last_visit_utm_content', 'string'],
        ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        order_id,
        customer_order_index,
        days_to_conversion,
        first_visit_occurred_at as first_visit_at,
        {{ link_without_personal('first_visit_landing_page') }} as first_visit_landing_page,
        {{ link_without_personal('first_visit_referrer_url') }} as first_visit_referrer_url,
        {{ free_tag('first_visit_source') }} as first_visit_source,
        lower({{ free_tag('first_visit_utm_source') }}) as first_visit_utm_source,
        lower({{ free_tag('first_visit_utm_medium') }}) as first_visit_utm_medium,
        {{ free_tag('first_visit_utm_campaign') }} as first_visit_utm_campaign,
        {{ free_tag('first_visit_utm_content') }} as first_visit_utm_content,
        last_visit_occurred_at as last_visit_at,
        {{ link_without_personal('last_visit_landing_page') }} as last_visit_landing_page,
        {{ link_without_personal('last_visit_referrer_url') }} as last_visit_referrer_url,
        {{ free_tag('last_visit_source') }} as last_visit_source,
        lower({{ free_tag('last_visit_utm_source') }}) as last_visit_utm_source,
        lower({{ free_tag('last_visit_utm_medium') }}) as last_visit_utm_medium,
        {{ free_tag('last_visit_utm_campaign') }} as last_visit_utm_campaign,
        {{ free_tag('last_visit_utm_content') }} as last_visit_utm_content,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
