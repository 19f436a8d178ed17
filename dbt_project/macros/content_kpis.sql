{#- Content and engagement KPIs (kpis.md §1), registered in kpi_registry(). Every rate is a ratio of sums
    over the posts in scope (Σ engagements ÷ Σ impressions), never an average of per-post rates, and counts
    only posts whose platform reports BOTH sides: a platform without impressions (TikTok, YouTube) is left
    out of the rates by impressions, which are empty for it, not zero. Facts: fct_post_daily (posts published
    in the period, lifetime figures at its end) and fct_account_daily (followers). -#}

{#- A ratio of two content measures, each counted only where the platform reports the other one. -#}
{#- Content figures are lifetime totals as the platforms restate them: a window that holds a correction can dip
    below 0, so their bounds warn rather than fail; shares of a whole (unit `ratio`) should stay within [0, 1]. -#}
{% macro _content_ratio(kpi, label, numerator, numerator_reported, denominator, denominator_reported, unit='ratio') -%}
    {{ return({
        'kpi': kpi, 'label': label, 'section': 'content', 'fact': 'fct_post_daily', 'aggregation': 'ratio',
        'numerator': 'case when ' ~ denominator_reported ~ ' then ' ~ numerator ~ ' end',
        'denominator': 'case when ' ~ numerator_reported ~ ' then ' ~ denominator ~ ' end',
        'unit': unit,
        'bounds': {'min': 0, 'max': 1 if unit == 'ratio' else none, 'severity': 'warning'}}) }}
{%- endmacro %}

{% macro content_kpis() -%}
    {%- set p = 'fct_post_daily' -%}
    {%- set warn_not_negative = {'min': 0, 'max': none, 'severity': 'warning'} -%}
    {{ return([
        {'kpi': 'posts', 'label': 'Posts published', 'section': 'content', 'fact': p, 'aggregation': 'sum', 'expression': 'posts', 'unit': 'posts'},
        {'kpi': 'engagements', 'label': 'Engagements (likes + comments + shares + saves)', 'section': 'content', 'fact': p, 'aggregation': 'total', 'expression': 'engagements', 'unit': 'engagements', 'bounds': warn_not_negative},
        {'kpi': 'engagements_lcs', 'label': 'Engagements without saves (likes + comments + shares)', 'section': 'content', 'fact': p, 'aggregation': 'total', 'expression': 'engagements_lcs', 'unit': 'engagements', 'bounds': warn_not_negative},
        _content_ratio('engagement_rate_impressions', 'Engagement rate by impressions (Meta: Views, which count repeat views as impressions did)', 'engagements', 'reports_engagements', 'impressions', 'reports_impressions'),
        _content_ratio('engagement_rate_followers', 'Engagement rate by followers (at publish)', 'engagements', 'reports_engagements', 'followers_at_publish', 'has_followers_at_publish'),
        _content_ratio('engagement_rate_reach', 'Engagement rate by reach', 'engagements', 'reports_engagements', 'reach', 'reports_reach'),
        _content_ratio('engagement_rate_views', 'Engagement rate by views', 'engagements', 'reports_engagements', 'views', 'reports_views'),
        _content_ratio('engagement_rate_views_lcs', 'Engagement rate by views, without saves (TikTok tiers)', 'engagements_lcs', 'reports_engagements', 'views', 'reports_views'),
        _content_ratio('comment_rate', 'Comment rate (comments ÷ impressions; Meta: Views)', 'comments', 'reports_comments', 'impressions', 'reports_impressions'),
        _content_ratio('ctr', 'Click-through rate (link clicks ÷ impressions; Meta: Views)', 'clicks', 'reports_clicks', 'impressions', 'reports_impressions'),
        dict(_content_ratio('frequency', 'Frequency (impressions ÷ reach; Meta: Views)', 'impressions', 'reports_impressions', 'reach', 'reports_reach', unit='times'), bounds={'min': 1, 'max': none, 'severity': 'warning'}),
        _content_ratio('comments_per_post', 'Comments per post', 'comments', 'reports_comments', 'posts', 'true', unit='comments'),
        _content_ratio('shares_per_post', 'Shares per post', 'shares', 'reports_shares', 'posts', 'true', unit='shares'),
        _content_ratio('views_per_post', 'Views per post', 'views', 'reports_views', 'posts', 'true', unit='views'),
        _content_ratio('avg_watch_time_s', 'Average watch time', 'watch_time_s', 'reports_watch_time_s', 'plays', 'reports_plays', unit='seconds'),
        _content_ratio('completion_rate', 'Completion rate', 'completions', 'reports_completions', 'plays', 'reports_plays'),
        _content_ratio('avg_watch_ratio', 'Average watch time ÷ video length', 'watch_time_s', 'reports_watch_time_s and duration_s > 0', 'play_duration_s', 'reports_plays and duration_s > 0'),
        _content_ratio('view_follower_ratio', 'Views ÷ followers (at publish)', 'views', 'reports_views', 'followers_at_publish', 'has_followers_at_publish', unit='times'),
    ]) }}
{%- endmacro %}

{#- Account KPIs over fct_account_daily: growth is the sum of the days' changes in the period, the rate
    divides it by the level at the start of the period's first day. -#}
{% macro account_kpis() -%}
    {%- set a = 'fct_account_daily' -%}
    {{ return([
        {'kpi': 'followers', 'label': 'Followers at the end of the period', 'section': 'content', 'fact': a, 'aggregation': 'total', 'expression': 'case when is_period_end then followers end', 'unit': 'followers'},
        {'kpi': 'follower_growth', 'label': 'Follower growth (end − start)', 'section': 'content', 'fact': a, 'aggregation': 'total', 'expression': 'follower_change', 'unit': 'followers', 'bounds': {'min': none, 'max': none, 'severity': none}},
        {'kpi': 'follower_growth_rate', 'label': 'Follower growth rate', 'section': 'content', 'fact': a, 'aggregation': 'ratio', 'numerator': 'case when followers is not null then follower_change end', 'denominator': 'case when is_period_start then followers_at_day_start end', 'unit': 'ratio', 'bounds': {'min': -1, 'max': none, 'severity': 'error'}},
    ]) }}
{%- endmacro %}
