-- One row per post × day: the day's increment of every content metric (int_content__post_metrics_incremented)
-- side by side, plus a row on the publish day of every post (its `posts` = 1 and its followers at publish),
-- so "posts published in a period" and "a post's lifetime figures at a date" are both sums of this table:
--   lifetime at date D  = Σ increments with metric_date ≤ D;
--   a period's activity = Σ increments with metric_date in the period.
-- `reports_<metric>` says whether the platform reported the metric for the post at all: KPIs that need a
-- metric the platform does not report are empty (NULL), never zero.
{%- set metrics = content_metrics() %}

with

increments as (

    select platform, post_id, metric, metric_date, increment
    from {{ ref('int_content__post_metrics_incremented') }}

),

posts as (

    select
        platform,
        account,
        post_id,
        published_on,
        campaign,
        content_type,
        duration_s,
        followers_at_publish
    from {{ ref('dim_posts') }}

),

increment_days as (

    select
        platform,
        post_id,
        metric_date,
        {% for metric in metrics %}
        sum(case when metric = '{{ metric }}' then increment end) as {{ metric }}{{ ',' if not loop.last }}
        {% endfor %}
    from increments
    group by platform, post_id, metric_date

),

publish_days as (

    select platform, post_id, published_on as metric_date
    from posts
    where published_on is not null

),

post_days as (

    select platform, post_id, metric_date from increment_days
    union
    select platform, post_id, metric_date from publish_days

),

reported_metrics as (

    select
        platform,
        post_id,
        {% for metric in metrics %}
        max(case when metric = '{{ metric }}' then 1 else 0 end) = 1 as reports_{{ metric }}{{ ',' if not loop.last }}
        {% endfor %}
    from increments
    group by platform, post_id

),

joined as (

    select
        post_days.platform,
        posts.account,
        post_days.post_id,
        post_days.metric_date,
        posts.published_on,
        posts.campaign,
        posts.content_type,
        post_days.metric_date = posts.published_on as is_publish_day,
        case when post_days.metric_date = posts.published_on then 1 else 0 end as posts,
        case when post_days.metric_date = posts.published_on then posts.followers_at_publish end as followers_at_publish,
        posts.followers_at_publish is not null as has_followers_at_publish,
        {% for metric in metrics %}
        increment_days.{{ metric }},
        coalesce(reported_metrics.reports_{{ metric }}, false) as reports_{{ metric }},
        {% endfor %}
        posts.duration_s
    from post_days
    inner join posts
        on post_days.platform = posts.platform
        and post_days.post_id = posts.post_id
    left join increment_days
        on post_days.platform = increment_days.platform
        and post_days.post_id = increment_days.post_id
        and post_days.metric_date = increment_days.metric_date
    left join reported_metrics
        on post_days.platform = reported_metrics.platform
        and post_days.post_id = reported_metrics.post_id

),

final as (

    select
        *,
        case
            when likes is not null or comments is not null or shares is not null or saves is not null
                then coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0)
        end as engagements,
        case
            when likes is not null or comments is not null or shares is not null
                then coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0)
        end as engagements_lcs,
        plays * duration_s as play_duration_s,
        reports_likes or reports_comments or reports_shares or reports_saves as reports_engagements
    from joined

)

select * from final
