-- One row per piece of evidence (user × linked record × method × conversation) that links a social user (hashed platform user id) to a Shopify order or a
-- HubSpot contact, with its match method and confidence. Only exact signals count; nothing is inferred:
--   promo_code    a code sent in one conversation to one user, redeemed by one customer (high, score 1.0)
--   tracked_link  the order's journey / Note Attributes utm_content names the conversation the link was sent in (high, 0.95)
--   email         the e-mail captured on a lead equals the order's or the contact's e-mail, both hashed alike (high, 0.9)
--   handle        a contact's hashed handle equals the user's hashed id, where the id is the handle (medium, 0.6)
--   contact_email a user linked to a contact (email or handle) → that contact's e-mail on an order (medium, 0.6)
-- Evidence dated after the order (a code issued after it was redeemed) never links.

with

events as (

    select platform, conversation_id, customer_key, customer_handle_key, occurred_at, tracked_url, promo_code,
        contact_email_hash
    from {{ ref('stg_events__interaction_events') }}

),

orders as (

    select order_id, customer_email_hash, created_at, discount_code, utm_content_resolved
    from {{ ref('fct_orders') }}

),

contacts as (

    select contact_id, contact_email_hash, instagram_handle_hash, tiktok_handle_hash
    from {{ ref('stg_hubspot__contacts') }}

),

promo_issues as (

    select
        upper(trim(promo_code)) as promo_code,
        platform,
        conversation_id,
        customer_key,
        min(occurred_at) as issued_at
    from events
    where promo_code is not null and trim(promo_code) <> '' and customer_key is not null
    group by 1, 2, 3, 4

),

one_user_codes as (

    select promo_code
    from promo_issues
    group by promo_code
    having count(distinct customer_key) = 1 and count(distinct platform || ':' || conversation_id) = 1

),

one_customer_redemptions as (

    select discount_code as promo_code
    from orders
    where discount_code is not null
    group by discount_code
    having count(distinct coalesce(customer_email_hash, order_id)) = 1

),

promo_links as (

    select
        promo_issues.customer_key,
        promo_issues.platform,
        promo_issues.platform || ':' || promo_issues.conversation_id as conversation_key,
        'order' as linked_kind,
        orders.order_id as linked_id,
        'promo_code' as match_method,
        'high' as match_confidence,
        promo_issues.issued_at as evidence_at
    from promo_issues
    inner join one_user_codes
        on promo_issues.promo_code = one_user_codes.promo_code
    inner join one_customer_redemptions
        on promo_issues.promo_code = one_customer_redemptions.promo_code
    inner join orders
        on promo_issues.promo_code = orders.discount_code
        and orders.created_at >= promo_issues.issued_at

),

tracked_links_sent as (

    select
        platform,
        conversation_id,
        customer_key,
        min(occurred_at) as sent_at
    from events
    where tracked_url is not null
        and customer_key is not null
        and regexp_extract(tracked_url, '[?&]utm_content=([^&#]+)', 1) = conversation_id
    group by 1, 2, 3

),

tracked_link_links as (

    select
        tracked_links_sent.customer_key,
        tracked_links_sent.platform,
        tracked_links_sent.platform || ':' || tracked_links_sent.conversation_id as conversation_key,
        'order' as linked_kind,
        orders.order_id as linked_id,
        'tracked_link' as match_method,
        'high' as match_confidence,
        tracked_links_sent.sent_at as evidence_at
    from tracked_links_sent
    inner join orders
        on orders.utm_content_resolved = tracked_links_sent.conversation_id
        and orders.created_at >= tracked_links_sent.sent_at

),

lead_emails as (

    select
        customer_key,
        platform,
        conversation_id,
        contact_email_hash,
        min(occurred_at) as captured_at
    from events
    where contact_email_hash is not null and customer_key is not null
    group by 1, 2, 3, 4

),

email_order_links as (

    select
        lead_emails.customer_key,
        lead_emails.platform,
        lead_emails.platform || ':' || lead_emails.conversation_id as conversation_key,
        'order' as linked_kind,
        orders.order_id as linked_id,
        'email' as match_method,
        'high' as match_confidence,
        lead_emails.captured_at as evidence_at
    from lead_emails
    inner join orders
        on lead_emails.contact_email_hash = orders.customer_email_hash

),

email_contact_links as (

    select
        lead_emails.customer_key,
        lead_emails.platform,
        lead_emails.platform || ':' || lead_emails.conversation_id as conversation_key,
        'contact' as linked_kind,
        contacts.contact_id as linked_id,
        'email' as match_method,
        'high' as match_confidence,
        lead_emails.captured_at as evidence_at
    from lead_emails
    inner join contacts
        on lead_emails.contact_email_hash = contacts.contact_email_hash

),

user_handles as (

    select
        customer_key,
        platform,
        customer_handle_key,
        min(occurred_at) as first_seen_at
    from events
    where customer_handle_key is not null and platform in ('instagram', 'tiktok')
    group by 1, 2, 3

),

handle_contact_links as (

    select
        user_handles.customer_key,
        user_handles.platform,
        cast(null as {{ dbt.type_string() }}) as conversation_key,
        'contact' as linked_kind,
        contacts.contact_id as linked_id,
        'handle' as match_method,
        'medium' as match_confidence,
        user_handles.first_seen_at as evidence_at
    from user_handles
    inner join contacts
        on (user_handles.platform = 'instagram' and user_handles.customer_handle_key = contacts.instagram_handle_hash)
        or (user_handles.platform = 'tiktok' and user_handles.customer_handle_key = contacts.tiktok_handle_hash)

),

contact_links as (

    select * from email_contact_links
    union all
    select * from handle_contact_links

),

contact_order_links as (

    select
        contact_links.customer_key,
        contact_links.platform,
        contact_links.conversation_key,
        'order' as linked_kind,
        orders.order_id as linked_id,
        'contact_email' as match_method,
        contact_links.match_confidence,
        contact_links.evidence_at
    from contact_links
    inner join contacts
        on contact_links.linked_id = contacts.contact_id
    inner join orders
        on contacts.contact_email_hash = orders.customer_email_hash
    -- the direct e-mail link already covers a lead whose own e-mail is on the order
    where contact_links.match_method = 'handle'

),

unioned as (

    select * from promo_links
    union all
    select * from tracked_link_links
    union all
    select * from email_order_links
    union all
    select * from contact_links
    union all
    select * from contact_order_links

),

final as (

    select
        {{ dbt.hash(dbt.concat(["customer_key", "'|'", "linked_kind", "'|'", "linked_id", "'|'", "match_method",
            "'|'", "coalesce(conversation_key, '')"])) }} as identity_link_key,
        customer_key,
        platform,
        conversation_key,
        linked_kind,
        linked_id,
        match_method,
        match_confidence,
        case match_method
            when 'promo_code' then 1.0
            when 'tracked_link' then 0.95
            when 'email' then 0.9
            else 0.6
        end as match_score,
        min(evidence_at) as evidence_at
    from unioned
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9

)

select * from final
