-- One row per first-inbound date × platform × channel × language: the four headline inbox KPIs side by
-- side, each beside its numerator and denominator. The formulas are the registry's (macros/kpi_registry.sql),
-- rendered at this grain straight from the facts: nothing is computed here, only laid out wide for the app.
{%- set headline = ['conversations', 'response_rate', 'frt_any_mean_min', 'frt_human_mean_min'] %}

with

kpi_rows as (

    {{ kpi_rows(['platform', 'channel', 'language'], kpis=headline) }}

),

pivoted as (

    select
        kpi_date as conversation_date,
        platform,
        channel,
        language,
        cast(max(case when kpi = 'conversations' then value end) as {{ dbt.type_bigint() }}) as conversations,
        cast(max(case when kpi = 'response_rate' then numerator end) as {{ dbt.type_bigint() }})
            as responded_conversations,
        max(case when kpi = 'response_rate' then value end) as response_rate,
        max(case when kpi = 'frt_any_mean_min' then numerator end) as frt_any_total_min,
        max(case when kpi = 'frt_any_mean_min' then value end) as frt_any_mean_min,
        cast(max(case when kpi = 'frt_human_mean_min' then denominator end) as {{ dbt.type_bigint() }})
            as human_responded_conversations,
        max(case when kpi = 'frt_human_mean_min' then numerator end) as frt_human_total_min,
        max(case when kpi = 'frt_human_mean_min' then value end) as frt_human_mean_min
    from kpi_rows
    group by kpi_date, platform, channel, language

)

select * from pivoted
