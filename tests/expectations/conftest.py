"""A small, consistent warehouse file holding the two tables the GX suites guard."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

SCHEMA = """
create schema marts;
create schema reporting;

create table marts.fct_conversations (
    conversation_key varchar,
    conversation_id varchar,
    platform varchar,
    channel varchar,
    language varchar,
    priority varchar,
    campaign_tag varchar,
    customer_key varchar,
    first_inbound_at timestamp,
    first_inbound_date date,
    first_response_at timestamp,
    first_human_response_at timestamp,
    is_responded boolean,
    is_human_responded boolean,
    frt_any_min double,
    frt_human_min double
);

create table reporting.rpt_inbox__daily (
    conversation_date date,
    platform varchar,
    channel varchar,
    language varchar,
    conversations bigint,
    responded_conversations bigint,
    response_rate double,
    frt_any_total_min double,
    frt_any_mean_min double,
    human_responded_conversations bigint,
    frt_human_total_min double,
    frt_human_mean_min double
);
"""

# conversation_id, platform, channel, language, priority, campaign, customer, first inbound, first response,
# first human response (UTC). Bot-then-human, human-only, bot-only, unanswered, and a reply the next day.
CONVERSATIONS = """
insert into marts.fct_conversations
with source as (
    select * from (values
        ('ig1', 'instagram', 'dm',      'en',    'high',   'spring', 'c1',
         '2024-03-04 14:00:00', '2024-03-04 14:02:00', '2024-03-04 14:45:00'),
        ('ig2', 'instagram', 'dm',      'en',    'normal', null,     'c2',
         '2024-03-04 15:00:00', '2024-03-04 15:30:00', '2024-03-04 15:30:00'),
        ('ig3', 'instagram', 'dm',      'fr-CA', 'normal', null,     'c3',
         '2024-03-04 16:00:00', '2024-03-04 16:01:00', null),
        ('fb1', 'facebook',  'comment', 'en',    'low',    null,     'c4',
         '2024-03-04 17:00:00', null,                  null),
        ('fb2', 'facebook',  'comment', 'en',    'low',    'spring', 'c1',
         '2024-03-05 09:00:00', '2024-03-05 11:20:00', '2024-03-05 11:20:00'),
        ('tt1', 'tiktok',    'comment', 'und',   'normal', null,     'c5',
         '2024-03-05 10:00:00', '2024-03-05 10:00:30', null),
        ('x1',  'x',         'dm',      'fr-CA', 'high',   null,     'c6',
         '2024-03-05 12:00:00', '2024-03-05 12:10:00', '2024-03-05 14:20:00'),
        ('yt1', 'youtube',   'comment', 'en',    'normal', null,     'c7',
         '2024-03-05 13:00:00', null,                  null),
        ('li1', 'linkedin',  'dm',      'en',    'normal', null,     'c8',
         '2024-03-05 20:00:00', '2024-03-06 01:00:00', '2024-03-06 01:00:00')
    ) as t (conversation_id, platform, channel, language, priority, campaign_tag, customer,
            first_inbound_at, first_response_at, first_human_response_at)
),

typed as (
    select
        * exclude (first_inbound_at, first_response_at, first_human_response_at),
        cast(first_inbound_at as timestamp) as first_inbound_at,
        cast(first_response_at as timestamp) as first_response_at,
        cast(first_human_response_at as timestamp) as first_human_response_at
    from source
)

select
    platform || ':' || conversation_id,
    conversation_id,
    platform,
    channel,
    language,
    priority,
    campaign_tag,
    md5(customer),
    first_inbound_at,
    cast(first_inbound_at - interval 5 hour as date),  -- the fixture's team time zone is UTC-5
    first_response_at,
    first_human_response_at,
    first_response_at is not null,
    first_human_response_at is not null,
    date_diff('second', first_inbound_at, first_response_at) / 60.0,
    date_diff('second', first_inbound_at, first_human_response_at) / 60.0
from typed
"""

# The daily report aggregated from the conversations, so the two tables agree by construction.
DAILY = """
insert into reporting.rpt_inbox__daily
select
    first_inbound_date,
    platform,
    channel,
    language,
    count(*),
    count(first_response_at),
    count(first_response_at) / count(*),
    sum(frt_any_min),
    sum(frt_any_min) / nullif(count(first_response_at), 0),
    count(first_human_response_at),
    sum(frt_human_min),
    sum(frt_human_min) / nullif(count(first_human_response_at), 0)
from marts.fct_conversations
group by all
"""


def execute(warehouse: Path, *statements: str) -> None:
    """Run statements against the warehouse file with a read-write connection, closed afterwards."""
    with duckdb.connect(str(warehouse)) as con:
        for statement in statements:
            con.execute(statement)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "socialkpi.duckdb"
    execute(path, SCHEMA, CONVERSATIONS, DAILY)
    return path


@pytest.fixture
def corrupt(warehouse: Path):
    """Apply statements to the fixture warehouse (a corruption the checks must catch)."""

    def apply(*statements: str) -> None:
        execute(warehouse, *statements)

    return apply
