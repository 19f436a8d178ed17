-- One row per new customer (a hashed e-mail with a first order that is a conversion): whether they were served
-- in DMs and whether they bought again, so the retention uplift of kpis.md §7 (choice: DECISIONLOG.md) can be
-- summed for ANY period of first orders (the registry's `retention_uplift`, fact date first_order_date), and
-- rpt_revenue__retention_uplift_monthly is its roll-up by cohort month.
--   served    a social user linked to one of the customer's orders had a DM answered by the brand between
--             var attribution_lookback_days before the first order and var retention_window_days after it
--   repeat    another order (a conversion) within var retention_window_days after the first
-- A customer whose window runs past the last order in the data counts in none of the four groups (only in
-- `is_window_complete = false`), so a young cohort is not read as churned. Personal data: hashes only.
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
        new_customers.first_order_at,
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

final as (

    select
        customer_email_hash,
        first_order_at,
        cast(first_order_at as date) as first_order_date,
        is_window_complete,
        is_served_in_dm,
        is_repeat,
        case when is_window_complete and is_served_in_dm then 1 else 0 end as served_customers,
        case when is_window_complete and is_served_in_dm and is_repeat then 1 else 0 end as served_repeat_customers,
        case when is_window_complete and not is_served_in_dm then 1 else 0 end as unserved_customers,
        case when is_window_complete and not is_served_in_dm and is_repeat then 1 else 0 end
            as unserved_repeat_customers
    from classified

)

select * from final
