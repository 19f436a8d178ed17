-- One row per cohort month (the month of customers' first order): the repeat-purchase rate of new customers
-- served in DMs versus comparable customers not served — the same cohort of first orders — and the
-- difference, the one-pager's retention uplift (kpis.md §7, choice: DECISIONLOG.md). The roll-up of
-- fct_new_customer_retention (where served, repeat and the complete-window rule are defined); the registry's
-- `retention_uplift` gives the same figure for any period of first orders.

with

new_customers as (

    select * from {{ ref('fct_new_customer_retention') }}

),

summed as (

    select
        cast({{ dbt.date_trunc('month', 'first_order_at') }} as date) as cohort_month,
        sum(served_customers) as served_customers,
        sum(served_repeat_customers) as served_repeat_customers,
        sum(unserved_customers) as unserved_customers,
        sum(unserved_repeat_customers) as unserved_repeat_customers,
        sum(case when not is_window_complete then 1 else 0 end) as customers_window_incomplete
    from new_customers
    group by 1

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
