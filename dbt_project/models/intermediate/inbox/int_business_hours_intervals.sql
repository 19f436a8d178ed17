-- One row per queue × open interval: when a team queue is open, as UTC instants, for every local date from
-- a little before the first event to well after the last (so deadlines after the last event exist). The
-- bounds come from the staged events (a cheap min/max), not from int_conversations_aggregated, whose
-- window functions would run again for every read of this view.
-- Rules (shared/spec/kpis.md §2, business hours), each written down in DECISIONLOG.md:
--   * each local day's window is built in the queue's time zone and converted to UTC on its own, so the
--     clocks' changes (Toronto falls back on 2026-11-01) move the UTC window, never the local hours;
--   * the calendar row in force on that local date is used (effective_from <= date < effective_to, an empty
--     effective_from meaning from the beginning of time, so data of any year has business hours): a
--     change applies from its date on, never retroactively, and a wait spanning it counts each part
--     under the schedule in force then;
--   * holidays (for the queue, or '*' for every queue) have no interval at all.
with

events as (

    select occurred_at
    from {{ ref('stg_events__interaction_events') }}

),

business_calendars as (

    select queue_id, time_zone, weekday, open_time, close_time, effective_from, effective_to
    from {{ ref('stg_settings__business_calendars') }}

),

business_holidays as (

    {#- expanded per queue by the load step (the holidays package for the queue's region, plus the user's
        additions, minus the removals); a '*' row, should one come, still closes every queue -#}
    select queue_id, holiday_date
    from {{ ref('stg_settings__business_holidays') }}

),

date_bounds as (

    {#- UTC dates, widened by whole days: a local date lies within a day of its UTC date in any zone; the
        end reaches past a pinned as-of instant (var inbox_as_of_at) too -#}
    {%- set last_event = 'max(occurred_at)' if var('inbox_as_of_at', none) is none
        else "greatest(max(occurred_at), cast('" ~ var('inbox_as_of_at') ~ "' as " ~ dbt.type_timestamp() ~ "))" %}
    select
        cast({{ dbt.dateadd('day', -var('business_hours_lead_days'), 'min(occurred_at)') }} as date) as first_date,
        cast({{ dbt.dateadd('day', var('business_hours_horizon_days'), last_event) }} as date) as last_date
    from events

),

day_numbers as (

    {{ dbt.generate_series(var('business_hours_max_days')) }}

),

local_dates as (

    select
        cast({{ dbt.dateadd('day', 'day_numbers.generated_number - 1', 'date_bounds.first_date') }} as date)
            as business_date
    from date_bounds
    cross join day_numbers
    where day_numbers.generated_number - 1 <= {{ dbt.datediff('date_bounds.first_date', 'date_bounds.last_date', 'day') }}

),

scheduled_days as (

    select
        business_calendars.queue_id,
        business_calendars.time_zone,
        local_dates.business_date,
        {{ clock_minutes('business_calendars.open_time') }} as open_minute,
        {{ clock_minutes('business_calendars.close_time') }} as close_minute
    from local_dates
    inner join business_calendars
        on {{ iso_weekday('local_dates.business_date') }} = business_calendars.weekday
        and (
            business_calendars.effective_from is null
            or local_dates.business_date >= business_calendars.effective_from
        )
        and (
            business_calendars.effective_to is null
            or local_dates.business_date < business_calendars.effective_to
        )

),

open_days as (

    select scheduled_days.*
    from scheduled_days
    left join business_holidays
        on scheduled_days.business_date = business_holidays.holiday_date
        and (business_holidays.queue_id = scheduled_days.queue_id or business_holidays.queue_id = '*')
    where business_holidays.holiday_date is null

),

local_windows as (

    select
        queue_id,
        time_zone,
        business_date,
        {{ dbt.dateadd('minute', 'open_minute', 'cast(business_date as ' ~ dbt.type_timestamp() ~ ')') }}
            as opens_local_at,
        {{ dbt.dateadd('minute', 'close_minute', 'cast(business_date as ' ~ dbt.type_timestamp() ~ ')') }}
            as closes_local_at
    from open_days

),

utc_windows as (

    select
        queue_id,
        business_date,
        time_zone,
        opens_local_at,
        closes_local_at,
        {{ local_to_utc('opens_local_at', tz_expression='time_zone') }} as opens_at,
        {{ local_to_utc('closes_local_at', tz_expression='time_zone') }} as closes_at
    from local_windows

),

final as (

    select
        queue_id,
        business_date,
        time_zone,
        opens_local_at,
        closes_local_at,
        opens_at,
        closes_at,
        {{ microseconds_between('opens_at', 'closes_at') }} as open_us
    from utc_windows

)

select * from final
