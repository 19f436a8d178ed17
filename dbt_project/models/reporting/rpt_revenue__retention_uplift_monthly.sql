-- One row per cohort month (the month of customers' first order): the repeat-purchase rate of new customers
-- served in DMs versus comparable customers not served — the same cohort of first orders — and the
-- difference, the one-pager's retention uplift (kpis.md §7, choice: DECISIONLOG.md).
--   served    a social user linked to one of the customer's orders had a DM answered by the brand between
--             var attribution_lookback_days before the first order and var retention_window_days after it
--   repeat    another order (a conversion) within var retention_window_days after the first
-- Customers whose window runs past the last order in the data are left out (counted in
-- `customers_window_incomplete`), so a young cohort is not read as churned.
{%- set window = var('retention_window_days') %}
{%- set lookback = var('attribution_lookback_days') %}

with

orders as (

    select order_id, customer_email_hash, created_at, is_first_order, is_conversion
    from {{ ref('fct_orders') }}

),

identity_links as (

    select customer_key, linked_id
    from {{ ref('fct_identity_links') }}
    where linked_kind = 'order'

),

dm_conversations as (

    select customer_key, first_inbound_at
    from {{ ref('fct_conversations') }}
    where channel = 'dm' and is_responded

),

data_end as (

    select max(created_at) as last_order_at
    from orders

),

new_customers as (

    select customer_email_hash, min(created_at) as first_order_at
    from orders
    where is_conversion and is_first_order and customer_email_hash is not null
    group by customer_email_hash

),

customer_keys as (

    select distinct orders.customer_email_hash, identity_links.customer_key
    from orders
    inner join identity_links
        on orders.order_id = identity_links.linked_id
    where orders.customer_email_hash is not null

),

classified as (

    select
        new_customers.customer_email_hash,
        cast({{ dbt.date_trunc('month', 'new_customers.first_order_at') }} as date) as cohort_month,
        {{ dbt.dateadd('day', window, 'new_customers.first_order_at') }} <= data_end.last_order_at as is_window_complete,
        exists (
            select 1
            from customer_keys
            inner join dm_conversations
                on customer_keys.customer_key = dm_conversations.customer_key
            where customer_keys.customer_email_hash = new_customers.customer_email_hash
                and dm_conversations.first_inbound_at >= {{ dbt.dateadd('day', -lookback, 'new_customers.first_order_at') }}
                and dm_conversations.first_inbound_at <= {{ dbt.dateadd('day', window, 'new_customers.first_order_at') }}
        ) as is_served_in_dm,
        exists (
            select 1
            from orders as later
            where later.customer_email_hash = new_customers.customer_email_hash
                and later.is_conversion
                and later.created_at > new_customers.first_order_at
                and later.created_at <= {{ dbt.dateadd('day', window, 'new_customers.first_order_at') }}
        ) as is_repeat
    from new_customers
    cross join data_end

),

summed as (

    select
        cohort_month,
        sum(case when is_window_complete and is_served_in_dm then 1 else 0 end) as served_customers,
        sum(case when is_window_complete and is_served_in_dm and is_repeat then 1 else 0 end) as served_repeat_customers,
        sum(case when is_window_complete and not is_served_in_dm then 1 else 0 end) as unserved_customers,
        sum(case when is_window_complete and not is_served_in_dm and is_repeat then 1 else 0 end)
            as unserved_repeat_customers,
        sum(case when not is_window_complete then 1 else 0 end) as customers_window_incomplete
    from classified
    group by cohort_month

),

final as (

    select
        summed.*,
        {{ safe_divide('served_repeat_customers', 'served_customers') }} as served_repeat_rate,
        {{ safe_divide('unserved_repeat_customers', 'unserved_customers') }} as unserved_repeat_rate,
        {{ safe_divide('served_repeat_customers', 'served_customers') }}
            - {{ safe_divide('unserved_repeat_customers', 'unserved_customers') }} as retention_uplift,
        ({{ safe_divide('served_repeat_customers', 'served_customers') }}
            - {{ safe_divide('unserved_repeat_customers', 'unserved_customers') }})
            / nullif({{ safe_divide('unserved_repeat_customers', 'unserved_customers') }}, 0) as retention_uplift_relative
    from summed

)

select * from final
