-- One row per SLA policy (settings folder, sla_policies.csv); empty effective dates mean "always".
with

source as (

    {{ staged_source('settings', 'sla_policies', [
        ['sla_policy_id', 'string'], ['queue_id', 'string'], ['channel', 'string'], ['priority', 'string'],
        ['language', 'string'], ['first_response_target_min', 'bigint'], ['resolution_target_min', 'bigint'],
        ['effective_from', 'date'], ['effective_to', 'date'],
    ]) }}

)

select sla_policy_id, queue_id, channel, priority, language,
    cast(first_response_target_min as {{ dbt.type_int() }}) as first_response_target_min,
    cast(resolution_target_min as {{ dbt.type_int() }}) as resolution_target_min,
    effective_from, effective_to
from source
