-- One row per alert rule × severity × scope (settings folder, alert_rules.csv; without the file, the spec's
-- defaults written by the load). An empty platform or language means every one.
with

source as (

    {{ staged_source('settings', 'alert_rules', [
        ['rule', 'string'], ['threshold', 'float'], ['severity', 'string'], ['platform', 'string'],
        ['language', 'string'], ['min_volume', 'bigint'], ['note', 'string'],
    ]) }}

)

select
    rule,
    threshold,
    severity,
    nullif(lower(trim(platform)), '') as platform,
    nullif(trim(language), '') as language,
    cast(coalesce(min_volume, 1) as {{ dbt.type_int() }}) as min_volume,
    note
from source
