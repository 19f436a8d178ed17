-- One row per month × language: the language's share of conversations and its mean FRT against the other
-- languages' (`cohort_frt_ratio`), with the documents' staffing rule: a language with >= 20 % of the volume
-- and a ratio >= 3 is flagged "add bilingual agents" (golden: 140 ÷ 45 = 3.11).
with

conversations as (

    select
        {{ dbt.date_trunc('month', 'first_inbound_date') }} as cohort_month,
        language,
        frt_any_us
    from {{ ref('fct_conversations') }}

),

by_language as (

    select
        cohort_month,
        language,
        count(*) as conversations,
        sum(frt_any_us) as frt_any_total_us,
        count(frt_any_us) as responded_conversations
    from conversations
    group by cohort_month, language

),

by_month as (

    select
        cohort_month,
        sum(conversations) as month_conversations,
        sum(frt_any_total_us) as month_frt_any_total_us,
        sum(responded_conversations) as month_responded_conversations
    from by_language
    group by cohort_month

),

compared as (

    select
        by_language.cohort_month,
        by_language.language,
        by_language.conversations,
        {{ safe_divide('by_language.conversations', 'by_month.month_conversations') }} as volume_share,
        {{ microseconds_to_minutes(safe_divide('by_language.frt_any_total_us', 'by_language.responded_conversations')) }}
            as frt_any_mean_min,
        {{ microseconds_to_minutes(safe_divide(
            'by_month.month_frt_any_total_us - coalesce(by_language.frt_any_total_us, 0)',
            'by_month.month_responded_conversations - by_language.responded_conversations')) }}
            as other_languages_frt_any_mean_min
    from by_language
    inner join by_month
        on by_language.cohort_month = by_month.cohort_month

),

final as (

    select
        *,
        {{ safe_divide('frt_any_mean_min', 'other_languages_frt_any_mean_min') }} as cohort_frt_ratio,
        coalesce(
            volume_share >= {{ var('cohort_volume_share_threshold') }}
            and frt_any_mean_min / nullif(other_languages_frt_any_mean_min, 0) >= {{ var('cohort_frt_ratio_threshold') }},
            false
        ) as is_bilingual_staffing_flagged
    from compared

)

select * from final
