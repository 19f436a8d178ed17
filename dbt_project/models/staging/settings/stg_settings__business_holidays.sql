-- One row per queue × closed local date: the `holidays` package's list for the queue's region plus the
-- user's additions, minus the user's removals (expanded by the load step for the years the events cover).
with

source as (

    {{ staged_source('settings', 'business_holidays', [
        ['queue_id', 'string'], ['holiday_date', 'date'], ['holiday_name', 'string'], ['holiday_source', 'string'],
    ]) }}

)

select queue_id, holiday_date, holiday_name, holiday_source
from source
