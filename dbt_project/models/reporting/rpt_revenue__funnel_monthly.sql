-- One row per month × platform × campaign: the five funnel stages of kpis.md §5 with their volumes and the
-- conversion rate from each stage to the next (ratios of sums, numerators and denominators kept):
--   awareness      impressions, reach (content; campaign `(none)`: content carries no campaign)
--   engagement     engagements (likes + comments + shares + saves)          rate: ÷ impressions
--   consideration  conversations (DM and comment threads), DMs, comments, FRT  rate: conversations ÷ engagements
--   conversion     attributed conversions (var roi_attribution_model), assisted conversions, promo redemptions
--                                                                            rate: attributed conversions ÷ conversations
--   retention      attributed conversions followed by another order of the customer within var
--                  retention_window_days; customers with 2+ DM conversations in the month; CSAT of DMs
--                                                                            rate: repeat conversions ÷ attributed conversions
{%- set window = var('retention_window_days') %}

with

post_days as (

    select platform, metric_date, impressions, views, reach, engagements
    from {{ ref('fct_post_daily') }}

),

content_reach as (

    -- awareness and engagement: what the brand's posts gained in the month (the content facts' per-day
    -- increments, so these agree with the content KPIs); impressions, or views where a platform reports none
    select
        cast({{ dbt.date_trunc('month', 'metric_date') }} as date) as month,
        platform,
        cast(sum(coalesce(impressions, views)) as {{ dbt.type_bigint() }}) as impressions,
        cast(sum(reach) as {{ dbt.type_bigint() }}) as reach,
        cast(sum(engagements) as {{ dbt.type_bigint() }}) as engagements
    from post_days
    group by 1, 2

),

conversations as (

    select platform, channel, campaign_tag, customer_key, first_inbound_date, frt_any_min, csat_score
    from {{ ref('fct_conversations') }}

),

comments as (

    select platform, campaign_tag, comment_date
    from {{ ref('fct_comments') }}

),

credits as (

    select order_id, conversion_month, platform, campaign_tag, credit
    from {{ ref('fct_attribution_credits') }}
    where attribution_model = '{{ var("roi_attribution_model") }}'

),

conversions as (

    select order_id, converted_at, customer_email_hash, is_assisted
    from {{ ref('fct_conversions') }}

),

roi_monthly as (

    select month, platform, campaign_tag, promo_code_redemptions
    from {{ ref('fct_roi_monthly') }}

),

repeated as (

    select
        conversions.order_id,
        exists (
            select 1
            from conversions as later
            where later.customer_email_hash = conversions.customer_email_hash
                and later.converted_at > conversions.converted_at
                and later.converted_at <= {{ dbt.dateadd('day', window, 'conversions.converted_at') }}
        ) as is_repeated
    from conversions

),

conversation_parts as (

    select
        cast({{ dbt.date_trunc('month', 'first_inbound_date') }} as date) as month,
        platform,
        campaign_tag,
        count(*) as conversations,
        sum(case when channel = 'dm' then 1 else 0 end) as dm_conversations,
        sum(frt_any_min) as frt_any_total_min,
        count(frt_any_min) as responded_conversations,
        sum(case when channel = 'dm' then csat_score end) as dm_csat_total,
        count(case when channel = 'dm' then csat_score end) as dm_csat_ratings
    from conversations
    group by 1, 2, 3

),

repeat_dm_parts as (

    select month, platform, campaign_tag, count(*) as repeat_dm_customers
    from (
        select
            cast({{ dbt.date_trunc('month', 'first_inbound_date') }} as date) as month,
            platform,
            min(campaign_tag) as campaign_tag,
            customer_key
        from conversations
        where channel = 'dm' and customer_key is not null
        group by 1, 2, customer_key
        having count(*) >= 2
    ) as repeaters
    group by 1, 2, 3

),

comment_parts as (

    select
        cast({{ dbt.date_trunc('month', 'comment_date') }} as date) as month,
        platform,
        campaign_tag,
        count(*) as comments
    from comments
    group by 1, 2, 3

),

