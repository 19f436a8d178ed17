-- One row per queue × weekday × open interval × calendar version (settings folder, business_calendars.csv).
-- An empty effective_from means "from the beginning of time", an empty effective_to "still in force".
with

source as (

    {{ staged_source('settings', 'business_calendars', [
        ['queue_id', 'string'], ['time_zone', 'string'], ['weekday', 'bigint'], ['open_time', 'string'],
        ['close_time', 'string'], ['effective_from', 'date'], ['effective_to', 'date'],
    ]) }}

)

select queue_id, time_zone, cast(weekday as {{ dbt.type_int() }}) as weekday, open_time, close_time,
    effective_from, effective_to
from source
