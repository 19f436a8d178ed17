-- A table, not a view: a cost key holding a personal value (it is built from the campaign) becomes its keyed
-- hash (pii_hash, which only dbt's connection has; macros/free_text.sql).
{{ config(materialized='table') }}

with

source as (

    {{ staged_source('costs', 'costs', [
        ['cost_key', 'string'], ['month', 'date'], ['category', 'string'], ['platform', 'string'],
        ['campaign', 'string'], ['amount', 'numeric'], ['currency_code', 'string'], ['agent_hours', 'float'],
        ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        {{ free_code('cost_key') }} as cost_key,
        month as cost_month,
        category as cost_category,
        lower(platform) as platform,
        {{ free_tag('campaign') }} as campaign_tag,
        amount as cost_amount,
        currency_code,
        agent_hours,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
