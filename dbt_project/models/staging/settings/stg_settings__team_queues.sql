-- One row per routing rule (settings folder, team_queues.csv): the queue of a platform × language.
with

source as (

    {{ staged_source('settings', 'team_queues', [
        ['platform', 'string'], ['language', 'string'], ['queue_id', 'string'],
    ]) }}

)

select platform, language, queue_id
from source
