-- One row per day × platform × channel × language × campaign with the additive parts every ROI and
-- unit-economics KPI of kpis.md §7 is computed from, so a KPI of the registry (macros/attribution_kpis.sql)
-- can be summed over ANY period and filter, not only whole months (fct_roi_monthly is its roll-up).
-- Money in the reporting currency; attributed figures use the credits of var `roi_attribution_model`.
-- Dates: a conversation counts on the day of its first inbound (team time zone), an answered message on its
-- day, a comment on its day, a credit on its order's day, a redemption / code issue on its day (UTC).
-- Monthly costs (costs.csv has one line per month) are spread evenly over the calendar days of their month
-- in exact cents (fct_costs_daily, macro spread_evenly: the days of a month sum to exactly its cost; DECISIONLOG.md).
-- channel and language: a conversation's (dm / comment, its language); a credit's touchpoint channel and,
-- for a conversation step, that conversation's language. Costs, codes issued and paid impressions have
-- neither: `(none)`, and the KPIs that use them say so when filtered (registry `unscoped`). A row without a
-- platform or campaign is `(none)` (utm_campaign `evergreen` is no campaign).
{%- set lookback = var('attribution_lookback_days') %}

with

conversations as (

    select conversation_key, platform, channel, language, campaign_tag, customer_key, first_inbound_date,
        is_responded, is_lead, human_responses
    from {{ ref('fct_conversations') }}

),

inbox_messages as (

    select conversation_key, message_date, is_customer_message, is_answered
    from {{ ref('fct_inbox_messages') }}

),

comments as (

    select comment_event_id, platform, channel, language, campaign_tag, customer_key, commented_at, comment_date,
        is_in_dm_scope
    from {{ ref('fct_comments') }}

),

costs as (

    select cost_date, cost_category, platform, campaign_tag, cost_amount, agent_hours, currency_reject_reason,
        is_first_day
    from {{ ref('fct_costs_daily') }}

),

credits as (

    select order_id, conversion_date, platform, channel, conversation_key, campaign_tag, credit,
        attributed_revenue_amount, is_first_order
    from {{ ref('fct_attribution_credits') }}
    where attribution_model = '{{ var("roi_attribution_model") }}'

),

conversions as (

    select order_id, converted_at, customer_email_hash, is_assisted, is_community_influenced
    from {{ ref('fct_conversions') }}

),

path_steps as (

    select order_id, conversation_key
    from {{ ref('fct_conversion_path_steps') }}
    where touchpoint_type = 'conversation'

),

identity_links as (

    select customer_key, conversation_key, linked_kind, linked_id, match_method
    from {{ ref('fct_identity_links') }}

),

touchpoints as (

    select touchpoint_key, order_id, conversation_key, touched_at
    from {{ ref('fct_touchpoints') }}
    where touchpoint_type = 'promo_redemption'

),

promo_issues as (

    select platform, conversation_id, campaign_tag, occurred_at, promo_code
    from {{ ref('stg_events__interaction_events') }}
    where promo_code is not null

),

linkedin_daily as (

    select metric_date, impressions_sponsored
    from {{ ref('stg_linkedin__page_daily') }}

),

converted_conversations as (

    select distinct conversation_key
    from path_steps

),

synced_leads as (

    select distinct conversation_key
    from identity_links
    where linked_kind = 'contact' and match_method = 'email'

),

conversation_parts as (

    select
        conversations.first_inbound_date as roi_date,
        conversations.platform,
        conversations.channel,
        conversations.language,
        conversations.campaign_tag,
        count(*) as conversations,
        sum(case when conversations.channel = 'dm' then 1 else 0 end) as dm_conversations,
        sum(case when conversations.is_responded then 1 else 0 end) as handled_conversations,
        sum(case when converted_conversations.conversation_key is not null then 1 else 0 end) as converted_conversations,
        sum(case when conversations.channel = 'dm' and converted_conversations.conversation_key is not null
            then 1 else 0 end) as converted_dm_conversations,
        sum(case when conversations.is_lead then 1 else 0 end) as leads,
        sum(case when conversations.is_lead and synced_leads.conversation_key is not null then 1 else 0 end)
            as leads_synced_to_crm,
        sum(conversations.human_responses) as human_responses
    from conversations
    left join converted_conversations
        on conversations.conversation_key = converted_conversations.conversation_key
    left join synced_leads
        on conversations.conversation_key = synced_leads.conversation_key
    group by 1, 2, 3, 4, 5

),