credit_parts as (

    select
        credits.conversion_month as month,
        credits.platform,
        credits.campaign_tag,
        sum(credits.credit) as attributed_conversions,
        sum(case when conversions.is_assisted then credits.credit else 0 end) as assisted_conversions,
        sum(case when repeated.is_repeated then credits.credit else 0 end) as repeat_conversions
    from credits
    inner join conversions
        on credits.order_id = conversions.order_id
    inner join repeated
        on credits.order_id = repeated.order_id
    group by 1, 2, 3

),

normalised as (

    {%- set parts = {
        'content_reach': ['impressions', 'reach', 'engagements'],
        'conversation_parts': ['conversations', 'dm_conversations', 'frt_any_total_min', 'responded_conversations', 'dm_csat_total', 'dm_csat_ratings'],
        'repeat_dm_parts': ['repeat_dm_customers'],
        'comment_parts': ['comments'],
        'credit_parts': ['attributed_conversions', 'assisted_conversions', 'repeat_conversions'],
        'roi_monthly': ['promo_code_redemptions'],
    } %}
    {%- set all_measures = [] %}
    {%- for measures in parts.values() %}{% do all_measures.extend(measures) %}{% endfor %}
    {% for cte, measures in parts.items() %}
    select
        month,
        coalesce(nullif(platform, '(all)'), '(none)') as platform,
        {% if cte == 'content_reach' %}'(none)'{% else %}coalesce(nullif(nullif(campaign_tag, ''), 'evergreen'), '(none)'){% endif %} as campaign_tag,
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
        cast(sum(impressions) as {{ dbt.type_bigint() }}) as impressions,
        cast(sum(reach) as {{ dbt.type_bigint() }}) as reach,
        cast(sum(engagements) as {{ dbt.type_bigint() }}) as engagements,
        cast(coalesce(sum(conversations), 0) as {{ dbt.type_bigint() }}) as conversations,
        cast(coalesce(sum(dm_conversations), 0) as {{ dbt.type_bigint() }}) as dm_conversations,
        cast(coalesce(sum(comments), 0) as {{ dbt.type_bigint() }}) as comments,
        cast(coalesce(sum(frt_any_total_min), 0) as {{ type_double() }}) as frt_any_total_min,
        cast(coalesce(sum(responded_conversations), 0) as {{ dbt.type_bigint() }}) as responded_conversations,
        cast(coalesce(sum(attributed_conversions), 0) as {{ type_double() }}) as attributed_conversions,
        cast(coalesce(sum(assisted_conversions), 0) as {{ type_double() }}) as assisted_conversions,
        cast(coalesce(sum(promo_code_redemptions), 0) as {{ dbt.type_bigint() }}) as promo_code_redemptions,
        cast(coalesce(sum(repeat_conversions), 0) as {{ type_double() }}) as repeat_conversions,
        cast(coalesce(sum(repeat_dm_customers), 0) as {{ dbt.type_bigint() }}) as repeat_dm_customers,
        cast(coalesce(sum(dm_csat_total), 0) as {{ type_double() }}) as dm_csat_total,
        cast(coalesce(sum(dm_csat_ratings), 0) as {{ dbt.type_bigint() }}) as dm_csat_ratings
    from normalised
    group by month, platform, campaign_tag

),

final as (

    select
        summed.*,
        {{ safe_divide('engagements', 'impressions') }} as impression_to_engagement_rate,
        {{ safe_divide('conversations', 'engagements') }} as consideration_rate,
        {{ safe_divide('comments', 'impressions') }} as impression_to_comment_rate,
        {{ safe_divide('frt_any_total_min', 'responded_conversations') }} as frt_any_mean_min,
        {{ safe_divide('attributed_conversions', 'conversations') }} as conversion_rate,
        {{ safe_divide('repeat_conversions', 'attributed_conversions') }} as repeat_purchase_rate,
        {{ safe_divide('dm_csat_total', 'dm_csat_ratings') }} as dm_csat_mean
    from summed

)

select * from final
