-- One row per month × platform × campaign, plus roll-ups (`(all)` campaigns of a platform; `(all)` platforms
-- and campaigns of a month), with every ROI / unit-economics KPI of kpis.md §7 beside its numerator and
-- denominator. Roll-ups sum the parts of fct_roi_monthly and divide (ratios of sums). Each numerator is
-- computed before its division, so the documents' golden examples come out exact.
--   cost_per_handled_interaction   support cost ÷ handled interactions (answered customer messages and comments)
--   value_per_interaction          AOV × DM conversion rate = (AOV × converted DMs) ÷ DM conversations
--   contribution_per_conversation  (AOV × converted DMs − cost per handled interaction × DM conversations) ÷ DM conversations
--   incremental_conversions        Δ DM conversion rate vs the previous month (same platform and campaign) × DM volume
--   incremental_revenue            incremental_conversions × AOV
--   cpa                            ad spend ÷ new customers (first orders, attributed)
--   roas                           attributed revenue ÷ ad spend
--   revenue_per_conversion         attributed revenue ÷ attributed conversions (the AOV above)
--   cost_per_lead                  ad spend ÷ leads
--   cpm                            ad spend of the rows with paid impressions ÷ (paid impressions ÷ 1000); empty without
--   customer_ltv, ltv_to_cac       new customers' lifetime revenue ÷ new customers; ÷ ad spend (= LTV ÷ CAC)
--   social_conversion_rate         conversations with an attributed conversion ÷ conversations
--   community_influenced_revenue   attributed revenue of conversions with a social step (direct + assisted)
--   assisted_value_share           attributed revenue of assisted conversions ÷ attributed revenue
--   promo_code_redemptions         redemptions of conversation-issued codes; promo_code_redemption_rate ÷ codes issued
--   comment_conversion_rate        qualifying comments whose author converts ÷ qualifying comments
--   dm_conversion_rate             DM conversations with an attributed conversion ÷ DM conversations
--   crm_sync_completeness          leads matched to a CRM contact ÷ leads
--   responses_per_agent_hour       human responses ÷ staffed agent hours
--   cost_per_conversation          support cost ÷ handled conversations
{%- set double = type_double() %}
{%- set measures = ['conversations', 'dm_conversations', 'handled_conversations', 'converted_conversations',
    'converted_dm_conversations', 'leads', 'leads_synced_to_crm', 'human_responses', 'handled_interactions',
    'qualifying_comments', 'converted_comments', 'support_cost_amount', 'ad_spend_amount', 'other_cost_amount',
    'agent_hours', 'rejected_cost_lines', 'attributed_conversions', 'attributed_revenue_amount', 'new_customers',
    'new_customer_lifetime_revenue_amount', 'community_influenced_revenue_amount', 'assisted_revenue_amount',
    'promo_code_redemptions', 'promo_codes_issued', 'paid_impressions'] %}
{%- set kpis = [
    ('cost_per_handled_interaction', 'support_cost_amount', 'handled_interactions'),
    ('value_per_interaction', 'aov * converted_dm_conversations', 'dm_conversations'),
    ('contribution_per_conversation', 'aov * converted_dm_conversations - cost_per_handled_interaction * dm_conversations', 'dm_conversations'),
    ('incremental_conversions', 'converted_dm_conversations - previous_converted_dm_conversations * dm_conversations / previous_dm_conversations', none),
    ('incremental_revenue', '(converted_dm_conversations - previous_converted_dm_conversations * dm_conversations / previous_dm_conversations) * aov', none),
    ('cpa', 'ad_spend_amount', 'new_customers'),
    ('roas', 'attributed_revenue_amount', 'ad_spend_amount'),
    ('revenue_per_conversion', 'attributed_revenue_amount', 'attributed_conversions'),
    ('cost_per_lead', 'ad_spend_amount', 'leads'),
    ('cpm', 'paid_impression_ad_spend_amount', 'paid_impressions / 1000.0'),
    ('customer_ltv', 'new_customer_lifetime_revenue_amount', 'new_customers'),
    ('ltv_to_cac', 'new_customer_lifetime_revenue_amount', 'ad_spend_amount'),
    ('social_conversion_rate', 'converted_conversations', 'conversations'),
    ('community_influenced_revenue', 'community_influenced_revenue_amount', none),
    ('assisted_value_share', 'assisted_revenue_amount', 'attributed_revenue_amount'),
    ('promo_code_redemptions', 'promo_code_redemptions', none),
    ('promo_code_redemption_rate', 'promo_code_redemptions', 'promo_codes_issued'),
    ('comment_conversion_rate', 'converted_comments', 'qualifying_comments'),
    ('dm_conversion_rate', 'converted_dm_conversations', 'dm_conversations'),
    ('crm_sync_completeness', 'leads_synced_to_crm', 'leads'),
    ('responses_per_agent_hour', 'human_responses', 'agent_hours'),
    ('cost_per_conversation', 'support_cost_amount', 'handled_conversations'),
] %}

