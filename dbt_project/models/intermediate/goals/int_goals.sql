-- The valid goals × KPIs, with the last data day they are judged on. Reading this model stops with the
-- message of the first invalid goal (int_goals__checked.goal_error: "goal g1, field kpi: unknown KPI id …"),
-- so `dbt build` fails naming the goal and the field instead of reporting a goal that cannot be computed.
-- The last data day is the latest day of any fact a goal can read: "as of" means as of the data, never the
-- wall clock (a 2017 landing folder is judged in 2017).
{%- set facts = kpi_facts() %}

with

checked as (

    select * from {{ ref('int_goals__checked') }}

),

data_days as (

    {% for fact in facts %}
    select max({{ goal_window_date(fact) }}) as last_day from {{ ref(fact) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    checked.*,
    (select max(last_day) from data_days) as last_data_date
from checked
where {{ raise_if_present('checked.goal_error') }}
