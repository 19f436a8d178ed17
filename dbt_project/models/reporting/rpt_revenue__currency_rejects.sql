-- One row per order or cost line whose money cannot be reported in the reporting currency (no rate for its
-- currency and day from the settings or the ECB, or no reporting currency), with the reason: nothing is guessed.

with

orders as (

    select order_id, order_month, original_currency_code, original_total_amount, currency_reject_reason
    from {{ ref('fct_orders') }}
    where currency_reject_reason is not null

),

costs as (

    select cost_key, cost_month, original_currency_code, original_cost_amount, currency_reject_reason
    from {{ ref('fct_costs') }}
    where currency_reject_reason is not null

),

final as (

    select
        'order' as record_kind,
        order_id as record_id,
        order_month as month,
        original_currency_code,
        original_total_amount as original_amount,
        currency_reject_reason as reject_reason
    from orders
    union all
    select
        'cost' as record_kind,
        cost_key as record_id,
        cost_month as month,
        original_currency_code,
        original_cost_amount as original_amount,
        currency_reject_reason as reject_reason
    from costs

)

select * from final
