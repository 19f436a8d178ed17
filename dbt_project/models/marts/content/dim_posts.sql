-- One row per post on any platform: what it is (type, content type, campaign, duration, publish date) from
-- its latest observation (its account too), and that account's followers on its publish date (the nearest earlier day with a
-- known level, so a post's engagement rate by followers does not drift as the account grows).
-- Captions and titles are dropped here: they can name customers (`@handle` mentions).
with

observations as (

    select * from {{ ref('int_content__post_observations_unioned') }}

),

interaction_events as (

    select platform, content_id, campaign_tag
    from {{ ref('stg_events__interaction_events') }}
    where content_id is not null and campaign_tag is not null

),

accounts as (

    select platform, account, metric_date, followers
    from {{ ref('fct_account_daily') }}
    where followers is not null

),

content_types as (

    select platform, post_type, content_type
    from {{ ref('content_types') }}

),

latest_observations as (

    select *
    from (
        select
            *,
            row_number() over (
                partition by platform, post_id order by observed_on desc, loaded_at desc, source_file desc
            ) as observation_rank
        from observations
    ) as ranked
    where observation_rank = 1

),

observation_spans as (

    select
        platform,
        post_id,
        min(observed_on) as first_observed_on,
        max(observed_on) as last_observed_on,
        count(*) as observations,
        max(export_campaign) as export_campaign
    from observations
    group by platform, post_id

),

event_campaigns as (

    select platform, content_id as post_id, campaign_tag
    from (
        select
            platform,
            content_id,
            campaign_tag,
            row_number() over (
                partition by platform, content_id order by count(*) desc, campaign_tag
            ) as campaign_rank
        from interaction_events
        group by platform, content_id, campaign_tag
    ) as ranked
    where campaign_rank = 1

),

posts as (

    select
        latest_observations.platform,
        latest_observations.post_id,
        latest_observations.account,
        latest_observations.account_id,
        latest_observations.published_on,
        latest_observations.post_type,
        coalesce(content_types.content_type, 'other') as content_type,
        coalesce(observation_spans.export_campaign, event_campaigns.campaign_tag, 'untagged') as campaign,
        case
            when observation_spans.export_campaign is not null then 'export'
            when event_campaigns.campaign_tag is not null then 'interaction_events'
        end as campaign_source,
        latest_observations.permalink,
        latest_observations.duration_s,
        latest_observations.views_reported_as,
        latest_observations.shares_reported_as,
        observation_spans.first_observed_on,
        observation_spans.last_observed_on,
        observation_spans.observations
    from latest_observations
    inner join observation_spans
        on latest_observations.platform = observation_spans.platform
        and latest_observations.post_id = observation_spans.post_id
    left join event_campaigns
        on latest_observations.platform = event_campaigns.platform
        and latest_observations.post_id = event_campaigns.post_id
    left join content_types
        on latest_observations.platform = content_types.platform
        and latest_observations.post_type = content_types.post_type

),

followers_at_publish as (

    select
        posts.platform,
        posts.post_id,
        max(accounts.metric_date) as followers_as_of_date
    from posts
    inner join accounts
        on posts.platform = accounts.platform
        and posts.account = accounts.account
        and accounts.metric_date <= posts.published_on
    group by posts.platform, posts.post_id

),

final as (

    select
        posts.*,
        accounts.followers as followers_at_publish,
        followers_at_publish.followers_as_of_date
    from posts
    left join followers_at_publish
        on posts.platform = followers_at_publish.platform
        and posts.post_id = followers_at_publish.post_id
    left join accounts
        on followers_at_publish.platform = accounts.platform
        and posts.account = accounts.account
        and followers_at_publish.followers_as_of_date = accounts.metric_date

)

select * from final
