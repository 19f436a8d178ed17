-- One row per content type × platform × content KPI (kpis.md §1), each rate with numerator and denominator:
-- the posts of that type (seed `content_types`) with their lifetime figures as of the latest data, and the
-- reply rate of the comments on them.
with

kpi_rows as (

    {{ kpi_rows(['platform', 'content_type'], include_date=false, facts=['fct_post_daily', 'fct_comments'],
                kpis=content_kpis() | map(attribute='kpi') | list + ['comment_reply_rate']) }}

),

final as (

    {{ content_benchmarks('kpi_rows') }}

)

select * from final
