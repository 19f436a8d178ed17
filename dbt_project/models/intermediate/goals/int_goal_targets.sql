-- One row per goal × KPI: the baseline and the target the goal is judged against. Baseline: goals.csv's, else
-- the KPI over the window_days (30 by default) before the start (`30d_before_start`). Target: goals.csv's,
-- else the spec's default method baseline × (1 + improvement_pct ÷ 100) (a relative_change goal always;
-- improvement_pct is signed: -70 for "−70 %"). The day the goal is judged on (`as_of_date`) is the deadline,
-- or the last data day when that comes first.
with

goals as (

    select * from {{ ref('int_goals') }}

),

values_before_start as (

    select values_.goal_kpi_key, values_.value
    from {{ ref('int_goal_kpi_values') }} as values_
    inner join goals
        on values_.goal_kpi_key = goals.goal_kpi_key
        and values_.value_date = {{ dbt.dateadd('day', -1, 'goals.start_date') }}

),

baselines as (

    select
        goals.*,
        coalesce(goals.baseline, values_before_start.value) as baseline_value,
        case when goals.baseline is not null then 'given' else '30d_before_start' end as baseline_source
    from goals
    left join values_before_start
        on goals.goal_kpi_key = values_before_start.goal_kpi_key

)

select
    goal_kpi_key,
    goal_id,
    kpi,
    kind,
    platform,
    language,
    channel,
    intent,
    baseline_value as baseline,
    baseline_source,
    improvement_pct,
    coalesce(target, baseline_value * (1 + improvement_pct / 100.0)) as target,
    start_date,
    deadline,
    window_days,
    owner,
    backup_owner,
    description,
    unit,
    last_data_date,
    case when deadline < last_data_date then deadline else last_data_date end as as_of_date
from baselines
