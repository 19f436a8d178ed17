-- One row per goal × KPI × scope (settings folder, goals.csv; none by default). Validated at load (kind,
-- dates, target against a given baseline); the KPI id and the scope are judged against the registry in
-- int_goals__checked. An empty scope cell means "all".
with

source as (

    {{ staged_source('settings', 'goals', [
        ['goal_id', 'string'], ['kpi', 'string'], ['kind', 'string'], ['platform', 'string'],
        ['language', 'string'], ['channel', 'string'], ['intent', 'string'], ['baseline', 'float'],
        ['improvement_pct', 'float'], ['target', 'float'], ['start_date', 'date'], ['deadline', 'date'],
        ['window_days', 'bigint'], ['owner', 'string'], ['backup_owner', 'string'], ['description', 'string'],
    ]) }}

)

select
    goal_id,
    kpi,
    kind,
    nullif(lower(trim(platform)), '') as platform,
    nullif(trim(language), '') as language,
    nullif(lower(trim(channel)), '') as channel,
    nullif(trim(intent), '') as intent,
    baseline,
    improvement_pct,
    target,
    start_date,
    deadline,
    cast(coalesce(window_days, 30) as {{ dbt.type_int() }}) as window_days,
    owner,
    nullif(trim(backup_owner), '') as backup_owner,
    description
from source
