{#- Select a declared column list from a raw table, so staging survives what an export leaves out:
    - a column the table does not have (an optional export column) becomes a typed NULL;
    - a table that does not exist (an input family nobody dropped in) becomes an empty, typed result.
    `columns` is a list of [name, type] with type one of string, timestamp, date, bigint, float, numeric,
    boolean. (Fivetran's fill_staging_columns does the first; the second keeps `dbt build` green on a
    landing folder with only events/.) -#}
{% macro staged_source(source_name, table_name, columns) -%}
    {%- set types = {
        'string': dbt.type_string(),
        'timestamp': dbt.type_timestamp(),
        'date': 'date',
        'bigint': dbt.type_bigint(),
        'float': type_double(),
        'numeric': 'decimal(18, 4)',
        'boolean': dbt.type_boolean(),
    } -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- set present = [] -%}
    {%- set existing = none -%}
    {%- if execute -%}
        {%- set existing = adapter.get_relation(
            database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
        {%- if existing is not none -%}
            {%- for column in adapter.get_columns_in_relation(existing) -%}
                {%- do present.append(column.name | lower) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif %}
    select
    {%- for name, type in columns %}
        {% if name in present -%}
            cast({{ adapter.quote(name) }} as {{ types[type] }})
        {%- else -%}
            cast(null as {{ types[type] }})
        {%- endif %} as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
    {% if existing is not none -%}
    from {{ relation }}
    {%- else -%}
    from (select 1 as no_rows) as missing_table
    where 1 = 0
    {%- endif %}
{%- endmacro %}
