{#- One day's share of an amount spread evenly over `days` days, exact to `decimals` places: the amount in
    units of 10^-decimals is split into `days` equal whole parts and the remainder goes, one unit each, to the
    first days (largest-remainder rounding), so the days of a period always sum to exactly its amount, for a
    31-day month as for a 28-day one, negative amounts included (floor keeps the remainder in [0, days)).
    `day_number` runs 1 … days. NULL stays NULL (a cost without a currency rate). -#}
{% macro spread_evenly(amount, day_number, days, decimals=2) -%}
    {%- set units = 'cast(round(' ~ amount ~ ' * 1e' ~ decimals ~ ') as ' ~ dbt.type_bigint() ~ ')' -%}
    {%- set base = 'cast(floor(cast(' ~ units ~ ' as ' ~ type_double() ~ ') / (' ~ days ~ ')) as ' ~ dbt.type_bigint() ~ ')' -%}
    cast(
        ({{ base }} + case when ({{ day_number }}) <= {{ units }} - {{ base }} * ({{ days }}) then 1 else 0 end)
        / 1e{{ decimals }}
    as decimal(18, {{ decimals }}))
{%- endmacro %}
