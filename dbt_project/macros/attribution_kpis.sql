{#- The ROI / unit-economics KPIs of kpis.md §7, registered in the one KPI registry (macros/kpi_registry.sql:
    facts fct_roi_daily and fct_new_customer_retention in kpi_facts(), these entries in kpi_registry(),
    aggregation 'custom' in kpi_aggregates()), so `socialkpi kpis`, dim_kpis and the app serve them like every
    other KPI, for ANY period: the fact is at day grain (monthly costs spread over their days).
    'ratio' is a ratio of sums: value = Σ numerator ÷ Σ denominator (both SQL expressions on a fact row), the
    parts exported as numerator and denominator. 'custom' carries its three aggregate expressions (KPIs that are
    a product of two ratios, or a difference of two rates).
    `unscoped` {filter: reason}: a filter the KPI cannot take because part of it has no such column (costs have
    no channel or language): `socialkpi kpis` returns such a KPI unfiltered with a note, and kpi_rows never
    groups it by that column.
    `comparison: previous_period`: the KPI compares the period with the one of equal length just before it
    (incremental revenue): its SQL reads the flag `is_previous_period`, which `socialkpi kpis` sets on the rows
    of the earlier period; it has no day grain, so kpi_rows leaves it out unless asked for by id.
    The monthly report rpt_revenue__unit_economics_monthly computes the same formulas per calendar month. -#}

