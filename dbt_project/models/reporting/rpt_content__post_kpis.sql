-- One row per post × content KPI: every KPI of kpis.md §1 for the post, from its lifetime figures as of the
-- latest data (and its comments' reply rate from the inbox), each rate with numerator and denominator, with
-- the post's benchmark band, TikTok creator tier (by followers at publish) and view-to-follower band.
with

posts as (

    select platform, post_id, published_on, campaign, content_type, followers_at_publish
    from {{ ref('dim_posts') }}

),

kpi_rows as (

    {{ kpi_rows(['platform', 'post_id'], include_date=false, facts=['fct_post_daily', 'fct_comments'],
                kpis=content_kpis() | map(attribute='kpi') | list + ['comment_reply_rate']) }}

),

post_kpis as (

    select
        posts.platform,
        posts.post_id,
        posts.published_on,
        posts.campaign,
        posts.content_type,
        posts.followers_at_publish,
        kpi_rows.kpi,
        kpi_rows.value,
        kpi_rows.numerator,
        kpi_rows.denominator,
        kpi_rows.unit
    from kpi_rows
    inner join posts
        on kpi_rows.platform = posts.platform
        and kpi_rows.post_id = posts.post_id

),

final as (

    {{ content_benchmarks('post_kpis', 'followers_at_publish') }}

)

select * from final
