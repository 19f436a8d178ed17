-- Every conversation in fct_conversations is counted exactly once in rpt_inbox__daily, and the responded
-- counts agree. A full outer join with NULL-safe comparison catches groups missing on either side.
with

from_facts as (

    select
        first_inbound_date as conversation_date,
        platform,
        channel,
        language,
        count(*) as conversations,
        sum(case when is_responded then 1 else 0 end) as responded_conversations
    from {{ ref('fct_conversations') }}
    group by first_inbound_date, platform, channel, language

),

from_report as (

    select conversation_date, platform, channel, language, conversations, responded_conversations
    from {{ ref('rpt_inbox__daily') }}

)

select
    coalesce(from_facts.conversation_date, from_report.conversation_date) as conversation_date,
    coalesce(from_facts.platform, from_report.platform) as platform,
    from_facts.conversations as fact_conversations,
    from_report.conversations as report_conversations
from from_facts
full outer join from_report
    on from_facts.conversation_date = from_report.conversation_date
    and from_facts.platform = from_report.platform
    and from_facts.channel = from_report.channel
    and from_facts.language = from_report.language
where from_facts.conversations is null
    or from_report.conversations is null
    or from_facts.conversations <> from_report.conversations
    or from_facts.responded_conversations <> from_report.responded_conversations
