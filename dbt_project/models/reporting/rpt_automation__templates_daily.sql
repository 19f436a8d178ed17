-- One row per date × platform × automation template × automation KPI: which automated replies work.
-- Conversations are attributed to the template of their first automated reply (`template_id`).
with

kpi_rows as (

    {{ kpi_rows(['platform', 'template_id'], sections=['automation'], facts=['fct_conversations']) }}

)

select * from kpi_rows
where template_id is not null
