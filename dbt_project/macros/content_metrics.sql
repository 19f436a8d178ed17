{#- The additive content metrics every platform is conformed to (docs/content_metrics.md): each one is a
    count (whole seconds for watch time), so sums never depend on the order rows are added in. -#}
{% macro content_metrics() -%}
    {{ return(['impressions', 'reach', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks',
               'watch_time_s', 'plays', 'completions', 'follows']) }}
{%- endmacro %}
