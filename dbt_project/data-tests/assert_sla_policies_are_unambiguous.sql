-- Two SLA policies for the same queue × channel × priority × language are never in force on the same day
-- (the most-specific rule could not choose between them), and every target is positive. An empty
-- effective_from is the beginning of time, an empty effective_to no end.
with

policies as (

    select sla_policy_id, queue_id, channel, priority, language, first_response_target_min,
        resolution_target_min, effective_from, effective_to
    from {{ ref('stg_settings__sla_policies') }}

),

overlapping as (

    select earlier.sla_policy_id, later.sla_policy_id as other_policy_id, 'in force on the same days' as problem
    from policies as earlier
    inner join policies as later
        on earlier.queue_id = later.queue_id
        and earlier.channel = later.channel
        and earlier.priority = later.priority
        and earlier.language = later.language
        and earlier.sla_policy_id < later.sla_policy_id
        and (later.effective_to is null or earlier.effective_from is null or earlier.effective_from < later.effective_to)
        and (earlier.effective_to is null or later.effective_from is null or later.effective_from < earlier.effective_to)

),

not_positive as (

    select sla_policy_id, cast(null as {{ dbt.type_string() }}) as other_policy_id, 'target not positive' as problem
    from policies
    where first_response_target_min <= 0 or resolution_target_min <= 0

)

select * from overlapping
union all
select * from not_positive
