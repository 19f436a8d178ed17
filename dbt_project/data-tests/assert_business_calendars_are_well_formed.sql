-- Every business calendar row opens before it closes on a real wall clock ('HH:MM', 00:00 … 24:00), and each
-- queue keeps one time zone (a queue's local dates must mean one thing).
with

business_calendars as (

    select queue_id, time_zone, weekday, open_time, close_time, effective_from
    from {{ ref('stg_settings__business_calendars') }}

),

badly_formed as (

    select queue_id, weekday, open_time, close_time, 'clock not HH:MM, or closes before it opens' as problem
    from business_calendars
    where open_time not like '__:__'
        or close_time not like '__:__'
        or {{ clock_minutes('open_time') }} < 0
        or {{ clock_minutes('close_time') }} > 1440
        or {{ clock_minutes('close_time') }} <= {{ clock_minutes('open_time') }}

),

several_time_zones as (

    select queue_id, cast(null as {{ dbt.type_int() }}) as weekday, min(time_zone) as open_time,
        max(time_zone) as close_time, 'more than one time zone' as problem
    from business_calendars
    group by queue_id
    having count(distinct time_zone) > 1

)

select * from badly_formed
union all
select * from several_time_zones
