-- Every post type a platform reports has a row in seed `content_types` (an unmapped one is grouped as
-- `other`). Warns with the platform and post type to add.
{{ config(severity='warn') }}

select platform, post_type, count(*) as posts
from {{ ref('dim_posts') }}
where content_type = 'other'
group by platform, post_type
