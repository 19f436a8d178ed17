{#- Personal data (user ids, e-mails, handles) leaves staging only as a salted hash, or not at all.
    The same value hashes the same everywhere, so joins on it still work. -#}
{% macro hash_pii(expression) -%}
    case
        when {{ expression }} is null then null
        else {{ dbt.hash(dbt.concat(["'" ~ var('pii_salt') ~ "'", expression])) }}
    end
{%- endmacro %}