with

roi_monthly as (

    select month, platform, campaign_tag, currency_code, attribution_model, {{ measures | join(', ') }}
    from {{ ref('fct_roi_monthly') }}

),

rolled_up as (

    select
        month,
        coalesce(platform, '(all)') as platform,
        coalesce(campaign_tag, '(all)') as campaign_tag,
        case
            when platform is null then 'month'
            when campaign_tag is null then 'month_platform'
            else 'month_platform_campaign'
        end as grouping_level,
        max(currency_code) as currency_code,
        max(attribution_model) as attribution_model,
        sum(case when paid_impressions is not null then ad_spend_amount end) as paid_impression_ad_spend_amount,
        {%- for measure in measures %}
        sum({{ measure }}) as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from roi_monthly
    group by grouping sets ((month, platform, campaign_tag), (month, platform), (month))

),

with_previous as (

    select
        rolled_up.*,
        lag(converted_dm_conversations) over (
            partition by grouping_level, platform, campaign_tag order by month) as previous_converted_dm_conversations,
        lag(dm_conversations) over (
            partition by grouping_level, platform, campaign_tag order by month) as previous_dm_conversations,
        lag(month) over (partition by grouping_level, platform, campaign_tag order by month) as previous_month
    from rolled_up

),

bases as (

    select
        with_previous.*,
        cast(attributed_revenue_amount as {{ double }}) / nullif(attributed_conversions, 0) as aov,
        cast(support_cost_amount as {{ double }}) / nullif(handled_interactions, 0) as cost_per_handled_interaction
    from with_previous

),

-- Δ rate is against the calendar month before, not just the previous row of the group
adjusted as (

    select
        bases.* exclude (previous_converted_dm_conversations, previous_dm_conversations),
        case when previous_month = cast({{ dbt.dateadd('month', -1, 'month') }} as date)
            then previous_converted_dm_conversations end as previous_converted_dm_conversations,
        case when previous_month = cast({{ dbt.dateadd('month', -1, 'month') }} as date)
            then nullif(previous_dm_conversations, 0) end as previous_dm_conversations
    from bases

),

final as (

    select
        month,
        platform,
        campaign_tag,
        grouping_level,
        currency_code,
        attribution_model,
        {%- for measure in measures %}
        {{ measure }},
        {%- endfor %}
        paid_impression_ad_spend_amount,
        {%- for kpi, numerator, denominator in kpis %}
        cast({{ numerator }} as {{ double }}) as {{ kpi }}_numerator,
        {%- if denominator is none and kpi in measures %}
        {#- a count KPI that is already a part column (promo_code_redemptions): the part is its value #}
        cast(null as {{ double }}) as {{ kpi }}_denominator{{ "," if not loop.last }}
        {%- elif denominator is none %}
        cast(null as {{ double }}) as {{ kpi }}_denominator,
        cast({{ numerator }} as {{ double }}) as {{ kpi }}{{ "," if not loop.last }}
        {%- else %}
        cast({{ denominator }} as {{ double }}) as {{ kpi }}_denominator,
        cast({{ numerator }} as {{ double }}) / nullif({{ denominator }}, 0) as {{ kpi }}{{ "," if not loop.last }}
        {%- endif %}
        {%- endfor %}
    from adjusted

)

select * from final
