{#- A language tag in canonical BCP 47 case (`fr_ca`, `FR-ca` -> `fr-CA`); missing -> `und` (undetermined). -#}
{% macro bcp47_language(expression) -%}
    case
        when {{ expression }} is null or trim({{ expression }}) = '' then 'und'
        when {{ dbt.position("'-'", "replace(trim(" ~ expression ~ "), '_', '-')") }} > 0
            then lower({{ dbt.split_part("replace(trim(" ~ expression ~ "), '_', '-')", "'-'", 1) }})
                || '-'
                || upper({{ dbt.split_part("replace(trim(" ~ expression ~ "), '_', '-')", "'-'", 2) }})
        else lower(trim({{ expression }}))
    end
{%- endmacro %}
