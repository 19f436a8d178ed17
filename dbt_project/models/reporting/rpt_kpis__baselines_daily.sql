-- Baselines (kpis.md §9): one row per day × KPI × platform (`all` = every platform together) for every KPI of
-- the registry with a day grain (its fact is dated by day: conversations, messages, comments, the ROI parts,
-- new customers' retention), with the day's value and the KPI over the 7, 30, 90 and 180 days ending that
-- day, and the peaks of its daily values over the trailing 180 days.
--   rolling_Nd   the KPI's own formula (the registry's, via kpi_rows) over ALL the fact rows of the N days, so
--                a rate is Σ numerators ÷ Σ denominators of the window (never a mean of daily rates), a
--                median is the median of the window's rows (a median cannot be rolled up from daily
--                medians, so it is recomputed from the rows), a custom KPI is recomputed over the window.
--                Counts and sums (aggregation sum / total) are the window's DAILY AVERAGE (Σ ÷ days of the
--                window, counting only days from the fact's first day), on the same scale as the day's value.
--   p50_180d, p90_180d, p95_180d, max_180d   percentiles (continuous) and maximum of the DAILY values of the
--                trailing 180 days, this day included; days without data count as 0 for counts and sums and
--                are left out for every other KPI (a rate of no conversations is no value, not 0).
-- Days run from each fact's first to its last day; a window reaching before the first day uses the days it
-- has (its numerator and denominator say what it rests on). Goals read rolling_30d as "the 30-day average".
-- Not here: content KPIs (a post's figures are lifetime figures as of a day, not a day's) and account
-- levels (followers), which have their own rolling marts, and KPIs comparing with the previous period.
{%- set windows = [1, 7, 30, 90, 180] %}
{%- set facts = kpi_facts() %}
{%- set daily_facts = ['fct_conversations', 'fct_inbox_messages', 'fct_comments', 'fct_roi_daily', 'fct_new_customer_retention'] %}
{%- set counts = ['sum', 'total'] %}
{#- var baseline_kpis: a list of KPI ids to narrow the mart to (default: every KPI with a day grain) -#}
{%- set only = var('baseline_kpis', none) %}
{%- set selected = [] %}
{%- for entry in kpi_registry() %}
    {%- if entry.fact in daily_facts and entry.get('comparison') is none and (only is none or entry.kpi in only) %}
        {%- do selected.append(entry) %}
    {%- endif %}
{%- endfor %}

with

fact_spans as (

    {% for fact in daily_facts %}
    select '{{ fact }}' as fact, min({{ facts[fact].date_column }}) as first_date, max({{ facts[fact].date_column }}) as last_date
    from {{ ref(fact) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

spans as (

    select 'all' as platform, min(first_date) as first_date, max(last_date) as last_date
    from fact_spans

),

spine as (

    {{ day_spine('spans', date_name='window_end') }}

),

windows as (

    {% for window in windows %}
    select window_end, {{ window }} as window_days from spine
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

{% for fact in daily_facts %}
{{ fact }}_window_rows as (

    select windows.window_days, windows.window_end, fact_rows.*
    from windows
    inner join {{ ref(fact) }} as fact_rows
        on fact_rows.{{ facts[fact].date_column }} <= windows.window_end
        and fact_rows.{{ facts[fact].date_column }} > {{ dbt.dateadd('day', '0 - windows.window_days', 'windows.window_end') }}

),

{% endfor %}
{%- set relations = {} %}
{%- for fact in daily_facts %}{% do relations.update({fact: fact ~ '_window_rows'}) %}{% endfor %}

by_platform as (

    {{ kpi_rows(['platform'], include_date=false, extra_columns=['window_days', 'window_end'],
                kpis=selected | map(attribute='kpi') | list, relations=relations) }}

),

all_platforms as (

    {{ kpi_rows([], include_date=false, extra_columns=['window_days', 'window_end'],
                kpis=selected | map(attribute='kpi') | list, relations=relations) }}

),

window_values as (

    select window_days, window_end, platform, kpi, value, numerator, denominator, unit
    from by_platform
    union all
    select window_days, window_end, 'all' as platform, kpi, value, numerator, denominator, unit
    from all_platforms

),

registry as (

    {% for entry in selected %}
    select '{{ entry.kpi }}' as kpi, '{{ entry.aggregation }}' as aggregation, '{{ entry.fact }}' as fact
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

-- every day of the KPI's fact for every platform the KPI has a value for
grid as (

    select series.kpi, series.platform, series.unit, registry.aggregation, fact_spans.first_date, spine.window_end as kpi_date
    from (select distinct kpi, platform, unit from window_values) as series
    inner join registry
        on series.kpi = registry.kpi
    inner join fact_spans
        on registry.fact = fact_spans.fact
    inner join spine
        on spine.window_end between fact_spans.first_date and fact_spans.last_date

),

filled as (

    select
        grid.kpi_date,
        grid.kpi,
        grid.platform,
        grid.unit,
        grid.aggregation,
        {%- for window in windows %}
        {%- set days = 'least(' ~ window ~ ', ' ~ dbt.datediff('grid.first_date', 'grid.kpi_date', 'day') ~ ' + 1)' %}
        {%- set suffix = '' if window == 1 else '_' ~ window ~ 'd' %}
        case
            when grid.aggregation in ('{{ counts | join("', '") }}')
                then coalesce(w{{ window }}.value, case when grid.aggregation = 'sum' then 0 end) / {{ days }}
            else w{{ window }}.value
        end as value{{ suffix }},
        w{{ window }}.numerator as numerator{{ suffix }},
        w{{ window }}.denominator as denominator{{ suffix }}{{ "," if not loop.last }}
        {%- endfor %}
    from grid
    {%- for window in windows %}
    left join window_values as w{{ window }}
        on w{{ window }}.window_days = {{ window }}
        and w{{ window }}.window_end = grid.kpi_date
        and w{{ window }}.kpi = grid.kpi
        and w{{ window }}.platform = grid.platform
    {%- endfor %}

),

peaks as (

    select
        days.kpi_date,
        days.kpi,
        days.platform,
        {#- interpolation in floating point leaves noise in the 16th digit (3.8499999999999996): 9 decimals -#}
        round({{ percentile('earlier.value', 0.5) }}, 9) as p50_180d,
        round({{ percentile('earlier.value', 0.9) }}, 9) as p90_180d,
        round({{ percentile('earlier.value', 0.95) }}, 9) as p95_180d,
        max(earlier.value) as max_180d
    from filled as days
    inner join filled as earlier
        on days.kpi = earlier.kpi
        and days.platform = earlier.platform
        and earlier.kpi_date <= days.kpi_date
        and earlier.kpi_date > {{ dbt.dateadd('day', -180, 'days.kpi_date') }}
    group by days.kpi_date, days.kpi, days.platform

),

final as (

    select
        filled.kpi_date,
        filled.kpi,
        filled.platform,
        filled.unit,
        filled.aggregation,
        filled.value,
        filled.numerator,
        filled.denominator,
        {%- for window in windows if window > 1 %}
        filled.value_{{ window }}d as rolling_{{ window }}d,
        filled.numerator_{{ window }}d as rolling_{{ window }}d_numerator,
        filled.denominator_{{ window }}d as rolling_{{ window }}d_denominator,
        {%- endfor %}
        peaks.p50_180d,
        peaks.p90_180d,
        peaks.p95_180d,
        peaks.max_180d
    from filled
    left join peaks
        on filled.kpi_date = peaks.kpi_date
        and filled.kpi = peaks.kpi
        and filled.platform = peaks.platform

)

select * from final
