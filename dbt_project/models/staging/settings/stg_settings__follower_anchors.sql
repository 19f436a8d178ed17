-- One row per platform × account × day whose end-of-day follower count the user read in the app
-- (settings folder, follower_anchors.csv; none by default). An empty account is the platform's account.
with

source as (

    {{ staged_source('settings', 'follower_anchors', [
        ['platform', 'string'], ['account', 'string'], ['as_of_date', 'date'], ['followers', 'bigint'],
        ['note', 'string'],
    ]) }}

)

select lower(platform) as platform, nullif(trim(account), '') as account, as_of_date, followers, note
from source
