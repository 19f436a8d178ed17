-- A queue's open intervals never overlap (two calendar rows in force on the same day with crossing hours
-- would count those minutes twice), and the generated calendar reaches past the data's as-of instant (it
-- starts before the first inbound by construction; it stops short only if var business_hours_max_days is
-- smaller than the data's span).
with

intervals as (

    select
        queue_id,
        opens_at,
        closes_at,
        lag(closes_at) over (partition by queue_id order by opens_at) as previous_closes_at
    from {{ ref('int_business_hours_intervals') }}

),

overlapping as (

    select queue_id, opens_at, 'overlaps the previous interval' as problem
    from intervals
    where opens_at < previous_closes_at or closes_at <= opens_at

),

coverage as (

    select
        (select max(closes_at) from intervals) as last_closes_at,
        (select max(as_of_at) from {{ ref('int_conversations_business_durations') }}) as as_of_at

),

not_covered as (

    select cast(null as {{ dbt.type_string() }}) as queue_id, last_closes_at as opens_at,
        'the generated calendar stops before the as-of instant' as problem
    from coverage
    where as_of_at is not null and (last_closes_at is null or last_closes_at < as_of_at)

)

select * from overlapping
union all
select * from not_covered
