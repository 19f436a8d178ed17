-- Shopify writes one row per line item: every order of the export is exactly one fct_orders row, and its
-- gross revenue is the first line's Total (never Σ over lines). One-sided orders fail too.
with

export_orders as (

    select order_name, max(case when is_first_line then total_amount end) as total_amount
    from {{ ref('stg_shopify__order_lines') }}
    group by order_name

),

orders as (

    select order_name, count(*) as rows_per_order, max(original_total_amount) as total_amount
    from {{ ref('fct_orders') }}
    group by order_name

)

select
    coalesce(export_orders.order_name, orders.order_name) as order_name,
    export_orders.total_amount as export_total_amount,
    orders.total_amount as order_total_amount,
    orders.rows_per_order
from export_orders
full outer join orders
    on export_orders.order_name = orders.order_name
where export_orders.order_name is null
    or orders.order_name is null
    or orders.rows_per_order <> 1
    or export_orders.total_amount is distinct from orders.total_amount
