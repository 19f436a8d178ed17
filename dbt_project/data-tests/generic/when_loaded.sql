{#- Source tests for an input family that may be absent. Every family is optional (a landing folder may hold
    only content exports, only commerce exports or only events), so a raw table may never have been created;
    dbt's own `unique` / `not_null` would then fail the build with "Table … does not exist". These run dbt's
    own test SQL when the table exists; on an absent table they return no rows (there is nothing to break)
    and say so in dbt's log. The family's absence itself is reported by the checks and the app. -#}
{% test unique_when_loaded(model, column_name) %}
    {%- set existing = adapter.get_relation(
        database=model.database, schema=model.schema, identifier=model.identifier) if execute else model -%}
    {%- if existing is none -%}
        {%- do log("source " ~ model ~ " was never loaded (no files of its family): unique on no rows", info=True) -%}
        select 1 as absent_table from (select 1 as no_rows) as missing_table where 1 = 0
    {%- else -%}
        {{ adapter.dispatch('test_unique', 'dbt')(model, column_name) }}
    {%- endif -%}
{% endtest %}

{% test not_null_when_loaded(model, column_name) %}
    {%- set existing = adapter.get_relation(
        database=model.database, schema=model.schema, identifier=model.identifier) if execute else model -%}
    {%- if existing is none -%}
        {%- do log("source " ~ model ~ " was never loaded (no files of its family): not_null on no rows", info=True) -%}
        select 1 as absent_table from (select 1 as no_rows) as missing_table where 1 = 0
    {%- else -%}
        {{ adapter.dispatch('test_not_null', 'dbt')(model, column_name) }}
    {%- endif -%}
{% endtest %}
