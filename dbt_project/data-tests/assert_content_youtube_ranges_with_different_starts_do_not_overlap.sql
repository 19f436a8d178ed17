-- YouTube exports hold totals over their date range. Ranges that share a start are cumulative and handled;
-- two ranges of one video with DIFFERENT starts that overlap would add the overlap twice (DECISIONLOG.md).
-- Warns with the pairs, so whoever downloads the exports can replace one of them.
{{ config(severity='warn') }}

with

ranges as (

    select distinct platform, post_id, segment_start_on, observed_on
    from {{ ref('int_content__post_observations_unioned') }}
    where observation_kind = 'range'

)

select
    earlier.post_id,
    earlier.segment_start_on as earlier_start_on,
    earlier.observed_on as earlier_end_on,
    later.segment_start_on as later_start_on,
    later.observed_on as later_end_on
from ranges as earlier
inner join ranges as later
    on earlier.platform = later.platform
    and earlier.post_id = later.post_id
    and earlier.segment_start_on < later.segment_start_on
    and later.segment_start_on <= earlier.observed_on
