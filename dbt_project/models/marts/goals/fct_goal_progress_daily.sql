-- One row per goal × KPI × day from the goal's start to its deadline or the last data day: the dated
-- progress snapshots of kpis.md §9. current_value is the KPI over the window_days (30 by default; the period
-- of a count_per_period goal) ending that day. progress = (current − baseline) ÷ (target − baseline);
-- expected_progress = days elapsed since the start ÷ days from start to deadline. Status (DECISIONLOG.md):
--   no_data    no baseline, no target or no current value (the window holds none of the KPI's rows);
--   achieved   below: current < target; above: current > target; level, relative_change,
--              count_per_period: progress ≥ 1 (the target reached, in the direction it lies);
--   on_track   progress ≥ expected_progress;
--   off_track  otherwise (also after the deadline, not achieved).
-- Comparisons are made on values rounded to 9 decimals, so a goal exactly on its line is on track.
with

targets as (

    select * from {{ ref('int_goal_targets') }}

),

kpi_values as (

    select goal_kpi_key, value_date, value from {{ ref('int_goal_kpi_values') }}

),

snapshots as (

    select
        targets.*,
        kpi_values.value_date as snapshot_date,
        kpi_values.value as current_value,
        (kpi_values.value - targets.baseline) / nullif(targets.target - targets.baseline, 0) as progress,
        cast({{ dbt.datediff('targets.start_date', 'kpi_values.value_date', 'day') }} as {{ type_double() }})
            / {{ dbt.datediff('targets.start_date', 'targets.deadline', 'day') }} as elapsed_share,
        {{ dbt.datediff('kpi_values.value_date', 'targets.deadline', 'day') }} as days_left
    from targets
    inner join kpi_values
        on targets.goal_kpi_key = kpi_values.goal_kpi_key
        and kpi_values.value_date >= targets.start_date

),

judged as (

    select
        *,
        case when elapsed_share > 1 then 1.0 else elapsed_share end as expected_progress,
        case
            when kind = 'below' then round(current_value, 9) < round(target, 9)
            when kind = 'above' then round(current_value, 9) > round(target, 9)
            else round(progress, 9) >= 1
        end as is_achieved
    from snapshots

)

select
    goal_id,
    kpi,
    platform,
    language,
    channel,
    intent,
    snapshot_date,
    baseline,
    baseline_source,
    target,
    improvement_pct,
    start_date,
    deadline,
    owner,
    backup_owner,
    kind,
    window_days,
    unit,
    current_value,
    progress,
    expected_progress,
    case
        when baseline is null or target is null or current_value is null then 'no_data'
        when is_achieved then 'achieved'
        when round(progress, 9) >= round(expected_progress, 9) then 'on_track'
        else 'off_track'
    end as status,
    days_left,
    goal_kpi_key
from judged
