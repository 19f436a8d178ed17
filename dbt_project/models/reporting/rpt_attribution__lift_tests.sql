-- One row per experiment × language (`(all)` too) × metric × variant compared with `control`: both arms'
-- values, absolute and relative lift, a 95 % confidence interval and a two-sided p-value (kpis.md §7, §9).
--   conversion_rate  converted ÷ conversations             two-proportion z: CI with the unpooled standard error,
--   retention_rate   retained ÷ converted conversations    p-value with the pooled one
--   aov              mean revenue of converted conversations  Welch (unequal variances), normal critical value
--                                                          1.96 and normal p-value (large-sample approximation)
-- Significant only when the interval excludes 0 AND both arms reach var lift_min_sample_per_arm units of the
-- metric (conversations, or converted conversations for AOV and retention), the sample size fixed before launch.
{%- set min_sample = var('lift_min_sample_per_arm') %}

with

arms as (

    select experiment_id, language, variant, conversations, converted_conversations, retained_conversations,
        revenue_conversations, revenue_total, revenue_squares_total
    from {{ ref('int_experiment_arms_aggregated') }}

),

paired as (

    select
        treatment.experiment_id,
        treatment.language,
        control.variant as control_variant,
        treatment.variant as treatment_variant,
        control.conversations as control_conversations,
        treatment.conversations as treatment_conversations,
        control.converted_conversations as control_converted,
        treatment.converted_conversations as treatment_converted,
        control.retained_conversations as control_retained,
        treatment.retained_conversations as treatment_retained,
        control.revenue_conversations as control_revenue_n,
        treatment.revenue_conversations as treatment_revenue_n,
        control.revenue_total as control_revenue_total,
        treatment.revenue_total as treatment_revenue_total,
        control.revenue_squares_total as control_revenue_squares,
        treatment.revenue_squares_total as treatment_revenue_squares
    from arms as treatment
    inner join arms as control
        on treatment.experiment_id = control.experiment_id
        and treatment.language = control.language
        and control.variant = 'control'
    where treatment.variant <> 'control'

),

proportions as (

    select experiment_id, language, control_variant, treatment_variant, 'conversion_rate' as metric,
        control_conversations as control_n, treatment_conversations as treatment_n,
        control_converted as control_successes, treatment_converted as treatment_successes
    from paired
    union all
    select experiment_id, language, control_variant, treatment_variant, 'retention_rate',
        control_converted, treatment_converted, control_retained, treatment_retained
    from paired

),

proportion_stats as (

    select
        experiment_id, language, metric, control_variant, treatment_variant, control_n, treatment_n,
        cast(control_successes as {{ type_double() }}) / nullif(control_n, 0) as control_value,
        cast(treatment_successes as {{ type_double() }}) / nullif(treatment_n, 0) as treatment_value,
        cast(control_successes + treatment_successes as {{ type_double() }})
            / nullif(control_n + treatment_n, 0) as pooled_value,
        'two_proportion_z' as method
    from proportions

),

proportion_tests as (

    select
        experiment_id, language, metric, control_variant, treatment_variant, control_n, treatment_n,
        control_value, treatment_value, method,
        sqrt(control_value * (1 - control_value) / nullif(control_n, 0)
            + treatment_value * (1 - treatment_value) / nullif(treatment_n, 0)) as standard_error,
        sqrt(pooled_value * (1 - pooled_value) * (1.0 / nullif(control_n, 0) + 1.0 / nullif(treatment_n, 0)))
            as test_standard_error
    from proportion_stats

),

mean_stats as (

    select
        experiment_id, language, 'aov' as metric, control_variant, treatment_variant,
        control_revenue_n as control_n, treatment_revenue_n as treatment_n,
        control_revenue_total / nullif(control_revenue_n, 0) as control_value,
        treatment_revenue_total / nullif(treatment_revenue_n, 0) as treatment_value,
        (control_revenue_squares - control_revenue_total * control_revenue_total / nullif(control_revenue_n, 0))
            / nullif(control_revenue_n - 1, 0) as control_variance,
        (treatment_revenue_squares - treatment_revenue_total * treatment_revenue_total / nullif(treatment_revenue_n, 0))
            / nullif(treatment_revenue_n - 1, 0) as treatment_variance
    from paired

),

mean_tests as (

    select
        experiment_id, language, metric, control_variant, treatment_variant, control_n, treatment_n,
        control_value, treatment_value,
        'welch_normal' as method,
        sqrt(greatest(control_variance, 0) / nullif(control_n, 0)
            + greatest(treatment_variance, 0) / nullif(treatment_n, 0)) as standard_error,
        sqrt(greatest(control_variance, 0) / nullif(control_n, 0)
            + greatest(treatment_variance, 0) / nullif(treatment_n, 0)) as test_standard_error
    from mean_stats

),

tests as (

    select * from proportion_tests
    union all
    select * from mean_tests

),

lifts as (

    select
        tests.*,
        treatment_value - control_value as absolute_lift,
        (treatment_value - control_value) / nullif(control_value, 0) as relative_lift,
        (treatment_value - control_value) / nullif(test_standard_error, 0) as z_score
    from tests

),

final as (

    select
        experiment_id,
        language,
        metric,
        control_variant,
        treatment_variant,
        cast(control_n as {{ dbt.type_bigint() }}) as control_n,
        cast(treatment_n as {{ dbt.type_bigint() }}) as treatment_n,
        control_value,
        treatment_value,
        round(absolute_lift, 6) as absolute_lift,
        round(relative_lift, 6) as relative_lift,
        round(standard_error, 6) as standard_error,
        round(absolute_lift - 1.96 * standard_error, 6) as ci_low,
        round(absolute_lift + 1.96 * standard_error, 6) as ci_high,
        round(z_score, 6) as z_score,
        round({{ normal_p_value('z_score') }}, 6) as p_value,
        method,
        {{ min_sample }} as min_sample_per_arm,
        coalesce(control_n >= {{ min_sample }} and treatment_n >= {{ min_sample }}, false) as is_sample_size_met,
        coalesce(
            control_n >= {{ min_sample }} and treatment_n >= {{ min_sample }}
            and (absolute_lift - 1.96 * standard_error > 0 or absolute_lift + 1.96 * standard_error < 0),
            false
        ) as is_significant
    from lifts

)

select * from final
