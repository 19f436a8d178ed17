{#- Adds the benchmark columns to content KPI rows (`relation` has platform, kpi, value): the band of seed
    `content_benchmark_bands` (a platform's own row, else the `*` row) and where the value falls (below /
    within / above, ends inclusive); for TikTok's `engagement_rate_views_lcs` the creator tier of seed
    `tiktok_creator_tiers` by `followers_column` and its rating (excellent / good / below_good); for
    `view_follower_ratio` its band of seed `view_follower_bands`. -#}
{% macro content_benchmarks(relation, followers_column=none) -%}
    select
        banded.*,
        case
            when banded.benchmark_low is null or banded.value is null then null
            when banded.value < banded.benchmark_low then 'below'
            when banded.value > banded.benchmark_high then 'above'
            else 'within'
        end as benchmark_position,
        tiers.tier as creator_tier,
        case
            when tiers.tier is null or banded.value is null then null
            when banded.value > tiers.excellent_above then 'excellent'
            when banded.value >= tiers.good_low then 'good'
            else 'below_good'
        end as creator_tier_rating,
        view_bands.band as view_follower_band
    from (
        select
            kpi_rows.*,
            coalesce(own_band.band_low, any_band.band_low) as benchmark_low,
            coalesce(own_band.band_high, any_band.band_high) as benchmark_high
        from {{ relation }} as kpi_rows
        left join {{ ref('content_benchmark_bands') }} as own_band
            on kpi_rows.kpi = own_band.kpi
            and kpi_rows.platform = own_band.platform
        left join {{ ref('content_benchmark_bands') }} as any_band
            on kpi_rows.kpi = any_band.kpi
            and any_band.platform = '*'
    ) as banded
    left join {{ ref('tiktok_creator_tiers') }} as tiers
        on banded.platform = 'tiktok'
        and banded.kpi = 'engagement_rate_views_lcs'
        {%- if followers_column %}
        and banded.{{ followers_column }} >= tiers.followers_from
        and (tiers.followers_below is null or banded.{{ followers_column }} < tiers.followers_below)
        {%- else %}
        and 1 = 0
        {%- endif %}
    left join {{ ref('view_follower_bands') }} as view_bands
        on banded.kpi = 'view_follower_ratio'
        and banded.value >= view_bands.ratio_from
        and (view_bands.ratio_below is null or banded.value < view_bands.ratio_below)
{%- endmacro %}
