-- One row per Shopify order. The export has one row per line item with the order-level fields only on the
-- first line: the order is read from that line (revenue counted once), its line items are counted from all.
-- UTM comes from the order's journey (last visit) or, failing that, the `UTM …:` lines a checkout app writes
-- into `Note Attributes`. Revenue is net of refunds, in the reporting currency (var `reporting_currency`, from
-- the user's settings.toml) at the rate of the order's day (stg_settings__currency_rates: the user's rate, else
-- the ECB's); without a rate the order keeps a `currency_reject_reason` (macro currency_conversion).
{%- set reporting = var('reporting_currency') %}

with

order_lines as (

    select
        order_name, line_index, is_first_line, order_id, customer_email_hash, financial_status,
        currency_code, subtotal_amount, total_amount, discount_code, discount_amount, created_at, cancelled_at,
        refunded_amount, source_name, note_attributes, lineitem_quantity
    from {{ ref('stg_shopify__order_lines') }}

),

order_journeys as (

    select
        order_id, customer_order_index, first_visit_at, first_visit_landing_page, first_visit_source,
        first_visit_utm_source, first_visit_utm_medium, first_visit_utm_campaign, first_visit_utm_content,
        last_visit_at, last_visit_landing_page, last_visit_referrer_url, last_visit_source,
        last_visit_utm_source, last_visit_utm_medium, last_visit_utm_campaign, last_visit_utm_content
    from {{ ref('stg_shopify__order_journeys') }}

),

currency_rates as (

    select currency_code, reporting_currency_code, rate_date, rate, rate_source
    from {{ ref('stg_settings__currency_rates') }}

),

order_headers as (

    select *
    from order_lines
    where is_first_line

),

line_totals as (

    select
        order_name,
        count(*) as line_items,
        sum(lineitem_quantity) as units
    from order_lines
    group by order_name

),

notes_parsed as (

    select
        order_id,
        nullif(trim(regexp_extract(note_attributes, '(?im)^utm[ _]source:[ \t]*(.*)$', 1)), '') as note_utm_source,
        nullif(trim(regexp_extract(note_attributes, '(?im)^utm[ _]medium:[ \t]*(.*)$', 1)), '') as note_utm_medium,
        nullif(trim(regexp_extract(note_attributes, '(?im)^utm[ _]campaign:[ \t]*(.*)$', 1)), '') as note_utm_campaign,
        nullif(trim(regexp_extract(note_attributes, '(?im)^utm[ _]content:[ \t]*(.*)$', 1)), '') as note_utm_content
    from order_headers

),

joined as (

    select
        order_headers.order_id,
        order_headers.order_name,
        order_headers.customer_email_hash,
        order_headers.financial_status,
        order_headers.source_name,
        order_headers.created_at,
        order_headers.cancelled_at,
        cast({{ dbt.date_trunc('month', 'order_headers.created_at') }} as date) as order_month,
        order_headers.currency_code as original_currency_code,
        order_headers.total_amount as original_total_amount,
        coalesce(order_headers.refunded_amount, 0) as original_refunded_amount,
        order_headers.discount_code,
        order_headers.discount_amount,
        line_totals.line_items,
        line_totals.units,
        order_journeys.customer_order_index,
        order_journeys.first_visit_at,
        order_journeys.first_visit_landing_page,
        order_journeys.first_visit_source,
        order_journeys.first_visit_utm_source,
        order_journeys.first_visit_utm_medium,
        order_journeys.first_visit_utm_campaign,
        order_journeys.first_visit_utm_content,
        order_journeys.last_visit_at,
        order_journeys.last_visit_landing_page,
        order_journeys.last_visit_source,
        coalesce(order_journeys.last_visit_utm_source,
            nullif(regexp_extract(order_journeys.last_visit_landing_page, '[?&]utm_source=([^&#]+)', 1), '')) as last_visit_utm_source,
        coalesce(order_journeys.last_visit_utm_medium,
            nullif(regexp_extract(order_journeys.last_visit_landing_page, '[?&]utm_medium=([^&#]+)', 1), '')) as last_visit_utm_medium,
        coalesce(order_journeys.last_visit_utm_campaign,
            nullif(regexp_extract(order_journeys.last_visit_landing_page, '[?&]utm_campaign=([^&#]+)', 1), '')) as last_visit_utm_campaign,
        coalesce(order_journeys.last_visit_utm_content,
            nullif(regexp_extract(order_journeys.last_visit_landing_page, '[?&]utm_content=([^&#]+)', 1), '')) as last_visit_utm_content,
        lower(notes_parsed.note_utm_source) as note_utm_source,
        lower(notes_parsed.note_utm_medium) as note_utm_medium,
        notes_parsed.note_utm_campaign,
        notes_parsed.note_utm_content
    from order_headers
    left join line_totals
        on order_headers.order_name = line_totals.order_name
    left join order_journeys
        on order_headers.order_id = order_journeys.order_id
    left join notes_parsed
        on order_headers.order_id = notes_parsed.order_id

),

converted as (

    select
        joined.*,
        {{ currency_conversion('joined.original_currency_code', 'cast(joined.created_at as date)', reporting) }}
    from joined
    left join currency_rates
        on joined.original_currency_code = currency_rates.currency_code
        and currency_rates.reporting_currency_code = '{{ reporting }}'
        and cast(joined.created_at as date) = currency_rates.rate_date

),

history as (

    select
        converted.*,
        row_number() over (
            partition by coalesce(customer_email_hash, order_id) order by created_at, order_id
        ) as export_order_index
    from converted

),

final as (

    select
        order_id,
        order_name,
        customer_email_hash,
        financial_status,
        source_name,
        created_at,
        cast({{ utc_to_local('created_at') }} as date) as order_date,
        order_month,
        cancelled_at,
        cancelled_at is not null or financial_status = 'voided' as is_cancelled,
        financial_status = 'refunded' or original_refunded_amount >= original_total_amount as is_fully_refunded,
        original_currency_code,
        original_total_amount,
        original_refunded_amount,
        currency_rate,
        currency_rate_source,
        currency_reject_reason,
        nullif('{{ reporting }}', '') as currency_code,
        cast(round(cast(original_total_amount as decimal(38, 4)) * currency_rate, 2) as decimal(18, 2)) as gross_revenue_amount,
        cast(round(cast(original_total_amount - original_refunded_amount as decimal(38, 4)) * currency_rate, 2) as decimal(18, 2))
            as revenue_amount,
        upper(trim(discount_code)) as discount_code,
        discount_amount,
        line_items,
        units,
        coalesce(customer_order_index, export_order_index) as customer_order_index,
        coalesce(customer_order_index, export_order_index) = 1 as is_first_order,
        cancelled_at is null
            and coalesce(financial_status, '') <> 'voided'
            and not (financial_status = 'refunded' or original_refunded_amount >= original_total_amount)
            and currency_reject_reason is null
            as is_conversion,
        first_visit_at,
        first_visit_landing_page,
        first_visit_source,
        first_visit_utm_source,
        first_visit_utm_medium,
        first_visit_utm_campaign,
        first_visit_utm_content,
        last_visit_at,
        last_visit_landing_page,
        last_visit_source,
        last_visit_utm_source,
        last_visit_utm_medium,
        last_visit_utm_campaign,
        last_visit_utm_content,
        note_utm_source,
        note_utm_medium,
        note_utm_campaign,
        note_utm_content,
        coalesce(last_visit_utm_content, note_utm_content) as utm_content_resolved
    from history

)

select * from final
