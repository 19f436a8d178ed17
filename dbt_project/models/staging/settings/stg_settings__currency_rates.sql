-- One row per currency × day the loaded orders and costs need: units of the reporting currency per unit,
-- and where the rate comes from (`user`, `ecb`, `ecb nearest earlier day`, `ecb latest published day`).
with

source as (

    {{ staged_source('settings', 'currency_rates', [
        ['currency_code', 'string'], ['reporting_currency_code', 'string'], ['rate_date', 'date'],
        ['rate', 'float'], ['rate_source', 'string'],
    ]) }}

)

select currency_code, reporting_currency_code, rate_date, cast(rate as decimal(18, 10)) as rate, rate_source
from source
