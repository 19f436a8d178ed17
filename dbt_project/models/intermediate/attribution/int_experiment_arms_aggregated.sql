-- One row per experiment × language (and `(all)` languages) × variant: the arm's conversations and their
-- outcomes, the parts lift tests are computed from. A conversation converts when it is on the path of a
-- conversion (its first such order counts: revenue for AOV); it is retained when that order's customer orders
-- again within var retention_window_days.
{%- set window = var('retention_window_days') %}

with

conversations as (

    select conversation_key, experiment_id, variant, language
    from {{ ref('fct_conversations') }}
    where experiment_id is not null and variant is not null

),

path_steps as (

    select order_id, conversation_key
    from {{ ref('fct_conversion_path_steps') }}
    where touchpoint_type = 'conversation'

),

conversions as (

    select order_id, converted_at, customer_email_hash, revenue_amount
    from {{ ref('fct_conversions') }}

),

first_conversions as (

    select conversation_key, order_id, converted_at, customer_email_hash, revenue_amount
    from (
        select
            path_steps.conversation_key,
            conversions.*,
            row_number() over (
                partition by path_steps.conversation_key order by conversions.converted_at, conversions.order_id
            ) as conversion_rank
        from path_steps
        inner join conversions
            on path_steps.order_id = conversions.order_id
    ) as ranked
    where conversion_rank = 1

),

outcomes as (

    select
        conversations.experiment_id,
        conversations.variant,
        conversations.language,
        first_conversions.order_id is not null as is_converted,
        first_conversions.revenue_amount as revenue,
        first_conversions.order_id is not null and exists (
            select 1
            from conversions as later
            where later.customer_email_hash = first_conversions.customer_email_hash
                and later.converted_at > first_conversions.converted_at
                and later.converted_at <= {{ dbt.dateadd('day', window, 'first_conversions.converted_at') }}
        ) as is_retained
    from conversations
    left join first_conversions
        on conversations.conversation_key = first_conversions.conversation_key

),

final as (

    select
        experiment_id,
        coalesce(language, '(all)') as language,
        variant,
        count(*) as conversations,
        sum(case when is_converted then 1 else 0 end) as converted_conversations,
        sum(case when is_retained then 1 else 0 end) as retained_conversations,
        count(revenue) as revenue_conversations,
        -- summed exactly (decimal), then cast: a sum of doubles depends on the order the threads add them in
        cast(coalesce(sum(revenue), 0) as {{ type_double() }}) as revenue_total,
        cast(coalesce(sum(revenue * revenue), 0) as {{ type_double() }}) as revenue_squares_total
    from outcomes
    group by grouping sets ((experiment_id, language, variant), (experiment_id, variant))

)

select * from final