interaction_parts as (

    select
        inbox_messages.message_date as roi_date,
        conversations.platform,
        conversations.channel,
        conversations.language,
        conversations.campaign_tag,
        sum(case when inbox_messages.is_answered then 1 else 0 end) as handled_interactions
    from inbox_messages
    inner join conversations
        on inbox_messages.conversation_key = conversations.conversation_key
    where inbox_messages.is_customer_message
    group by 1, 2, 3, 4, 5

),

order_customers as (

    select distinct identity_links.customer_key, conversions.order_id, conversions.converted_at
    from identity_links
    inner join conversions
        on identity_links.linked_kind = 'order' and identity_links.linked_id = conversions.order_id

),

converted_comments as (

    select distinct comments.comment_event_id
    from comments
    inner join order_customers
        on comments.customer_key = order_customers.customer_key
        and order_customers.converted_at >= comments.commented_at
        and order_customers.converted_at <= {{ dbt.dateadd('day', lookback, 'comments.commented_at') }}

),

comment_parts as (

    select
        comments.comment_date as roi_date,
        comments.platform,
        comments.channel,
        comments.language,
        comments.campaign_tag,
        sum(case when comments.is_in_dm_scope then 1 else 0 end) as qualifying_comments,
        sum(case when comments.is_in_dm_scope and converted_comments.comment_event_id is not null then 1 else 0 end)
            as converted_comments
    from comments
    left join converted_comments
        on comments.comment_event_id = converted_comments.comment_event_id
    group by 1, 2, 3, 4, 5

),

cost_parts as (

    select
        cost_date as roi_date,
        platform,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as language,
        campaign_tag,
        sum(case when cost_category in ('support_staff', 'automation_tooling') then cost_amount else 0 end)
            as support_cost_amount,
        sum(case when cost_category = 'ad_spend' then cost_amount else 0 end) as ad_spend_amount,
        sum(case when cost_category = 'other' then cost_amount else 0 end) as other_cost_amount,
        sum(agent_hours) as agent_hours,
        sum(case when is_first_day and currency_reject_reason is not null then 1 else 0 end) as rejected_cost_lines
    from costs
    group by 1, 2, 3, 4, 5

),

customer_lifetime as (

    select customer_email_hash, sum(revenue_amount) as lifetime_revenue_amount
    from {{ ref('fct_orders') }}
    where is_conversion and customer_email_hash is not null
    group by customer_email_hash

),

credit_parts as (

    select
        credits.conversion_date as roi_date,
        credits.platform,
        credits.channel,
        credit_conversations.language,
        credits.campaign_tag,
        sum(credits.credit) as attributed_conversions,
        sum(credits.attributed_revenue_amount) as attributed_revenue_amount,
        sum(case when credits.is_first_order then credits.credit else 0 end) as new_customers,
        sum(case when credits.is_first_order then credits.credit * customer_lifetime.lifetime_revenue_amount else 0 end)
            as new_customer_lifetime_revenue_amount,
        sum(case when conversions.is_community_influenced then credits.attributed_revenue_amount else 0 end)
            as community_influenced_revenue_amount,
        sum(case when conversions.is_assisted then credits.attributed_revenue_amount else 0 end)
            as assisted_revenue_amount
    from credits
    inner join conversions
        on credits.order_id = conversions.order_id
    left join customer_lifetime
        on conversions.customer_email_hash = customer_lifetime.customer_email_hash
    left join conversations as credit_conversations
        on credits.conversation_key = credit_conversations.conversation_key
    group by 1, 2, 3, 4, 5

),

