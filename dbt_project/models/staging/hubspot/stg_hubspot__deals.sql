-- The deal name is free text (it usually holds the contact's name): it is not passed on.
with

source as (

    {{ staged_source('hubspot', 'hubspot_deals', [
        ['deal_id', 'string'], ['deal_name', 'string'], ['deal_stage', 'string'], ['closed_at', 'timestamp'],
        ['amount', 'numeric'], ['currency', 'string'], ['pipeline', 'string'], ['created_at', 'timestamp'],
        ['associated_contact_ids', 'string'], ['_source_file', 'string'], ['_loaded_at', 'timestamp'],
    ]) }}

),

renamed as (

    select
        deal_id,
        lower(deal_stage) as deal_stage,
        closed_at,
        amount as deal_amount,
        currency as deal_currency_code,
        {{ free_tag('pipeline') }} as pipeline,
        created_at,
        associated_contact_ids,
        _source_file as source_file,
        _loaded_at as loaded_at
    from source

)

select * from renamed
