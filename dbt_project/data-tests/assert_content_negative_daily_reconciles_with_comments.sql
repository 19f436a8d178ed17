-- Every comment on a post is counted exactly once in rpt_content__negative_sentiment_daily, with the same
-- labelled and negative counts. A full outer join with NULL-safe comparison catches post-days missing on
-- either side.
with

from_facts as (

    select
        platform,
        content_id,
        comment_date,
        count(*) as comments,
        sum(case when is_sentiment_labelled then 1 else 0 end) as labelled_comments,
        sum(case when is_negative then 1 else 0 end) as negative_comments
    from {{ ref('fct_comments') }}
    where content_id is not null
    group by platform, content_id, comment_date

),

from_report as (

    select platform, content_id, comment_date, comments, labelled_comments, negative_comments
    from {{ ref('rpt_content__negative_sentiment_daily') }}

)

select
    coalesce(from_facts.platform, from_report.platform) as platform,
    coalesce(from_facts.content_id, from_report.content_id) as content_id,
    coalesce(from_facts.comment_date, from_report.comment_date) as comment_date,
    from_facts.comments as fact_comments,
    from_report.comments as report_comments
from from_facts
full outer join from_report
    on from_facts.platform = from_report.platform
    and from_facts.content_id = from_report.content_id
    and from_facts.comment_date = from_report.comment_date
where from_facts.comments is null
    or from_report.comments is null
    or from_facts.comments <> from_report.comments
    or from_facts.labelled_comments <> from_report.labelled_comments
    or from_facts.negative_comments <> from_report.negative_comments
