{#- The KPI registry: every KPI of shared/spec/kpis.md §1–4 written ONCE, as an aggregate over one fact
    table (the content KPIs of §1 are listed in content_kpis.sql). The daily inbox mart, the template mart,
    the content marts and the registry table (dim_kpis, which the `socialkpi kpis` export and the app read)
    all render their SQL from here, so a formula cannot drift.

    Each entry: kpi (the spec's id), label, section, fact (model), aggregation and its inputs, unit.
      rate    numerator / denominator: SQL conditions on a fact row; value = Σ numerator ÷ Σ denominator
      ratio   numerator / denominator: SQL expressions; value = Σ numerator ÷ Σ denominator (content rates)
      sum     expression: summed (a count when it is a 0/1 flag); 0 when there are no rows
      total   expression: summed, NULL when nothing was reported (a platform without the metric)
      mean    expression: value = Σ x ÷ count(x) (NULLs skipped); numerator Σ x, denominator count(x)
      median, p90   expression: continuous percentile; no numerator / denominator
    Durations are microsecond columns with `scale: 60000000` (reported in minutes); a mean of a non-integer
    (sentiment) is summed as whole millionths, so a sum never depends on the order rows are added in. -#}

{#- Each fact the registry aggregates: its date column (a KPI's period filters on it), its groups as
    {name: column} (the names `socialkpi kpis --by` and the marts use), and two optional behaviours:
      as_of_column    the period's end also cuts this column: content KPIs count posts PUBLISHED in the period
                      (date_column) with their lifetime figures AS OF the period's end (metric_date ≤ end);
      period_series   the fact is a level series (followers): `is_period_start` / `is_period_end` flag each
                      series' first and last day in the period, per these columns. -#}
{% macro kpi_facts() -%}
    {%- set inbox_groups = {'platform': 'platform', 'channel': 'channel', 'language': 'language', 'priority': 'priority'} -%}
    {#- a conversation or comment without a campaign tag is `untagged`, as a post without one (dim_posts) -#}
    {%- set campaign = "case when campaign_tag is null then 'untagged' else campaign_tag end" -%}
    {{ return({
        'fct_conversations': {'date_column': 'first_inbound_date',
                              'groups': dict(inbox_groups, template_id='template_id', campaign=campaign)},
        'fct_inbox_messages': {'date_column': 'message_date', 'groups': inbox_groups},
        'fct_comments': {'date_column': 'comment_date',
                         'groups': dict(inbox_groups, post_id='content_id', campaign=campaign, content_type='content_type')},
        'fct_post_daily': {'date_column': 'published_on', 'as_of_column': 'metric_date',
                           'groups': {'platform': 'platform', 'account': 'account', 'post_id': 'post_id',
                                      'campaign': 'campaign', 'content_type': 'content_type'}},
        'fct_account_daily': {'date_column': 'metric_date', 'period_series': ['platform', 'account'],
                              'groups': {'platform': 'platform', 'account': 'account'}},
        'fct_roi_daily': {'date_column': 'roi_date',
                          'groups': {'platform': 'platform', 'channel': 'channel', 'language': 'language', 'campaign': campaign}},
        'fct_new_customer_retention': {'date_column': 'first_order_date', 'groups': {}},
    }) }}
{%- endmacro %}

{% macro _duration_kpis(kpi, label, section, expression, fact='fct_conversations', aggregations=['mean', 'median', 'p90']) -%}
    {%- set entries = [] -%}
    {%- for aggregation in aggregations -%}
        {%- do entries.append({
            'kpi': kpi ~ '_' ~ aggregation ~ '_min', 'label': label ~ ' (' ~ aggregation ~ ')', 'section': section,
            'fact': fact, 'aggregation': aggregation, 'expression': expression, 'scale': 60000000,
            'unit': 'minutes'}) -%}
    {%- endfor -%}
    {{ return(entries) }}
{%- endmacro %}

{% macro kpi_registry() -%}
    {%- set c = 'fct_conversations' -%}
    {%- set m = 'fct_inbox_messages' -%}
    {%- set k = 'fct_comments' -%}
    {#- backlog (the daily preset's): conversations of the period not resolved (yet) when the data ends -#}
    {%- set kpis = [
        {'kpi': 'conversations', 'label': 'Conversations', 'section': 'dm', 'fact': c, 'aggregation': 'sum', 'expression': '1', 'unit': 'conversations'},
        {'kpi': 'response_rate', 'label': 'Response rate', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_responded', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'backlog', 'label': 'Backlog: conversations still open (not resolved)', 'section': 'dm', 'fact': c, 'aggregation': 'sum', 'expression': 'case when is_resolved then 0 else 1 end', 'unit': 'conversations'},
    ] -%}
    {%- do kpis.extend(_duration_kpis('frt_any', 'First response time, bot or human', 'dm', 'frt_any_us')) -%}
    {%- do kpis.extend(_duration_kpis('frt_human', 'First human response time', 'dm', 'frt_human_us')) -%}
    {%- do kpis.extend(_duration_kpis('frt_business', 'First response time in business hours, bot or human', 'dm', 'frt_business_any_us')) -%}
    {%- do kpis.extend(_duration_kpis('frt_business_human', 'First human response time in business hours', 'dm', 'frt_business_human_us')) -%}
    {%- do kpis.extend([
        {'kpi': 'sla_compliance_rate', 'label': 'Answered within SLA (business hours)', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_first_response_within_sla', 'denominator': 'is_sla_applicable', 'unit': 'ratio'},
        {'kpi': 'sla_breaches', 'label': 'SLA breaches', 'section': 'dm', 'fact': c, 'aggregation': 'sum', 'expression': 'case when is_sla_breached then 1 else 0 end', 'unit': 'conversations'},
        {'kpi': 'frt_over_60m_share', 'label': 'Waited over 60 min for a first response', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_frt_over_60m', 'denominator': 'true', 'unit': 'ratio'},
    ]) -%}
    {%- do kpis.extend(_duration_kpis('frt_human_after_handoff', 'Human response after handoff', 'dm', 'frt_human_after_handoff_us')) -%}
    {%- do kpis.extend(_duration_kpis('bot_handling', 'Time with the bot before handoff', 'dm', 'bot_handling_us')) -%}
    {%- do kpis.extend(_duration_kpis('aht', 'Average handle time', 'dm', 'aht_us')) -%}
    {%- do kpis.extend(_duration_kpis('aht_human', 'Handle time of human-handled work', 'dm', 'case when has_human_message then aht_us end')) -%}
    {%- do kpis.extend(_duration_kpis('escalation_resolution', 'Escalation resolution time', 'dm', 'escalation_resolution_us')) -%}
    {%- do kpis.extend([
        {'kpi': 'resolution_rate', 'label': 'Resolution rate', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_resolved', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'stayed_resolved_rate', 'label': 'Resolved and never reopened', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_stayed_resolved', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'resolved_without_escalation_rate', 'label': 'Resolved without escalation', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_resolved_without_escalation', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'escalation_rate', 'label': 'Escalation rate', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'has_handoff', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'leads_generated', 'label': 'Leads generated', 'section': 'dm', 'fact': c, 'aggregation': 'sum', 'expression': 'case when is_lead then 1 else 0 end', 'unit': 'conversations'},
        {'kpi': 'lead_rate', 'label': 'Lead rate', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_lead', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'csat_mean', 'label': 'CSAT (1–5)', 'section': 'dm', 'fact': c, 'aggregation': 'mean', 'expression': 'csat_score', 'unit': 'score', 'bounds': {'min': 1, 'max': 5, 'severity': 'error'}},
        {'kpi': 'csat_positive_share', 'label': 'Share of CSAT 4–5', 'section': 'dm', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_csat_positive', 'denominator': 'has_csat', 'unit': 'ratio'},
        {'kpi': 'message_response_rate', 'label': 'Customer messages answered', 'section': 'dm', 'fact': m, 'aggregation': 'rate', 'numerator': 'is_answered', 'denominator': 'is_customer_message', 'unit': 'ratio'},
        {'kpi': 'avg_response_time_min', 'label': 'Average response time per wait', 'section': 'dm', 'fact': m, 'aggregation': 'mean', 'expression': 'case when is_wait_start then response_us end', 'scale': 60000000, 'unit': 'minutes'},
        {'kpi': 'response_time_median_min', 'label': 'Response time per wait (median)', 'section': 'dm', 'fact': m, 'aggregation': 'median', 'expression': 'case when is_wait_start then response_us end', 'scale': 60000000, 'unit': 'minutes'},
        {'kpi': 'response_time_p90_min', 'label': 'Response time per wait (p90)', 'section': 'dm', 'fact': m, 'aggregation': 'p90', 'expression': 'case when is_wait_start then response_us end', 'scale': 60000000, 'unit': 'minutes'},
        {'kpi': 'automation_coverage', 'label': 'Automation coverage', 'section': 'automation', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_first_response_automated', 'denominator': 'is_responded', 'unit': 'ratio'},
        {'kpi': 'handoff_rate', 'label': 'Handoff rate', 'section': 'automation', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_handed_off_after_automation', 'denominator': 'has_automated_response', 'unit': 'ratio'},
        {'kpi': 'resolved_without_human_rate', 'label': 'Resolved without a human', 'section': 'automation', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_resolved_without_human', 'denominator': 'is_resolved', 'unit': 'ratio'},
        {'kpi': 'automation_success_rate', 'label': 'Automation success rate', 'section': 'automation', 'fact': c, 'aggregation': 'rate', 'numerator': 'is_automation_success', 'denominator': 'is_first_response_automated', 'unit': 'ratio'},
        {'kpi': 'automated_responses', 'label': 'Responses by bots', 'section': 'automation', 'fact': c, 'aggregation': 'sum', 'expression': 'automated_responses', 'unit': 'messages'},
        {'kpi': 'human_responses', 'label': 'Responses by humans', 'section': 'automation', 'fact': c, 'aggregation': 'sum', 'expression': 'human_responses', 'unit': 'messages'},
        {'kpi': 'bot_loop_violations', 'label': 'Bot loops (3+ bot replies, no human)', 'section': 'automation', 'fact': c, 'aggregation': 'sum', 'expression': 'case when is_bot_loop then 1 else 0 end', 'unit': 'conversations'},
        {'kpi': 'missed_escalations', 'label': 'Missed escalations', 'section': 'automation', 'fact': c, 'aggregation': 'sum', 'expression': 'case when is_missed_escalation then 1 else 0 end', 'unit': 'conversations'},
    ]) -%}
    {%- do kpis.append({'kpi': 'comments', 'label': 'Comments', 'section': 'comments', 'fact': k, 'aggregation': 'sum', 'expression': '1', 'unit': 'comments'}) -%}
    {%- do kpis.append({'kpi': 'comment_reply_rate', 'label': 'Comment reply rate', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_replied', 'denominator': 'true', 'unit': 'ratio'}) -%}
    {%- do kpis.extend(_duration_kpis('comment_first_reply', 'Time to first reply to a comment', 'comments', 'reply_us', fact=k)) -%}
    {%- do kpis.extend(_duration_kpis('comment_first_action', 'Time to first reply or moderation', 'comments', 'first_action_us', fact=k)) -%}
    {%- do kpis.extend([
        {'kpi': 'comment_handled_rate', 'label': 'Comments handled (reply, hide or delete)', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_handled', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'comment_reply_within_60m_rate', 'label': 'Meaningful comments answered within the hour', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_replied_within_60m', 'denominator': 'is_meaningful', 'unit': 'ratio'},
        {'kpi': 'moderation_rate', 'label': 'Comments hidden or deleted', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_moderated', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'moderation_removal_rate', 'label': 'Comments deleted', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_deleted', 'denominator': 'true', 'unit': 'ratio'},
        {'kpi': 'harmful_comments', 'label': 'Harmful comments (spam or toxic)', 'section': 'comments', 'fact': k, 'aggregation': 'sum', 'expression': 'case when is_harmful then 1 else 0 end', 'unit': 'comments'},
        {'kpi': 'comment_to_dm_rate', 'label': 'Comments that led to a DM', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_in_dm_scope and has_dm_within_window', 'denominator': 'is_in_dm_scope', 'unit': 'ratio'},
        {'kpi': 'negative_share', 'label': 'Negative share', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_negative', 'denominator': 'is_sentiment_labelled', 'unit': 'ratio'},
        {'kpi': 'neutral_share', 'label': 'Neutral share', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_neutral', 'denominator': 'is_sentiment_labelled', 'unit': 'ratio'},
        {'kpi': 'positive_share', 'label': 'Positive share', 'section': 'comments', 'fact': k, 'aggregation': 'rate', 'numerator': 'is_positive', 'denominator': 'is_sentiment_labelled', 'unit': 'ratio'},
        {'kpi': 'sentiment_score_mean', 'label': 'Mean sentiment score (−1 … 1)', 'section': 'comments', 'fact': k, 'aggregation': 'mean', 'expression': 'cast(round(sentiment_score * 1000000) as ' ~ dbt.type_bigint() ~ ')', 'scale': 1000000, 'unit': 'score', 'bounds': {'min': -1, 'max': 1, 'severity': 'error'}},
    ]) -%}
    {%- do kpis.extend(content_kpis()) -%}
    {%- do kpis.extend(account_kpis()) -%}
    {%- for entry in attribution_kpi_registry() -%}
        {#- shares of a whole stay in [0, 1]; money, ROAS, LTV:CAC and redemptions per code are only >= 0, and a
            contribution can be negative -#}
        {%- if entry.kpi in ['social_conversion_rate', 'dm_conversion_rate', 'comment_conversion_rate', 'assisted_value_share', 'crm_sync_completeness'] -%}
            {%- do entry.update({'bounds': {'min': 0, 'max': 1, 'severity': 'error'}}) -%}
        {%- elif entry.kpi in ['contribution_per_conversation', 'incremental_conversions', 'incremental_revenue'] -%}
            {%- do entry.update({'bounds': {'min': none, 'max': none, 'severity': none}}) -%}
        {%- elif entry.kpi == 'retention_uplift' -%}
            {#- a difference of two shares -#}
            {%- do entry.update({'bounds': {'min': -1, 'max': 1, 'severity': 'error'}}) -%}
        {%- endif -%}
        {%- do kpis.append(entry) -%}
    {%- endfor -%}
    {{ return(kpis) }}
{%- endmacro %}

{#- The range a KPI's value must lie in, and how bad leaving it is (the GX checks read it from dim_kpis):
    {'min', 'max' (none = unbounded), 'severity' ('error' fails the run, 'warning' is reported)}.
    Defaults: a `rate` (Σ rows meeting a condition ÷ Σ rows meeting a wider one) is a share, [0, 1];
    counts, durations and other ratios are ≥ 0. An entry's own `bounds` overrides (a growth rate can be
    negative; content figures can dip below 0 in a window holding a platform's correction, so theirs warn). -#}
{% macro kpi_bounds(entry) -%}
    {%- if entry.get('bounds') is not none -%}
        {{ return(entry.bounds) }}
    {%- elif entry.aggregation == 'rate' -%}
        {{ return({'min': 0, 'max': 1, 'severity': 'error'}) }}
    {%- else -%}
        {{ return({'min': 0, 'max': none, 'severity': 'error'}) }}
    {%- endif -%}
{%- endmacro %}

{#- The aggregate SQL of one registry entry: {'value', 'numerator', 'denominator'} (NULL literals where none). -#}
{% macro kpi_aggregates(entry) -%}
    {%- set double = type_double() -%}
    {%- set scale = entry.get('scale', 1) -%}
    {%- set divide = '' if scale == 1 else ' / ' ~ scale -%}
    {%- set none_value = 'cast(null as ' ~ double ~ ')' -%}
    {%- if entry.aggregation == 'rate' -%}
        {%- set numerator = 'sum(case when ' ~ entry.numerator ~ ' then 1 else 0 end)' -%}
        {%- set denominator = 'sum(case when ' ~ entry.denominator ~ ' then 1 else 0 end)' -%}
        {%- set result = {
            'value': 'cast(' ~ numerator ~ ' as ' ~ double ~ ') / nullif(' ~ denominator ~ ', 0)',
            'numerator': 'cast(' ~ numerator ~ ' as ' ~ double ~ ')',
            'denominator': 'cast(' ~ denominator ~ ' as ' ~ double ~ ')'} -%}
    {%- elif entry.aggregation == 'ratio' -%}
        {%- set numerator = 'cast(sum(' ~ entry.numerator ~ ') as ' ~ double ~ ')' ~ divide -%}
        {%- set denominator = 'cast(sum(' ~ entry.denominator ~ ') as ' ~ double ~ ')' -%}
        {%- set result = {
            'value': numerator ~ ' / nullif(' ~ denominator ~ ', 0)',
            'numerator': numerator,
            'denominator': denominator} -%}
    {%- elif entry.aggregation == 'custom' -%}
        {%- set result = attribution_kpi_aggregates(entry) -%}
    {%- elif entry.aggregation == 'total' -%}
        {%- set result = {
            'value': 'cast(sum(' ~ entry.expression ~ ') as ' ~ double ~ ')' ~ divide,
            'numerator': none_value, 'denominator': none_value} -%}
    {%- elif entry.aggregation == 'sum' -%}
        {%- set result = {
            'value': 'cast(coalesce(sum(' ~ entry.expression ~ '), 0) as ' ~ double ~ ')' ~ divide,
            'numerator': none_value, 'denominator': none_value} -%}
    {%- elif entry.aggregation == 'mean' -%}
        {%- set total = 'cast(sum(' ~ entry.expression ~ ') as ' ~ double ~ ')' ~ divide -%}
        {%- set count = 'count(' ~ entry.expression ~ ')' -%}
        {%- set result = {
            'value': total ~ ' / nullif(' ~ count ~ ', 0)',
            'numerator': total,
            'denominator': 'cast(' ~ count ~ ' as ' ~ double ~ ')'} -%}
    {%- elif entry.aggregation in ('median', 'p90') -%}
        {%- set fraction = 0.5 if entry.aggregation == 'median' else 0.9 -%}
        {%- set result = {
            'value': 'cast(' ~ percentile(entry.expression, fraction) ~ ' as ' ~ double ~ ')' ~ divide,
            'numerator': none_value, 'denominator': none_value} -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error("KPI " ~ entry.kpi ~ ": unknown aggregation " ~ entry.aggregation) }}
    {%- endif -%}
    {{ return(result) }}
{%- endmacro %}

{#- The rows a KPI of `fact` aggregates: `relations[fact]` when the caller prepared them (a CTE name), else the
    fact itself. A level series (period_series) gets `is_period_start` / `is_period_end`: per day when the rows
    are grouped by date, else each series' first and last day within `partition_columns`. -#}
{% macro kpi_fact_relation(fact, include_date, partition_columns=[], relations=none) -%}
    {%- set info = kpi_facts()[fact] -%}
    {%- if relations is not none and fact in relations -%}
        {{ return(relations[fact]) }}
    {%- elif info.get('period_series') is none -%}
        {{ return(ref(fact)) }}
    {%- elif include_date -%}
        {{ return('(select *, true as is_period_start, true as is_period_end from ' ~ ref(fact) ~ ') as period_rows') }}
    {%- else -%}
        {{ return('(' ~ kpi_period_flags(ref(fact), info.date_column, info.period_series + partition_columns) ~ ') as period_rows') }}
    {%- endif -%}
{%- endmacro %}

{#- A select of `relation` with `is_period_start` / `is_period_end`: the first / last `date_column` of each
    partition. -#}
{% macro kpi_period_flags(relation, date_column, partition_columns) -%}
    {%- set partition = 'partition by ' ~ (partition_columns | join(', ')) if partition_columns else '' -%}
    select *,
        {{ date_column }} = min({{ date_column }}) over ({{ partition }}) as is_period_start,
        {{ date_column }} = max({{ date_column }}) over ({{ partition }}) as is_period_end
    from {{ relation }}
{%- endmacro %}

{#- One `select` per KPI of the registry over its fact, grouped by `group_columns` (group names of
    kpi_facts(), output under those names), the `extra_columns` the caller's relations carry, and the fact's
    date as `kpi_date`; unioned. `sections`, `facts` and `kpis` narrow the registry; a KPI whose fact lacks
    one of the groups, or that cannot be split by one (`unscoped`: costs have no language), is left out, and so
    is a KPI comparing with the previous period (`comparison`) unless `kpis` names it. -#}
{% macro kpi_rows(group_columns, include_date=true, sections=none, facts=none, kpis=none, relations=none, extra_columns=[]) -%}
    {%- set fact_info = kpi_facts() -%}
    {%- set selected = [] -%}
    {%- for entry in kpi_registry() -%}
        {%- if (sections is none or entry.section in sections) and (facts is none or entry.fact in facts)
            and (kpis is none or entry.kpi in kpis)
            and (entry.get('comparison') is none or (kpis is not none and entry.kpi in kpis))
            and (group_columns | select('in', entry.get('unscoped', {})) | list | length == 0)
            and entry.fact in fact_info
            and (relations is none or entry.fact in relations)
            and (group_columns | reject('in', fact_info[entry.fact].groups) | list | length == 0) -%}
            {%- do selected.append(entry) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for entry in selected %}
    {%- set sql = kpi_aggregates(entry) %}
    {%- set info = fact_info[entry.fact] %}
    {%- set grouping = [] %}
    {%- if include_date %}{% do grouping.append(info.date_column) %}{% endif %}
    {%- for column in extra_columns %}{% do grouping.append(column) %}{% endfor %}
    {%- for name in group_columns %}{% do grouping.append(info.groups[name]) %}{% endfor %}
    select
        {% if include_date %}{{ info.date_column }} as kpi_date,{% endif %}
        {% for column in extra_columns %}{{ column }},{% endfor %}
        {% for name in group_columns %}{{ info.groups[name] }} as {{ name }},{% endfor %}
        '{{ entry.kpi }}' as kpi,
        {{ sql.value }} as value,
        {{ sql.numerator }} as numerator,
        {{ sql.denominator }} as denominator,
        '{{ entry.unit }}' as unit
    from {{ kpi_fact_relation(entry.fact, include_date, extra_columns, relations) }}
    {% if grouping %}group by {{ grouping | join(', ') }}{% endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}
