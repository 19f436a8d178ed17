-- One row per month × platform × campaign: the response funnel comment → DM → qualified lead → sale and the
-- conversion funnel lead → sale → value (kpis.md §5), each stage a subset of the one before, with the rates
-- between stages.
--   comments_in_scope     comments with intent purchase or question (fct_comments.is_in_dm_scope), month of the comment
--   comments_to_dm        … whose author opened a DM on the same platform within var comment_to_dm_window_hours
--   comments_to_lead      … where that DM became a lead (`lead_created`)
--   comments_to_sale      … and the author converted (an order linked to them, within the lookback after the comment)
--   leads                 lead conversations (DM or comment thread), month of the conversation
--   converted_leads       lead conversations on the path of a conversion
--   converted_lead_revenue_amount  revenue of the distinct orders those leads are on the path of
--   won_deals, won_deal_amount     HubSpot deals `closed won` associated with the contact a lead's e-mail matches
--                                  (B2B sales outside Shopify; amounts taken as the reporting currency)
{%- set window_hours = var('comment_to_dm_window_hours') %}
{%- set lookback = var('attribution_lookback_days') %}

with

comments as (

    select comment_event_id, platform, campaign_tag, customer_key, commented_at, comment_date, is_in_dm_scope,
        has_dm_within_window
    from {{ ref('fct_comments') }}

),

conversations as (

    select conversation_key, platform, channel, campaign_tag, customer_key, first_inbound_at, first_inbound_date,
        is_lead
    from {{ ref('fct_conversations') }}

),

identity_links as (

    select customer_key, linked_id
    from {{ ref('fct_identity_links') }}
    where linked_kind = 'order'

),

lead_contacts as (

    select distinct conversation_key, linked_id as contact_id
    from {{ ref('fct_identity_links') }}
    where linked_kind = 'contact' and match_method = 'email' and conversation_key is not null

),

deals as (

    select deal_id, deal_stage, deal_amount, associated_contact_ids
    from {{ ref('fct_deals') }}
    where deal_stage = 'closed won' and associated_contact_ids is not null

),

conversions as (

    select order_id, converted_at, revenue_amount
    from {{ ref('fct_conversions') }}

),

path_steps as (

    select order_id, conversation_key
    from {{ ref('fct_conversion_path_steps') }}
    where touchpoint_type = 'conversation'

),

comment_stages as (

    select
        comments.comment_event_id,
        comments.platform,
        comments.campaign_tag,
        comments.comment_date,
        comments.is_in_dm_scope,
        comments.is_in_dm_scope and comments.has_dm_within_window as is_to_dm,
        comments.is_in_dm_scope and comments.has_dm_within_window and exists (
            select 1
            from conversations
            where conversations.channel = 'dm'
                and conversations.platform = comments.platform
                and conversations.customer_key = comments.customer_key
                and conversations.first_inbound_at >= comments.commented_at
                and conversations.first_inbound_at <= {{ dbt.dateadd('hour', window_hours, 'comments.commented_at') }}
                and conversations.is_lead
        ) as is_to_lead,
        exists (
            select 1
            from identity_links
            inner join conversions
                on identity_links.linked_id = conversions.order_id
            where identity_links.customer_key = comments.customer_key
                and conversions.converted_at >= comments.commented_at
                and conversions.converted_at <= {{ dbt.dateadd('day', lookback, 'comments.commented_at') }}
        ) as is_author_converted
    from comments

),

comment_parts as (

    select
        cast({{ dbt.date_trunc('month', 'comment_date') }} as date) as month,
        platform,
        campaign_tag,
        sum(case when is_in_dm_scope then 1 else 0 end) as comments_in_scope,
        sum(case when is_to_dm then 1 else 0 end) as comments_to_dm,
        sum(case when is_to_lead then 1 else 0 end) as comments_to_lead,
        sum(case when is_to_lead and is_author_converted then 1 else 0 end) as comments_to_sale
    from comment_stages
    group by 1, 2, 3

),

lead_orders as (

    select distinct conversations.conversation_key, path_steps.order_id
    from conversations
    inner join path_steps
        on conversations.conversation_key = path_steps.conversation_key
    where conversations.is_lead

),

lead_parts as (

    select
        cast({{ dbt.date_trunc('month', 'conversations.first_inbound_date') }} as date) as month,
        conversations.platform,
        conversations.campaign_tag,
        sum(case when conversations.is_lead then 1 else 0 end) as leads,
        count(distinct case when conversations.is_lead then lead_orders.conversation_key end) as converted_leads
    from conversations
    left join lead_orders
        on conversations.conversation_key = lead_orders.conversation_key
    group by 1, 2, 3

),

