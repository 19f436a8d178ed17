{#- The ROI / unit-economics KPIs of kpis.md §7, registered in the one KPI registry (macros/kpi_registry.sql:
    fact fct_roi_monthly in kpi_facts(), these entries in kpi_registry(), aggregation 'custom' in
    kpi_aggregates()), so `socialkpi kpis`, dim_kpis and the app serve them like every other KPI.
    'ratio' is a ratio of sums: value = Σ numerator ÷ Σ denominator (both SQL expressions on a fact row), the
    parts exported as numerator and denominator. 'custom' carries its three aggregate expressions (KPIs that are
    a product of two ratios). incremental_revenue needs the previous month and is served from
    rpt_revenue__unit_economics_monthly only. The same formulas, row by row, are in that model. -#}

{% macro attribution_kpi_registry() -%}
    {%- set f = 'fct_roi_monthly' -%}
    {%- set money = var('reporting_currency') or 'no reporting currency' -%}
    {%- set aov = 'sum(attributed_revenue_amount) / nullif(sum(attributed_conversions), 0)' -%}
    {%- set cost_per_interaction = 'sum(support_cost_amount) / nullif(sum(handled_interactions), 0)' -%}
    {%- set s = 'roi' -%}
    {{ return([
        {'kpi': 'cost_per_handled_interaction', 'label': 'Cost per handled interaction', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'support_cost_amount', 'denominator': 'handled_interactions', 'unit': money},
        {'kpi': 'value_per_interaction', 'label': 'Value per interaction (AOV × DM conversion rate)', 'section': s, 'fact': f, 'aggregation': 'custom',
            'value': '(' ~ aov ~ ') * sum(converted_dm_conversations) / nullif(sum(dm_conversations), 0)',
            'numerator_sql': '(' ~ aov ~ ') * sum(converted_dm_conversations)', 'denominator_sql': 'sum(dm_conversations)', 'unit': money},
        {'kpi': 'contribution_per_conversation', 'label': 'Contribution per conversation', 'section': s, 'fact': f, 'aggregation': 'custom',
            'value': '((' ~ aov ~ ') * sum(converted_dm_conversations) - (' ~ cost_per_interaction ~ ') * sum(dm_conversations)) / nullif(sum(dm_conversations), 0)',
            'numerator_sql': '(' ~ aov ~ ') * sum(converted_dm_conversations) - (' ~ cost_per_interaction ~ ') * sum(dm_conversations)',
            'denominator_sql': 'sum(dm_conversations)', 'unit': money},
        {'kpi': 'cpa', 'label': 'Cost per acquisition (new customers)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'ad_spend_amount', 'denominator': 'new_customers', 'unit': money},
        {'kpi': 'roas', 'label': 'Return on ad spend', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'attributed_revenue_amount', 'denominator': 'ad_spend_amount', 'unit': 'times'},
        {'kpi': 'revenue_per_conversion', 'label': 'Revenue per conversion (AOV)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'attributed_revenue_amount', 'denominator': 'attributed_conversions', 'unit': money},
        {'kpi': 'cost_per_lead', 'label': 'Cost per lead', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'ad_spend_amount', 'denominator': 'leads', 'unit': money},
        {'kpi': 'cpm', 'label': 'Cost per thousand paid impressions', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'case when paid_impressions is not null then ad_spend_amount end', 'denominator': 'paid_impressions / 1000.0', 'unit': money},
        {'kpi': 'customer_ltv', 'label': 'Mean customer lifetime value (to date)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'new_customer_lifetime_revenue_amount', 'denominator': 'new_customers', 'unit': money},
        {'kpi': 'ltv_to_cac', 'label': 'LTV : CAC', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'new_customer_lifetime_revenue_amount', 'denominator': 'ad_spend_amount', 'unit': 'times'},
        {'kpi': 'social_conversion_rate', 'label': 'Conversion rate from social interactions', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_conversations', 'denominator': 'conversations', 'unit': 'ratio'},
        {'kpi': 'dm_conversion_rate', 'label': 'DM conversion rate', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_dm_conversations', 'denominator': 'dm_conversations', 'unit': 'ratio'},
        {'kpi': 'comment_conversion_rate', 'label': 'Comment → sale', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'converted_comments', 'denominator': 'qualifying_comments', 'unit': 'ratio'},
        {'kpi': 'community_influenced_revenue', 'label': 'Community-influenced revenue (direct + assisted)', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'community_influenced_revenue_amount', 'unit': money},
        {'kpi': 'assisted_value_share', 'label': 'Assisted value share', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'assisted_revenue_amount', 'denominator': 'attributed_revenue_amount', 'unit': 'ratio'},
        {'kpi': 'promo_code_redemptions', 'label': 'Promo-code redemptions', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'promo_code_redemptions', 'unit': 'orders'},
        {'kpi': 'promo_code_redemption_rate', 'label': 'Redemptions per promo code issued', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'promo_code_redemptions', 'denominator': 'promo_codes_issued', 'unit': 'times'},
        {'kpi': 'crm_sync_completeness', 'label': 'Leads matched to a CRM contact', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'leads_synced_to_crm', 'denominator': 'leads', 'unit': 'ratio'},
        {'kpi': 'responses_per_agent_hour', 'label': 'Human responses per agent-hour', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'human_responses', 'denominator': 'agent_hours', 'unit': 'messages per hour'},
        {'kpi': 'cost_per_conversation', 'label': 'Cost per conversation (cost to serve)', 'section': s, 'fact': f, 'aggregation': 'ratio', 'numerator': 'support_cost_amount', 'denominator': 'handled_conversations', 'unit': money},
        {'kpi': 'attributed_revenue', 'label': 'Attributed revenue', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'attributed_revenue_amount', 'unit': money},
        {'kpi': 'attributed_conversions', 'label': 'Attributed conversions', 'section': s, 'fact': f, 'aggregation': 'sum', 'expression': 'attributed_conversions', 'unit': 'conversions'},
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
