"""`socialkpi init DIR`: a commented starter settings folder.

Its active lines are exactly the defaults (open 24/7, one SLA policy, no holidays, no anchors, ECB rates, no
goals, the spec's alert thresholds), so a user who runs `init` and edits nothing gets the same numbers as one
with no folder at all; every other possibility (the spec's goal library among them) is a commented example to
copy. Lines starting with `#` are comments in every file.
"""

from __future__ import annotations

from pathlib import Path

GOAL_HEADER = (
    "goal_id,kpi,kind,platform,language,channel,intent,baseline,target,improvement_pct,start_date,deadline,"
    "window_days,owner,backup_owner,description"
)
# The spec's goal library (kpis.md §9), as commented rows to copy: none applies until a user uncomments it.
GOAL_LIBRARY = (
    "frt_3h_to_1h,frt_any_median_min,below,,,dm,,180,60,,2017-01-01,2017-04-01,30,Ana,Ben,median FRT 3 h -> < 1 h in 3 months",
    "dm_conversion_up,dm_conversion_rate,relative_change,,,,,,,15,2017-01-01,2017-07-01,30,Ana,Ben,DM conversion +15 % relative in 6 months",
    "positive_up,positive_share,relative_change,,,,,,,10,2017-01-01,2017-04-01,30,Chloe,Ana,positive sentiment +10 %",
    "ig_revenue_q3,community_influenced_revenue,relative_change,instagram,,,,,,15,2017-07-01,2017-10-01,30,Dev,Ana,Instagram conversation revenue +15 % in Q3",
    "ig_dm_leads,leads_generated,count_per_period,instagram,,dm,,50,120,,2017-01-01,2017-04-01,30,Dev,Ben,Instagram DM leads 50 -> 120 / month in 90 days",
    "fb_comment_conversion,comment_conversion_rate,level,facebook,,,,0.012,0.035,,2017-01-01,2017-03-02,30,Dev,Chloe,Facebook comment conversion 1.2 % -> 3.5 % in 60 days",
    "yt_response_rate,response_rate,level,youtube,,,,0.40,0.85,,2017-01-01,2017-02-15,30,Ben,Ana,YouTube response rate 40 % -> 85 % in 45 days",
    "messenger_leads,leads_generated,count_per_period,facebook,,dm,,,100,,2017-01-01,2017-03-02,60,Ben,Dev,Messenger 100 qualified leads in 60 days",
    "messenger_leads,response_rate,above,facebook,,dm,,,0.95,,2017-01-01,2017-03-02,30,Ben,Dev,... with response rate 95 %",
    "messenger_leads,avg_response_time_min,below,facebook,,dm,,,10,,2017-01-01,2017-03-02,30,Ben,Dev,... and average response < 10 min",
    "yt_comment_replies,comment_reply_rate,level,youtube,,,,0.30,0.70,,2017-01-01,2017-05-01,30,Chloe,Ben,YouTube comment reply rate 30 % -> 70 % in 4 months",
    "engagement_rate_up,engagement_rate_impressions,level,,,,,0.012,0.018,,2017-01-01,2017-04-01,30,Chloe,Dev,engagement rate 1.2 % -> 1.8 % in 3 months",
    "avg_response_6h_to_45m,avg_response_time_min,below,,,,,360,45,,2017-01-01,2017-03-02,30,Ana,Ben,average response time 6 h -> 45 min in 60 days",
    "comments_per_post_up,comments_per_post,level,,,,,12,20,,2017-01-01,2017-04-01,30,Chloe,Dev,comments per post 12 -> 20 in 90 days",
    "tiktok_harmful_down,harmful_comments,relative_change,tiktok,,,,,,-70,2017-01-01,2017-04-01,30,Chloe,Ana,TikTok harmful comments -70 % in 90 days",
    "dm_response_rate,response_rate,level,,,dm,,0.72,0.90,,2017-01-01,2017-03-02,30,Ana,Ben,DM response rate 72 % -> 90 % in 60 days",
    "comments_within_1h,comment_reply_within_60m_rate,level,,,,,0.18,0.75,,2017-01-01,2017-04-01,30,Chloe,Ana,meaningful comments answered within 1 h 18 % -> 75 % in 90 days",
    "tiktok_moderation_36h_to_6h,comment_first_action_mean_min,below,tiktok,,,,2160,360,,2017-01-01,2017-01-31,30,Chloe,Ben,TikTok moderation first response 36 h -> 6 h in 30 days",
)
GOALS_STARTER = (
    """\
# Your SMART goals (docs/settings.md), one row per goal x KPI; rows sharing a goal_id are one goal with
# several KPIs (they share start_date, deadline, owner and backup_owner).
# kind: level (reach target), relative_change (baseline x (1 + improvement_pct / 100)), below / above (a
# threshold: < target / > target), count_per_period (a count over window_days, e.g. 30 = per month).
# Scope: platform, language, channel (dm, comment), intent; empty = all. baseline empty = the KPI over the
# window_days before start_date. target empty = baseline x (1 + improvement_pct / 100).
# Current value: the KPI over the window_days (default 30) ending on the last data day.
# The goal library of the spec, to uncomment and adapt (dates, owners, baselines):
"""
    + GOAL_HEADER
    + "\n"
    + "".join(f"# {row}\n" for row in GOAL_LIBRARY)
)
ALERT_RULES_STARTER = """\
# Alert thresholds (docs/settings.md). These active lines are the defaults that apply without this file;
# a rule left out of the file is off. Several rows of one rule: several severities or scopes (empty
# platform / language = every one; the most specific row of a rule x severity applies). Ratios are
# fractions (0.10 = 10 %); week-over-week changes are relative (this week / last week - 1).
# min_volume: the fewest conversations / comments / ratings a window needs before the rule judges it.
rule,threshold,severity,platform,language,min_volume,note
slow_first_response,0.10,critical,,,1,FRT > 1 h for > 10 % of the day's conversations
conversion_rate_drop,-0.20,critical,,,1,social conversion rate -20 % week over week
negative_sentiment,0.05,warning,,,1,negative share of the day's comments > 5 %
dm_waiting,24,critical,,,1,a DM waiting > 24 h for a first response
comment_volume_spike,0.50,warning,,,1,comment volume +50 % week over week
csat_drop,-0.10,warning,,,1,mean CSAT -10 % week over week
pause_negative_sentiment,0.10,critical,,,1,pause automation: negative share of the last 7 days > 10 %
pause_conversion_drop,0.50,critical,,,1,pause automation: conversion below 50 % of its 30-day baseline
# negative_sentiment,0.10,critical,instagram,fr-CA,20,stricter for the French Instagram queue
"""

