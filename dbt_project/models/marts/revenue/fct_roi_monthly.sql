-- One row per month × platform × campaign: the roll-up of fct_roi_daily (the same additive parts, summed over
-- the month's days, channels and languages), kept for the monthly unit-economics report
-- (rpt_revenue__unit_economics_monthly) and its golden unit tests. A month's costs are exactly costs.csv's:
-- the daily spread sums back to each line to the cent (spread_evenly; assert_roi_monthly_reconciles).
{%- set measures = ['conversations', 'dm_conversations', 'handled_conversations', 'converted_conversations',
    'converted_dm_conversations', 'leads', 'leads_synced_to_crm', 'human_responses', 'handled_interactions',
    'qualifying_comments', 'converted_comments', 'support_cost_amount', 'ad_spend_amount', 'other_cost_amount',
    'agent_hours', 'rejected_cost_lines', 'attributed_conversions', 'attributed_revenue_amount', 'new_customers',
    'new_customer_lifetime_revenue_amount', 'community_influenced_revenue_amount', 'assisted_revenue_amount',
    'promo_code_redemptions', 'promo_codes_issued', 'paid_impressions'] %}

with

roi_daily as (

    select * from {{ ref('fct_roi_daily') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'roi_date') }} as date) as month,
        platform,
        campaign_tag,
        max(currency_code) as currency_code,
        max(attribution_model) as attribution_model,
        {%- for measure in measures %}
        {%- set comma = "," if not loop.last %}
        {%- if measure.endswith('_amount') %}
        cast(sum({{ measure }}) as decimal(18, 6)) as {{ measure }}{{ comma }}
        {%- elif measure == 'paid_impressions' %}
        cast(sum({{ measure }}) as {{ dbt.type_bigint() }}) as {{ measure }}{{ comma }}
        {%- elif measure in ('attributed_conversions', 'new_customers', 'agent_hours') %}
        cast(sum({{ measure }}) as {{ type_double() }}) as {{ measure }}{{ comma }}
        {%- else %}
        cast(sum({{ measure }}) as {{ dbt.type_bigint() }}) as {{ measure }}{{ comma }}
        {%- endif %}
        {%- endfor %}
    from roi_daily
    group by 1, 2, 3

)

select * from final