{% macro attribution_kpi_registry() -%}
    {%- set f = 'fct_roi_daily' -%}
    {%- set costs = {'channel': 'costs have no channel', 'language': 'costs have no language'} -%}
    {%- set codes = {'channel': 'promo codes issued have no channel', 'language': 'promo codes issued have no language'} -%}
    {%- set current = 'case when not is_previous_period then {} end' -%}
    {%- set previous = 'case when is_previous_period then {} end' -%}
    {%- set current_aov = 'sum(' ~ current.format('attributed_revenue_amount') ~ ') / nullif(sum(' ~ current.format('attributed_conversions') ~ '), 0)' -%}
    {#- Δ DM conversion rate × DM volume (kpis.md §7): converted DMs now − the DMs now at the previous period's rate -#}
    {%- set incremental_conversions = 'sum(' ~ current.format('converted_dm_conversations') ~ ') - sum(' ~ previous.format('converted_dm_conversations') ~ ') * sum(' ~ current.format('dm_conversations') ~ ') / nullif(sum(' ~ previous.format('dm_conversations') ~ '), 0)' -%}
    {#- retention uplift = repeat rate served − not served = (sr·u − ur·s) ÷ (s·u): one fraction, so it is exported
        with a numerator and denominator like every rate (empty when either group is empty) -#}
    {%- set uplift = 'sum(served_repeat_customers) / nullif(sum(served_customers), 0) - sum(unserved_repeat_customers) / nullif(sum(unserved_customers), 0)' -%}
    {%- set uplift_numerator = 'case when sum(served_customers) > 0 and sum(unserved_customers) > 0 then sum(served_repeat_customers) * sum(unserved_customers) - sum(unserved_repeat_customers) * sum(served_customers) end' -%}
    {%- set uplift_denominator = 'case when sum(served_customers) > 0 and sum(unserved_customers) > 0 then sum(served_customers) * sum(unserved_customers) end' -%}
    {%- set money = var('reporting_currency') or 'no reporting currency' -%}
    {%- set aov = 'sum(attributed_revenue_amount) / nullif(sum(attributed_conversions), 0)' -%}
    {%- set cost_per_interaction = 'sum(support_cost_amount) / nullif(sum(handled_interactions), 0)' -%}
    {%- set s = 'roi' -%}
    {{ return([
        {'kpi': 'cost_per_handled_interaction', 'label': 'Cost per handled interaction', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'support_cost_amount', 'denominator': 'handled_interactions', 'unscoped': costs, 'unit': money},
        {'kpi': 'value_per_interaction', 'label': 'Value per interaction (AOV × DM conversion rate)', 'section': s, 'fact': f, 'aggregation': 'custom',
            'value': '(' ~ aov ~ ') * sum(converted_dm_conversations) / nullif(sum(dm_conversations), 0)',
            'numerator_sql': '(' ~ aov ~ ') * sum(converted_dm_conversations)', 'denominator_sql': 'sum(dm_conversations)', 'unit': money},
        {'kpi': 'contribution_per_conversation', 'label': 'Contribution per conversation', 'section': s, 'fact': f, 'aggregation': 'custom',
            'value': '((' ~ aov ~ ') * sum(converted_dm_conversations) - (' ~ cost_per_interaction ~ ') * sum(dm_conversations)) / nullif(sum(dm_conversations), 0)',
            'numerator_sql': '(' ~ aov ~ ') * sum(converted_dm_conversations) - (' ~ cost_per_interaction ~ ') * sum(dm_conversations)',
            'denominator_sql': 'sum(dm_conversations)', 'unscoped': costs, 'unit': money},
        {'kpi': 'cpa', 'label': 'Cost per acquisition (new customers)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'ad_spend_amount', 'denominator': 'new_customers', 'unscoped': costs, 'unit': money},
        {'kpi': 'roas', 'label': 'Return on ad spend', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'attributed_revenue_amount', 'denominator': 'ad_spend_amount', 'unscoped': costs, 'unit': 'times'},
        {'kpi': 'revenue_per_conversion', 'label': 'Revenue per conversion (AOV)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'attributed_revenue_amount', 'denominator': 'attributed_conversions', 'unit': money},
        {'kpi': 'cost_per_lead', 'label': 'Cost per lead', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'ad_spend_amount', 'denominator': 'leads', 'unscoped': costs, 'unit': money},
        {'kpi': 'cpm', 'label': 'Cost per thousand paid impressions', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'case when paid_impressions is not null then ad_spend_amount end', 'denominator': 'paid_impressions / 1000.0', 'unscoped': costs, 'unit': money},
        {'kpi': 'customer_ltv', 'label': 'Mean customer lifetime value (to date)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'new_customer_lifetime_revenue_amount', 'denominator': 'new_customers', 'unit': money},
        {'kpi': 'ltv_to_cac', 'label': 'LTV : CAC', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'new_customer_lifetime_revenue_amount', 'denominator': 'ad_spend_amount', 'unscoped': costs, 'unit': 'times'},
        {'kpi': 'social_conversion_rate', 'label': 'Conversion rate from social interactions', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_conversations', 'denominator': 'conversations', 'unit': 'ratio'},
        {'kpi': 'dm_conversion_rate', 'label': 'DM conversion rate', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_dm_conversations', 'denominator': 'dm_conversations', 'unit': 'ratio'},
        {'kpi': 'comment_conversion_rate', 'label': 'Comment → sale', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_comments', 'denominator': 'qualifying_comments', 'unit': 'ratio'},
        {'kpi': 'community_influenced_revenue', 'label': 'Community-influenced revenue (direct + assisted)', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'community_influenced_revenue_amount', 'unit': money},
        {'kpi': 'assisted_value_share', 'label': 'Assisted value share', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'assisted_revenue_amount', 'denominator': 'attributed_revenue_amount', 'unit': 'ratio'},
        {'kpi': 'promo_code_redemptions', 'label': 'Promo-code redemptions', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'promo_code_redemptions', 'unit': 'orders'},
        {'kpi': 'promo_code_redemption_rate', 'label': 'Redemptions per promo code issued', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'promo_code_redemptions', 'denominator': 'promo_codes_issued', 'unscoped': codes, 'unit': 'times'},
        {'kpi': 'crm_sync_completeness', 'label': 'Leads matched to a CRM contact', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'leads_synced_to_crm', 'denominator': 'leads', 'unit': 'ratio'},
        {'kpi': 'responses_per_agent_hour', 'label': 'Human responses per agent-hour', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'human_responses', 'denominator': 'agent_hours', 'unscoped': costs, 'unit': 'messages per hour'},
        {'kpi': 'cost_per_conversation', 'label': 'Cost per conversation (cost to serve)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'support_cost_amount', 'denominator': 'handled_conversations', 'unscoped': costs, 'unit': money},
        {'kpi': 'attributed_revenue', 'label': 'Attributed revenue', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'attributed_revenue_amount', 'unit': money},
        {'kpi': 'attributed_conversions', 'label': 'Attributed conversions', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'attributed_conversions', 'unit': 'conversions'},
        {'kpi': 'incremental_conversions', 'label': 'Incremental conversions (Δ DM conversion rate × DM volume, vs the previous period)', 'section': s, 'fact': f, 'aggregation': 'custom', 'comparison': 'previous_period',
            'value': incremental_conversions, 'numerator_sql': incremental_conversions, 'denominator_sql': 'null', 'unit': 'conversions'},
        {'kpi': 'incremental_revenue', 'label': 'Incremental revenue (Δ DM conversion rate × DM volume × AOV, vs the previous period)', 'section': s, 'fact': f, 'aggregation': 'custom', 'comparison': 'previous_period',
            'value': '(' ~ incremental_conversions ~ ') * (' ~ current_aov ~ ')', 'numerator_sql': '(' ~ incremental_conversions ~ ') * (' ~ current_aov ~ ')', 'denominator_sql': 'null', 'unit': money},
        {'kpi': 'retention_uplift', 'label': 'Retention uplift (repeat-purchase rate, served in DMs − not served)', 'section': s, 'fact': 'fct_new_customer_retention', 'aggregation': 'custom',
            'value': uplift, 'numerator_sql': uplift_numerator, 'denominator_sql': uplift_denominator, 'unit': 'ratio'},
    ]) }}
{%- endmacro %}

{% macro attribution_kpi_aggregates(entry) -%}
    {%- set double = type_double() -%}
    {%- if entry.aggregation == 'ratio' -%}
        {%- set numerator = 'cast(sum(' ~ entry.numerator ~ ') as ' ~ double ~ ')' -%}
        {%- set denominator = 'cast(sum(' ~ entry.denominator ~ ') as ' ~ double ~ ')' -%}
        {{ return({'value': numerator ~ ' / nullif(' ~ denominator ~ ', 0)', 'numerator': numerator, 'denominator': denominator}) }}
    {%- elif entry.aggregation == 'custom' -%}
        {{ return({'value': 'cast(' ~ entry.value ~ ' as ' ~ double ~ ')',
                   'numerator': 'cast(' ~ entry.numerator_sql ~ ' as ' ~ double ~ ')',
                   'denominator': 'cast(' ~ entry.denominator_sql ~ ' as ' ~ double ~ ')'}) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("attribution KPI " ~ entry.kpi ~ ": aggregation " ~ entry.aggregation ~ " is the registry's own") }}
    {%- endif -%}
{%- endmacro %}
