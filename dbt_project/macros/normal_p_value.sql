{#- Two-sided p-value of a standard normal statistic z: 2 × (1 − Φ(|z|)) = erfc(|z| ÷ √2), with erfc from
    Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), since SQL engines have no normal CDF. -#}
{% macro normal_p_value(z) -%}
    {%- set x = '(abs(' ~ z ~ ') / sqrt(2.0))' -%}
    {%- set t = '(1.0 / (1.0 + 0.3275911 * ' ~ x ~ '))' -%}
    ({{ t }} * (0.254829592 + {{ t }} * (-0.284496736 + {{ t }} * (1.421413741 + {{ t }} * (-1.453152027
        + {{ t }} * 1.061405429)))) * exp(-{{ x }} * {{ x }}))
{%- endmacro %}