STARTER = {
    "settings.toml": """\
# socialkpi settings (docs/settings.md). Every key is optional.

# Money KPIs are reported in this currency (ISO 4217). Unset: the data's only currency, or, when the data
# has several, money KPIs stay empty with the reason.
# reporting_currency = "CAD"

# The time zone of a default 24/7 calendar (IANA name). Unset: UTC.
# time_zone = "America/Toronto"

# Public holidays per queue of business_calendars.csv, from the `holidays` package: a country (FR) or
# country-subdivision (CA-ON, CA-QC). "*" applies to every queue without a line of its own.
[holiday_regions]
# "*" = "CA-ON"
# fr_support = "CA-QC"

# Retention: personal data (user ids, e-mails, names, addresses, message texts) of raw rows older than this
# many days is set to null after every load; the rows keep feeding KPIs. Unset: kept (nothing is purged).
[privacy]
# retention_days = 400
""",
    "business_calendars.csv": """\
# When each queue is open, in its own time zone. weekday: 1 = Monday ... 7 = Sunday; HH:MM, 24:00 = midnight.
# A lunch break is two rows; a closed day has none. effective_from / effective_to (exclusive) date a
# version of the calendar; empty = always. Default (this file as written): open 24/7.
queue_id,time_zone,weekday,open_time,close_time,effective_from,effective_to
default,UTC,1,00:00,24:00,,
default,UTC,2,00:00,24:00,,
default,UTC,3,00:00,24:00,,
default,UTC,4,00:00,24:00,,
default,UTC,5,00:00,24:00,,
default,UTC,6,00:00,24:00,,
default,UTC,7,00:00,24:00,,
# en_support,America/Toronto,1,09:00,18:00,2017-01-01,
""",
    "team_queues.csv": """\
# Which queue a conversation goes to, by platform and language (`*` = any; the most specific row wins).
platform,language,queue_id
*,*,default
# *,fr,fr_support
""",
    "holidays.csv": """\
# Your own closed days (action add) and public holidays you work (action remove), on top of the
# holiday_regions of settings.toml. queue_id `*` = every queue.
queue_id,holiday_date,action,holiday_name
# *,2017-12-24,add,Christmas Eve (office closed)
# *,2017-12-26,remove,Boxing Day (we work)
""",
    "sla_policies.csv": """\
# Targets in business minutes per queue x channel x priority x language (`*` = any). Empty
# effective_from = from the beginning of time; empty effective_to = still in force.
sla_policy_id,queue_id,channel,priority,language,first_response_target_min,resolution_target_min,effective_from,effective_to
default,*,*,*,*,120,1440,,
# dm,*,dm,*,*,60,1440,,
""",
    "currency_rates.csv": """\
# Your own rates (units of reporting_currency_code per unit of currency_code), used instead of the ECB's
# reference rates on the days they cover (effective_to exclusive; empty = open-ended).
currency_code,reporting_currency_code,rate,effective_from,effective_to
# USD,CAD,1.3514,2017-01-01,2017-02-01
""",
    "follower_anchors.csv": """\
# An account's follower count read in the app on a known day. Instagram, Facebook, LinkedIn and YouTube
# exports give daily gains only: without an anchor their follower level stays empty (never made up).
# account: empty = the platform's account when the landing has one.
platform,account,as_of_date,followers,note
# instagram,,2017-06-30,48200,read in the app at the end of the day
""",
    "goals.csv": GOALS_STARTER,
    "alert_rules.csv": ALERT_RULES_STARTER,
}


def write_starter(folder: str | Path, overwrite: bool = False) -> list[Path]:
    """Write the starter files into `folder`; an existing file is kept unless `overwrite`."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in STARTER.items():
        path = out / name
        if path.exists() and not overwrite:
            continue
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
