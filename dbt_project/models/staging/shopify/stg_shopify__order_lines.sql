-- Shopify writes order-level fields only on an order's first line: `is_first_line` marks it, so an order's
-- revenue is counted once downstream. E-mails leave here hashed; of the
-- free text only the UTM lines of `Note Attributes` and a discount code without personal values (free_text.sql).
-- Exports from before 2014 have no `Id` column: such an order is keyed by its `Name` (unique in a shop), so
-- it still counts; it cannot join its journey (keyed by the real Id), and the loader notes that on the file.
-- A table, not a view: it calls pii_hash, which only dbt's connection has (macros/hash_pii.sql).
{{ config(materialized='table') }}

with

source as (

    {{ staged_source('shopify', 'shopify_order_lines', [
        ['order_name', 'string'], ['line_index', 'bigint'], ['line_key', 'string'], ['order_id', 'string'],
        ['email', 'string'],
        ['financial_status', 'string'], ['paid_at', 'timestamp'], ['fulfillment_status', 'string'],
        ['currency_code', 'string'], ['subtotal_amount', 'numeric'], ['shipping_amount', 'numeric'],
        ['taxes_amount', 'numeric'], ['total_amount', 'numeric'], ['discount_code', 'string'],
        ['discount_amount', 'numeric'], ['created_at', 'timestamp'], ['cancelled_at', 'timestamp'],
        ['refunded_amount', 'numeric'], ['tags', 'string'], ['source_name', 'string'],
        ['note_attributes', 'string'], ['lineitem_quantity', 'bigint'], ['lineitem_name', 'string'],
        ['lineitem_price', 'numeric'], ['lineitem_sku', 'string'], ['_source_file', 'string'],
        ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        order_name,
        line_index,
        coalesce(line_key, cast(line_index as {{ dbt.type_string() }})) as line_key,  -- older loads: position
        line_index = 1 as is_first_line,
        case when line_index = 1 then coalesce(order_id, order_name) else order_id end as order_id,
        {{ hash_pii('lower(trim(email))') }} as customer_email_hash,
        financial_status,
        paid_at,
        fulfillment_status,
        upper(currency_code) as currency_code,
        subtotal_amount,
        shipping_amount,
        taxes_amount,
        total_amount,
        {{ free_code('upper(trim(discount_code))') }} as discount_code,
        discount_amount,
        created_at,
        cancelled_at,
        refunded_amount,
        {{ free_tag('source_name') }} as source_name,
        {{ utm_note_lines('note_attributes') }} as note_attributes,
        lineitem_quantity,
        lineitem_name,
        lineitem_price,
        lineitem_sku,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
