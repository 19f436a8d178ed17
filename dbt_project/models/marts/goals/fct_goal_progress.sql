-- One row per goal × KPI, judged as of the last data day (or the deadline, when it has passed): the goal mart
-- the one-pager reads. The row is the goal's snapshot of that day in fct_goal_progress_daily (the same
-- computation and status rule); its free-text description stays in goals.csv (marts hold no free text: the
-- personal-data guard); a goal whose start is after the last data day is `not_started`, with its
-- given baseline and target but no current value. goal_status judges the goal across its KPIs.
with

targets as (

    select * from {{ ref('int_goal_targets') }}

),

snapshots as (

    select * from {{ ref('fct_goal_progress_daily') }}

),

per_kpi as (

    select
        targets.goal_id,
        targets.kpi,
        targets.platform,
        targets.language,
        targets.channel,
        targets.intent,
        targets.baseline,
        targets.baseline_source,
        targets.target,
        targets.improvement_pct,
        targets.start_date,
        targets.deadline,
        targets.owner,
        targets.backup_owner,
        targets.kind,
        targets.window_days,
        targets.unit,
        targets.as_of_date,
        snapshots.current_value,
        snapshots.progress,
        coalesce(snapshots.expected_progress, 0.0) as expected_progress,
        case
            when targets.as_of_date is null or targets.as_of_date < targets.start_date then 'not_started'
            else coalesce(snapshots.status, 'no_data')
        end as status,
        {{ dbt.datediff('targets.as_of_date', 'targets.deadline', 'day') }} as days_left,
        targets.goal_kpi_key
    from targets
    left join snapshots
        on targets.goal_kpi_key = snapshots.goal_kpi_key
        and targets.as_of_date = snapshots.snapshot_date

)

select
    *,
    {#- the goal across its KPIs: every KPI achieved (or every one not started), else its worst KPI -#}
    case
        when min(status) over (partition by goal_id) = max(status) over (partition by goal_id) then status
        when max(case when status = 'off_track' then 1 else 0 end) over (partition by goal_id) = 1 then 'off_track'
        when max(case when status = 'no_data' then 1 else 0 end) over (partition by goal_id) = 1 then 'no_data'
        when max(case when status = 'not_started' then 1 else 0 end) over (partition by goal_id) = 1 then 'not_started'
        else 'on_track'
    end as goal_status
from per_kpi
