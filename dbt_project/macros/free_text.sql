{#- Free text never reaches a mart (issue 13). Fields people type (campaign names, UTM values, promo codes,
    order notes, links) are kept only as the tags and links the KPIs group and join on, and only when they
    carry no personal value: stg_privacy__leaked_values holds every personal value of the raw layer (user id,
    e-mail, name, handle, phone) found inside one of them, and these macros replace such a field. Message
    text, names, addresses and notes themselves are never selected by staging at all. -#}

{#- A tag (campaign, UTM value, promo code, template, variant): kept as typed, or '(redacted)' when it holds
    an e-mail-like '@' or a personal value of the raw layer. -#}
{% macro free_tag(expression) -%}
    case
        when {{ expression }} is null then null
        when {{ _holds_personal(expression) }} then '(redacted)'
        else {{ expression }}
    end
{%- endmacro %}

{#- A link: scheme, host and path, with only its utm_* parameters (what attribution reads); a link any of
    whose parameters holds a personal value keeps its path only. Other parameters (e-mail tokens of mail
    tools, customer ids, search terms) are dropped. -#}
{% macro link_without_personal(expression) -%}
    case
        when {{ expression }} is null then null
        when {{ _holds_personal(expression) }} then regexp_extract({{ expression }}, '^[^?#]*')
        else regexp_extract({{ expression }}, '^[^?#]*') || coalesce('?' || nullif(array_to_string(
            list_filter(
                string_split(regexp_extract({{ expression }}, '\?([^#]*)', 1), '&'),
                lambda parameter: regexp_matches(parameter, '^utm_(source|medium|campaign|content|term)=', 'i')
            ), '&'), ''), '')
    end
{%- endmacro %}

{#- Shopify `Note Attributes`: only its `utm_…: value` lines (a checkout app writes them); when one of those
    lines holds a personal value, none of them is kept. -#}
{% macro utm_note_lines(expression) -%}
    {%- set lines -%}
        nullif(array_to_string(
            list_filter(
                string_split(replace({{ expression }}, chr(13), ''), chr(10)),
                lambda note_line: regexp_matches(note_line, '^\s*utm[ _](source|medium|campaign|content|term)\s*:', 'i')
            ), chr(10)), '')
    {%- endset -%}
    case
        when {{ _holds_personal(lines) }} then null
        else {{ lines }}
    end
{%- endmacro %}

{% macro _holds_personal(expression) -%}
    (
        {{ expression }} like '%@%' or lower({{ expression }}) like '%\%40%' escape '\'
        or exists (
            select 1 from {{ ref('stg_privacy__leaked_values') }} as leaked
            where contains(lower({{ expression }}), leaked.personal_value)
        )
    )
{%- endmacro %}

{#- A code that is matched across sources (a promo code sent in a DM, redeemed as an order's discount code):
    as typed, or its keyed hash when it holds a personal value, so the match still works and the code does
    not show the person. -#}
{% macro free_code(expression) -%}
    case
        when {{ expression }} is null then null
        when {{ _holds_personal(expression) }} then {{ hash_pii('upper(trim(' ~ expression ~ '))') }}
        else {{ expression }}
    end
{%- endmacro %}
