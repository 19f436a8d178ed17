-- One row per HubSpot deal, its amount in the reporting currency (var `reporting_currency`, from the user's
-- settings.toml) by the rule of fct_orders (macro currency_conversion): at the rate of the close date, else of
-- the create date (a deal's value is fixed when it closes, as HubSpot's own `Amount in company currency`).
-- The deal's currency is the export's `Currency` column (HubSpot shows it once an account has a second
-- currency); without it the amount is taken to be in the reporting currency (`currency_source` = `assumed`,
-- and the load notes that the column is missing). Without a rate the amount is empty and
-- `currency_reject_reason` says why. Deal names are dropped: they can name customers.
{%- set reporting = var('reporting_currency') %}

with

deals as (

    select
        deal_id, deal_stage, pipeline, closed_at, created_at, deal_amount, deal_currency_code,
        associated_contact_ids
    from {{ ref('stg_hubspot__deals') }}

),

currency_rates as (

    select currency_code, reporting_currency_code, rate_date, rate, rate_source
    from {{ ref('stg_settings__currency_rates') }}

),

dated as (

    select
        *,
        coalesce(deal_currency_code, nullif('{{ reporting }}', '')) as original_currency_code,
        case when deal_currency_code is not null then 'export' else 'assumed' end as currency_source,
        cast(coalesce(closed_at, created_at) as date) as rate_date
    from deals

),

converted as (

    select
        dated.*,
        {{ currency_conversion('dated.original_currency_code', 'dated.rate_date', reporting) }}
    from dated
    left join currency_rates
        on dated.original_currency_code = currency_rates.currency_code
        and currency_rates.reporting_currency_code = '{{ reporting }}'
        and dated.rate_date = currency_rates.rate_date

)

select
    deal_id,
    deal_stage,
    pipeline,
    closed_at,
    created_at,
    associated_contact_ids,
    original_currency_code,
    currency_source,
    deal_amount as original_amount,
    currency_rate,
    currency_rate_source,
    case when deal_amount is not null then currency_reject_reason end as currency_reject_reason,
    nullif('{{ reporting }}', '') as currency_code,
    -- widened first: an amount of 12 000.0000 times a rate of 10 decimals overflows DECIMAL(18)
    cast(round(cast(deal_amount as decimal(38, 4)) * currency_rate, 2) as decimal(18, 2)) as deal_amount
from converted