redemption_parts as (

    select
        cast(touchpoints.touched_at as date) as roi_date,
        conversations.platform,
        conversations.channel,
        conversations.language,
        conversations.campaign_tag,
        count(*) as promo_code_redemptions
    from touchpoints
    inner join conversations
        on touchpoints.conversation_key = conversations.conversation_key
    group by 1, 2, 3, 4, 5

),

issue_parts as (

    select
        cast(first_issued_at as date) as roi_date,
        platform,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as language,
        campaign_tag,
        count(*) as promo_codes_issued
    from (
        select upper(trim(promo_code)) as promo_code, platform, min(campaign_tag) as campaign_tag,
            min(occurred_at) as first_issued_at
        from promo_issues
        group by 1, 2
    ) as codes
    group by 1, 2, 3, 4, 5

),

impression_parts as (

    select
        metric_date as roi_date,
        'linkedin' as platform,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as language,
        cast(null as {{ dbt.type_string() }}) as campaign_tag,
        sum(impressions_sponsored) as paid_impressions
    from linkedin_daily
    group by 1

),

normalised as (

    {%- set parts = {
        'conversation_parts': ['conversations', 'dm_conversations', 'handled_conversations', 'converted_conversations', 'converted_dm_conversations', 'leads', 'leads_synced_to_crm', 'human_responses'],
        'interaction_parts': ['handled_interactions'],
        'comment_parts': ['qualifying_comments', 'converted_comments'],
        'cost_parts': ['support_cost_amount', 'ad_spend_amount', 'other_cost_amount', 'agent_hours', 'rejected_cost_lines'],
        'credit_parts': ['attributed_conversions', 'attributed_revenue_amount', 'new_customers', 'new_customer_lifetime_revenue_amount', 'community_influenced_revenue_amount', 'assisted_revenue_amount'],
        'redemption_parts': ['promo_code_redemptions'],
        'issue_parts': ['promo_codes_issued'],
        'impression_parts': ['paid_impressions'],
    } %}
    {%- set all_measures = [] %}
    {%- for measures in parts.values() %}{% do all_measures.extend(measures) %}{% endfor %}
    {% for cte, measures in parts.items() %}
    select
        roi_date,
        coalesce(nullif(platform, '(all)'), '(none)') as platform,
        coalesce(nullif(channel, ''), '(none)') as channel,
        coalesce(nullif(language, ''), '(none)') as language,
        coalesce(nullif(nullif(campaign_tag, ''), 'evergreen'), '(none)') as campaign_tag,
        {%- for measure in all_measures %}
        {% if measure in measures %}{{ measure }}{% else %}null{% endif %} as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ cte }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

final as (

    select
        roi_date,
        platform,
        channel,
        language,
        campaign_tag,
        '{{ var("reporting_currency") }}' as currency_code,
        '{{ var("roi_attribution_model") }}' as attribution_model,
        {%- for measure in all_measures %}
        {%- set comma = "," if not loop.last %}
        {%- if measure.endswith('_amount') %}
        cast(coalesce(sum({{ measure }}), 0) as decimal(18, 6)) as {{ measure }}{{ comma }}
        {%- elif measure == 'paid_impressions' %}
        cast(sum({{ measure }}) as {{ dbt.type_bigint() }}) as {{ measure }}{{ comma }}
        {%- elif measure in ('attributed_conversions', 'new_customers', 'agent_hours') %}
        cast(coalesce(sum({{ measure }}), 0) as {{ type_double() }}) as {{ measure }}{{ comma }}
        {%- else %}
        cast(coalesce(sum({{ measure }}), 0) as {{ dbt.type_bigint() }}) as {{ measure }}{{ comma }}
        {%- endif %}
        {%- endfor %}
    from normalised
    group by roi_date, platform, channel, language, campaign_tag

)

select * from final
