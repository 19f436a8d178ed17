-- One row per week or month × platform × content KPI (kpis.md §1), each rate with numerator and
-- denominator: the posts PUBLISHED in the period with their lifetime figures AS OF the period's end (a post
-- belongs to the period of its publish date), the comments received in it, and the account's followers
-- (level at the period's end, growth over it). With the platform's benchmark band and, for TikTok, the
-- creator tier by followers at the period's end.
{%- set periods = ['week', 'month'] %}

with

post_days as (

    select * from {{ ref('fct_post_daily') }}

),

account_days as (

    select * from {{ ref('fct_account_daily') }}

),

comments as (

    select * from {{ ref('fct_comments') }}

),

post_rows as (

    select * from ({{ rows_per_period('post_days', 'published_on', periods) }}) as per_period
    -- lifetime figures as of the period's end
    where (period_kind = 'week' and metric_date < {{ dbt.dateadd('day', 7, 'period_start') }})
        or (period_kind = 'month' and metric_date < {{ dbt.dateadd('month', 1, 'period_start') }})

),

account_rows as (

    {{ rows_per_period('account_days', 'metric_date', periods) }}

),

account_period_rows as (

    {{ kpi_period_flags('account_rows', 'metric_date', ['platform', 'account', 'period_kind', 'period_start']) }}

),

comment_rows as (

    {{ rows_per_period('comments', 'comment_date', periods) }}

),

kpi_rows as (

    {{ kpi_rows(['platform'], include_date=false, extra_columns=['period_kind', 'period_start'],
                kpis=content_kpis() | map(attribute='kpi') | list + account_kpis() | map(attribute='kpi') | list + ['comment_reply_rate'],
                relations={'fct_post_daily': 'post_rows', 'fct_account_daily': 'account_period_rows', 'fct_comments': 'comment_rows'}) }}

),

period_followers as (

    select period_kind, period_start, platform, value as followers_at_period_end
    from kpi_rows
    where kpi = 'followers'

),

with_followers as (

    select
        kpi_rows.*,
        period_followers.followers_at_period_end
    from kpi_rows
    left join period_followers
        on kpi_rows.period_kind = period_followers.period_kind
        and kpi_rows.period_start = period_followers.period_start
        and kpi_rows.platform = period_followers.platform

),

final as (

    {{ content_benchmarks('with_followers', 'followers_at_period_end') }}

)

select * from final
