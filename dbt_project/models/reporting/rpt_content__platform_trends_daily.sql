-- One row per platform × day × window (1, 7 or 30 days ending that day) × trend KPI: what HAPPENED on the
-- platform in the window (the increments of every post, whatever its publish date; posts published in it;
-- the followers gained), each rate with numerator and denominator from the one registry formula, and its
-- change against the same window a week earlier (`week_over_week_change`: for the 7-day window this is
-- week over week) and against the window of the same length just before (`previous_window_change`).
-- Changes are relative (this ÷ before − 1), never percentage points (kpis.md §9).
{%- set windows = [1, 7, 30] %}
{%- set trend_kpis = ['posts', 'engagements', 'engagement_rate_impressions', 'engagement_rate_views',
                      'engagement_rate_reach', 'comment_rate', 'ctr', 'followers', 'follower_growth',
                      'follower_growth_rate'] %}
{%- set flags = ['has_followers_at_publish', 'reports_engagements'] %}
{%- for metric in content_metrics() %}{% do flags.append('reports_' ~ metric) %}{% endfor %}
{%- set sums = ['posts', 'followers_at_publish', 'engagements', 'engagements_lcs', 'play_duration_s'] + content_metrics() %}

with

post_days as (

    select * from {{ ref('fct_post_daily') }}

),

account_days as (

    select platform, account, metric_date, followers, follower_change, followers_at_day_start
    from {{ ref('fct_account_daily') }}

),

platform_days as (

    select
        platform,
        metric_date,
        {{ flags | join(', ') }},
        {% for column in sums %}sum({{ column }}) as {{ column }}{{ ',' if not loop.last }}
        {% endfor %}
    from post_days
    group by platform, metric_date, {{ flags | join(', ') }}

),

spans as (

    select platform, min(metric_date) as first_date, max(metric_date) as last_date
    from (
        select platform, metric_date from account_days
        union all
        select platform, metric_date from platform_days
    ) as days
    group by platform

),

spine as (

    {{ day_spine('spans', date_name='window_end_date') }}

),

windows as (

    {% for window in windows %}
    select platform, window_end_date, {{ window }} as window_days from spine
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

post_window_rows as (

    select windows.window_days, windows.window_end_date, platform_days.*
    from windows
    inner join platform_days
        on windows.platform = platform_days.platform
        and platform_days.metric_date <= windows.window_end_date
        and platform_days.metric_date > {{ dbt.dateadd('day', '0 - windows.window_days', 'windows.window_end_date') }}

),

account_window_rows as (

    select windows.window_days, windows.window_end_date, account_days.*
    from windows
    inner join account_days
        on windows.platform = account_days.platform
        and account_days.metric_date <= windows.window_end_date
        and account_days.metric_date > {{ dbt.dateadd('day', '0 - windows.window_days', 'windows.window_end_date') }}

),

account_period_rows as (

    {{ kpi_period_flags('account_window_rows', 'metric_date', ['platform', 'account', 'window_days', 'window_end_date']) }}

),

kpi_rows as (

    {{ kpi_rows(['platform'], include_date=false, extra_columns=['window_days', 'window_end_date'],
                kpis=trend_kpis,
                relations={'fct_post_daily': 'post_window_rows', 'fct_account_daily': 'account_period_rows'}) }}

),

spined as (

    select
        windows.platform,
        windows.window_end_date,
        windows.window_days,
        kpis.kpi
    from windows
    cross join (select distinct kpi, unit from kpi_rows) as kpis

),

filled as (

    select
        spined.platform,
        spined.window_end_date,
        spined.window_days,
        spined.kpi,
        kpi_rows.value,
        kpi_rows.numerator,
        kpi_rows.denominator,
        kpi_rows.unit
    from spined
    left join kpi_rows
        on spined.platform = kpi_rows.platform
        and spined.window_end_date = kpi_rows.window_end_date
        and spined.window_days = kpi_rows.window_days
        and spined.kpi = kpi_rows.kpi

),

final as (

    select
        current_rows.*,
        week_before.value as week_before_value,
        {{ safe_divide('current_rows.value', 'week_before.value') }} - 1 as week_over_week_change,
        window_before.value as previous_window_value,
        {{ safe_divide('current_rows.value', 'window_before.value') }} - 1 as previous_window_change
    from filled as current_rows
    left join filled as week_before
        on current_rows.platform = week_before.platform
        and current_rows.window_days = week_before.window_days
        and current_rows.kpi = week_before.kpi
        and week_before.window_end_date = {{ dbt.dateadd('day', -7, 'current_rows.window_end_date') }}
    left join filled as window_before
        on current_rows.platform = window_before.platform
        and current_rows.window_days = window_before.window_days
        and current_rows.kpi = window_before.kpi
        and window_before.window_end_date = {{ dbt.dateadd('day', '0 - current_rows.window_days', 'current_rows.window_end_date') }}

)

select * from final
