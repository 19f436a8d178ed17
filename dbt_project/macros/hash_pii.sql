{#- Personal data (user ids, e-mails, handles) leaves staging only as a keyed hash (HMAC-SHA-256), or not at
    all. `pii_hash` is registered on dbt's connection by the plugin pipelines/privacy/hashing_plugin.py
    (profiles.yml `plugins:`) with the secret key `socialkpi transform` passes to dbt: the key is never in the
    SQL, so it is in no view definition, compiled file, log or manifest. A salted hash written in SQL would
    be all of those, and a public salt is no secret at all (a list of e-mails reverses it).
    The same value hashes the same everywhere, so joins on it still work; Python hashes the same way
    (pipelines.privacy.keys.keyed_hash). Models that call it are materialized as tables, so a view built on
    them, read outside dbt (tests, checks), never needs the function. -#}
{% macro hash_pii(expression) -%}
    pii_hash(cast({{ expression }} as {{ dbt.type_string() }}))
{%- endmacro %}
