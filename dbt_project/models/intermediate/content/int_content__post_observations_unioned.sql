-- Every platform's post observations on one column list. Several downloads can restate the same
-- observation (a re-export of the same day or range): the latest load wins, then the later file name.
with

unioned as (

    select * from {{ ref('int_instagram__posts_conformed') }}
    union all
    select * from {{ ref('int_facebook__posts_conformed') }}
    union all
    select * from {{ ref('int_tiktok__posts_conformed') }}
    union all
    select * from {{ ref('int_youtube__posts_conformed') }}
    union all
    select * from {{ ref('int_linkedin__posts_conformed') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by platform, post_id, observation_kind, observed_on, segment_start_on
            order by loaded_at desc, source_file desc
        ) as restatement_rank
    from unioned
    where post_id is not null and observed_on is not null

),

latest as (

    select * from ranked where restatement_rank = 1

)

select * from latest
