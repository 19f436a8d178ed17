-- One row per post (platform, content_id) × comment date (team time zone): its comments' sentiment and the
-- escalation flag. kpis.md §3: a post whose comments' negative share exceeds the alert threshold in a day is
-- flagged (var `negative_share_alert_threshold`, default 5 %, strictly above: exactly 5 % is not flagged).
-- Comments without a content_id cannot be put on a post and are left out.
with

comments as (

    select
        platform,
        content_id,
        comment_date,
        is_sentiment_labelled,
        is_negative
    from {{ ref('fct_comments') }}
    where content_id is not null

),

aggregated as (

    select
        platform,
        content_id,
        comment_date,
        count(*) as comments,
        sum(case when is_sentiment_labelled then 1 else 0 end) as labelled_comments,
        sum(case when is_negative then 1 else 0 end) as negative_comments
    from comments
    group by platform, content_id, comment_date

),

final as (

    select
        platform,
        content_id,
        comment_date,
        comments,
        labelled_comments,
        negative_comments,
        {{ safe_divide('negative_comments', 'labelled_comments') }} as negative_share,
        coalesce(
            {{ safe_divide('negative_comments', 'labelled_comments') }}
                > {{ var('negative_share_alert_threshold') }},
            false
        ) as is_flagged_for_escalation
    from aggregated

)

select * from final
