-- Shopify writes order-level fields only on an order's first line: `is_first_line` marks it, so an order's
-- revenue is counted once downstream. E-mails leave here hashed.
with

source as (

    {{ staged_source('shopify', 'shopify_order_lines', [
        ['order_name', 'string'], ['line_index', 'bigint'], ['order_id', 'string'], ['email', 'string'],
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
        line_index = 1 as is_first_line,
        order_id,
        {{ hash_pii('lower(trim(email))') }} as customer_email_hash,
        financial_status,
        paid_at,
        fulfillment_status,
        upper(currency_code) as currency_code,
        subtotal_amount,
        shipping_amount,
        taxes_amount,
        total_amount,
        upper(trim(discount_code)) as discount_code,
        discount_amount,
        created_at,
        cancelled_at,
        refunded_amount,
        tags,
        source_name,
        note_attributes,
        lineitem_quantity,
        lineitem_name,
        lineitem_price,
        lineitem_sku,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
