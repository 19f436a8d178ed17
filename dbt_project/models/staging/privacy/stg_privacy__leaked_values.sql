-- The personal values of the raw layer (user ids, e-mails, names, handles, phones, agent ids) that occur inside
-- a free-text field staging would otherwise pass on (campaign names, UTM values, promo codes, links, order
-- notes). macros/free_text.sql redacts a field holding one. Values of 6 characters or more count anywhere in
-- the field; shorter ones (a first name, a short id) only as the whole field, so "Lee" never redacts
-- "fall_sleeper". Lower-cased. A table: the staging models that read it are built once per run from it.
{{ config(materialized='table') }}

with

events as (
    {{ staged_source('events', 'events', [
        ['user_id', 'string'], ['agent_id', 'string'], ['contact_email', 'string'],
        ['campaign_tag', 'string'], ['template_id', 'string'], ['promo_code', 'string'],
        ['experiment_id', 'string'], ['variant', 'string'], ['tracked_url', 'string'],
    ]) }}
),

contacts as (
    {{ staged_source('hubspot', 'hubspot_contacts', [
        ['email', 'string'], ['first_name', 'string'], ['last_name', 'string'], ['phone_number', 'string'],
        ['instagram_handle', 'string'], ['tiktok_handle', 'string'], ['twitter_username', 'string'],
        ['linkedin_url', 'string'], ['contact_owner', 'string'],
        ['original_source', 'string'], ['original_source_drill_down_1', 'string'], ['latest_source', 'string'],
        ['first_touch_campaign', 'string'], ['last_touch_campaign', 'string'],
    ]) }}
),

deals as (
    {{ staged_source('hubspot', 'hubspot_deals', [['deal_owner', 'string'], ['pipeline', 'string']]) }}
),

order_lines as (
    {{ staged_source('shopify', 'shopify_order_lines', [
        ['email', 'string'], ['billing_name', 'string'], ['shipping_name', 'string'], ['billing_phone', 'string'],
        ['shipping_phone', 'string'], ['phone', 'string'], ['billing_street', 'string'],
        ['shipping_street', 'string'], ['discount_code', 'string'], ['source_name', 'string'],
        ['note_attributes', 'string'],
    ]) }}
),

journeys as (
    {{ staged_source('shopify', 'shopify_order_journeys', [
        ['first_visit_landing_page', 'string'], ['first_visit_referrer_url', 'string'],
        ['first_visit_source', 'string'], ['first_visit_utm_source', 'string'],
        ['first_visit_utm_medium', 'string'], ['first_visit_utm_campaign', 'string'],
        ['first_visit_utm_content', 'string'], ['last_visit_landing_page', 'string'],
        ['last_visit_referrer_url', 'string'], ['last_visit_source', 'string'],
        ['last_visit_utm_source', 'string'], ['last_visit_utm_medium', 'string'],
        ['last_visit_utm_campaign', 'string'], ['last_visit_utm_content', 'string'],
    ]) }}
),

costs as (
    {{ staged_source('costs', 'costs', [['campaign', 'string']]) }}
),

personal as (
    select distinct lower(trim(value)) as personal_value
    from (
        select unnest([user_id, ltrim(user_id, '@'), agent_id, contact_email]) as value from events
        union all
        select unnest([email, first_name, last_name, first_name || ' ' || last_name, phone_number,
            instagram_handle, ltrim(instagram_handle, '@'), tiktok_handle, ltrim(tiktok_handle, '@'),
            twitter_username, ltrim(twitter_username, '@'), linkedin_url, contact_owner]) from contacts
        union all
        select deal_owner from deals
        union all
        select unnest([email, billing_name, shipping_name, billing_phone, shipping_phone, phone,
            billing_street, shipping_street]) from order_lines
    ) as values_
    where value is not null and length(trim(value)) >= 3
),

free_text as (
    select distinct lower(value) as free_value
    from (
        select unnest([campaign_tag, template_id, promo_code, experiment_id, variant, tracked_url]) as value
        from events
        union all
        select unnest([original_source, original_source_drill_down_1, latest_source, first_touch_campaign,
            last_touch_campaign]) from contacts
        union all
        select pipeline from deals
        union all
        select unnest([discount_code, source_name, note_attributes]) from order_lines
        union all
        select unnest([first_visit_landing_page, first_visit_referrer_url, first_visit_source,
            first_visit_utm_source, first_visit_utm_medium, first_visit_utm_campaign, first_visit_utm_content,
            last_visit_landing_page, last_visit_referrer_url, last_visit_source, last_visit_utm_source,
            last_visit_utm_medium, last_visit_utm_campaign, last_visit_utm_content]) from journeys
        union all
        select campaign from costs
    ) as values_
    where value is not null
)

select distinct personal.personal_value
from personal
inner join free_text
    on (length(personal.personal_value) >= 6 and contains(free_text.free_value, personal.personal_value))
    or free_text.free_value = personal.personal_value