lead_revenue_parts as (

    select month, platform, campaign_tag, sum(revenue_amount) as converted_lead_revenue_amount
    from (
        select distinct
            cast({{ dbt.date_trunc('month', 'conversations.first_inbound_date') }} as date) as month,
            conversations.platform,
            conversations.campaign_tag,
            conversions.order_id,
            conversions.revenue_amount
        from lead_orders
        inner join conversations
            on lead_orders.conversation_key = conversations.conversation_key
        inner join conversions
            on lead_orders.order_id = conversions.order_id
    ) as lead_order_revenue
    group by 1, 2, 3

),

deal_contacts as (

    select deal_id, deal_amount, trim(contact_id) as contact_id
    from deals
    cross join unnest(string_split(regexp_replace(associated_contact_ids, '[;,]', ',', 'g'), ',')) as ids(contact_id)

),

won_deal_parts as (

    select month, platform, campaign_tag, count(*) as won_deals, sum(deal_amount) as won_deal_amount
    from (
        select distinct
            cast({{ dbt.date_trunc('month', 'conversations.first_inbound_date') }} as date) as month,
            conversations.platform,
            conversations.campaign_tag,
            deal_contacts.deal_id,
            deal_contacts.deal_amount
        from conversations
        inner join lead_contacts
            on conversations.conversation_key = lead_contacts.conversation_key
        inner join deal_contacts
            on lead_contacts.contact_id = deal_contacts.contact_id
        where conversations.is_lead
    ) as lead_deals
    group by 1, 2, 3

),

normalised as (

    {%- set parts = {
        'comment_parts': ['comments_in_scope', 'comments_to_dm', 'comments_to_lead', 'comments_to_sale'],
        'lead_parts': ['leads', 'converted_leads'],
        'lead_revenue_parts': ['converted_lead_revenue_amount'],
        'won_deal_parts': ['won_deals', 'won_deal_amount'],
    } %}
    {%- set all_measures = [] %}
    {%- for measures in parts.values() %}{% do all_measures.extend(measures) %}{% endfor %}
    {% for cte, measures in parts.items() %}
    select
        month,
        platform,
        coalesce(campaign_tag, '(none)') as campaign_tag,
        {%- for measure in all_measures %}
        {% if measure in measures %}{{ measure }}{% else %}null{% endif %} as {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ cte }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

summed as (

    select
        month,
        platform,
        campaign_tag,
        '{{ var("reporting_currency") }}' as currency_code,
        cast(coalesce(sum(comments_in_scope), 0) as {{ dbt.type_bigint() }}) as comments_in_scope,
        cast(coalesce(sum(comments_to_dm), 0) as {{ dbt.type_bigint() }}) as comments_to_dm,
        cast(coalesce(sum(comments_to_lead), 0) as {{ dbt.type_bigint() }}) as comments_to_lead,
        cast(coalesce(sum(comments_to_sale), 0) as {{ dbt.type_bigint() }}) as comments_to_sale,
        cast(coalesce(sum(leads), 0) as {{ dbt.type_bigint() }}) as leads,
        cast(coalesce(sum(converted_leads), 0) as {{ dbt.type_bigint() }}) as converted_leads,
        cast(coalesce(sum(converted_lead_revenue_amount), 0) as decimal(18, 2)) as converted_lead_revenue_amount,
        cast(coalesce(sum(won_deals), 0) as {{ dbt.type_bigint() }}) as won_deals,
        cast(coalesce(sum(won_deal_amount), 0) as decimal(18, 2)) as won_deal_amount
    from normalised
    group by month, platform, campaign_tag

),

final as (

    select
        summed.*,
        {{ safe_divide('comments_to_dm', 'comments_in_scope') }} as comment_to_dm_rate,
        {{ safe_divide('comments_to_lead', 'comments_to_dm') }} as dm_to_lead_rate,
        {{ safe_divide('comments_to_sale', 'comments_to_lead') }} as lead_to_sale_rate,
        {{ safe_divide('comments_to_sale', 'comments_in_scope') }} as comment_to_sale_rate,
        {{ safe_divide('converted_leads', 'leads') }} as lead_conversion_rate,
        {{ safe_divide('converted_lead_revenue_amount', 'leads') }} as revenue_per_lead
    from summed

)

select * from final
