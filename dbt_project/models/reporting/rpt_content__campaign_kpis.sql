-- One row per campaign × platform × content KPI (kpis.md §1), each rate with numerator and denominator: the
-- campaign's posts with their lifetime figures as of the latest data, and the reply rate of the comments
-- tagged with the campaign. A post's campaign: the export's (LinkedIn), else the campaign its interaction
-- events are tagged with, else `untagged` (dim_posts).
with

kpi_rows as (

    {{ kpi_rows(['platform', 'campaign'], include_date=false, facts=['fct_post_daily', 'fct_comments'],
                kpis=content_kpis() | map(attribute='kpi') | list + ['comment_reply_rate']) }}

),

final as (

    {{ content_benchmarks('kpi_rows') }}

)

select * from final
