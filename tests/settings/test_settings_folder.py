"""The settings folder: every file parses, a bad value names file, row and field, `init` parses back to
the defaults, and the sample brand's values live only in the sample's own folder."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.config import settings_path
from pipelines.sample.settings import write_settings
from pipelines.settings import SettingsError, read_settings
from pipelines.settings.folder import DEFAULT_QUEUE, FILES
from pipelines.settings.starter import GOAL_HEADER

CALENDAR_HEADER = "queue_id,time_zone,weekday,open_time,close_time,effective_from,effective_to\n"


def folder_with(tmp_path: Path, **files: str) -> str:
    folder = tmp_path / "settings"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return str(folder)


def test_no_folder_gives_the_honest_defaults(tmp_path):
    settings = read_settings(str(tmp_path / "absent"))
    assert settings.defaulted == FILES
    assert settings.reporting_currency is None and settings.holiday_regions == {}
    assert [(r.queue_id, r.time_zone, r.weekday, r.open_time, r.close_time, r.effective_from, r.effective_to)
            for r in settings.calendars] == [
        (DEFAULT_QUEUE, "UTC", day, "00:00", "24:00", None, None) for day in range(1, 8)
    ]  # fmt: skip
    assert [(q.platform, q.language, q.queue_id) for q in settings.queues] == [("*", "*", DEFAULT_QUEUE)]
    [policy] = settings.sla_policies
    assert (policy.sla_policy_id, policy.queue_id, policy.channel, policy.priority, policy.language) == (
        "default", "*", "*", "*", "*",
    )  # fmt: skip
    assert (policy.first_response_target_min, policy.resolution_target_min) == (120, 1440)
    assert (policy.effective_from, policy.effective_to) == (None, None)
    assert settings.holidays == [] and settings.currency_rates == [] and settings.follower_anchors == []


def test_init_writes_a_commented_folder_that_parses_back_to_the_defaults(tmp_path):
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(FILES)
    for path in target.iterdir():
        assert path.read_text(encoding="utf-8").lstrip().startswith("#"), path.name  # commented
    parsed, defaults = read_settings(str(target)), read_settings(None)
    assert parsed.defaulted == ()
    for name in ("calendars", "queues", "holidays", "sla_policies", "currency_rates", "follower_anchors"):
        assert getattr(parsed, name) == getattr(defaults, name), name
    (target / "settings.toml").write_text('reporting_currency = "eur"\n')
    assert main(["init", str(target)]) == 0  # an existing file is kept
    assert read_settings(str(target)).reporting_currency == "EUR"


def test_every_file_parses_with_its_values(tmp_path):
    folder = folder_with(
        tmp_path,
        settings__toml='reporting_currency = "CAD"\ntime_zone = "Europe/Paris"\n'
        '[holiday_regions]\nparis = "FR"\nmtl = "CA-QC"\n',
        business_calendars__csv=CALENDAR_HEADER + "# a comment line\n"
        "paris,Europe/Paris,1,09:00,12:30,2017-01-01,2018-01-01\nmtl,America/Toronto,7,13:00,24:00,,\n",
        team_queues__csv="platform,language,queue_id\n*,*,paris\nlinkedin,fr-CA,mtl\n",
        holidays__csv="queue_id,holiday_date,action,holiday_name\n*,2017-12-24,add,Veille\nmtl,2017-06-24,remove,\n",
        sla_policies__csv="sla_policy_id,queue_id,channel,priority,language,first_response_target_min,"
        "resolution_target_min,effective_from,effective_to\nfast,mtl,dm,urgent,fr,15,240,2017-03-01,\n",
        currency_rates__csv="currency_code,reporting_currency_code,rate,effective_from,effective_to\n"
        "zar,cad,0.1,2017-01-01,2017-02-01\n",
        follower_anchors__csv="platform,account,as_of_date,followers,note\ninstagram,@brand,2017-06-30,1200,\n"
        "youtube,,2017-06-30,80,app\n",
        goals__csv=GOAL_HEADER + "\n",
        alert_rules__csv="rule,threshold,severity\n",
    )
    s = read_settings(folder)
    assert (s.reporting_currency, s.time_zone, s.holiday_regions) == (
        "CAD", "Europe/Paris", {"paris": "FR", "mtl": "CA-QC"},
    )  # fmt: skip
    assert [(c.queue_id, c.weekday, c.open_time, c.close_time, c.effective_from, c.effective_to) for c in s.calendars] == [
        ("paris", 1, "09:00", "12:30", date(2017, 1, 1), date(2018, 1, 1)),
        ("mtl", 7, "13:00", "24:00", None, None),
    ]  # fmt: skip
    assert [(q.platform, q.language, q.queue_id) for q in s.queues] == [
        ("*", "*", "paris"),
        ("linkedin", "fr-CA", "mtl"),
    ]
    assert [(h.queue_id, h.holiday_date, h.action, h.holiday_name) for h in s.holidays] == [
        ("*", date(2017, 12, 24), "add", "Veille"), ("mtl", date(2017, 6, 24), "remove", None),
    ]  # fmt: skip
    [policy] = s.sla_policies
    assert (policy.channel, policy.priority, policy.first_response_target_min, policy.effective_from) == (
        "dm", "urgent", 15, date(2017, 3, 1),
    )  # fmt: skip
    [rate] = s.currency_rates
    assert (rate.currency_code, rate.reporting_currency_code, rate.rate) == ("ZAR", "CAD", Decimal("0.1"))
    assert [(a.platform, a.account, a.followers) for a in s.follower_anchors] == [
        ("instagram", "@brand", 1200), ("youtube", None, 80),
    ]  # fmt: skip
    assert s.defaulted == ()


BAD = [
    # (file, content, row, field, words in the message)
    ("business_calendars.csv", CALENDAR_HEADER + "q,America/Toronto,8,09:00,17:00,,\n", 2, "weekday", "less than or equal to 7"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,America/Toronto,1,09:00,17:00,,\nq,Mars/Base,2,09:00,17:00,,\n", 3, "time_zone", "IANA"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,18:00,09:00,,\n", 2, "close_time", "not after it opens"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,9h,17:00,,\n", 2, "open_time", "HH:MM"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,09:00,17:00,2017-31-01,\n", 2, "effective_from", "date"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,09:00,17:00,2017-02-01,2017-01-01\n", 2, "effective_to", "after effective_from"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,09:00,17:00,,\nq,Europe/Paris,2,09:00,17:00,,\n", 3, "time_zone", "one per queue"),
    ("business_calendars.csv", "queue_id,time_zone,weekday,open_time,close_time,opens_on\n", 1, "opens_on", "unknown column"),
    ("business_calendars.csv", "queue_id,weekday,open_time,close_time\n", 1, "time_zone", "required column"),
    ("business_calendars.csv", CALENDAR_HEADER + "q,UTC,1,09:00\n", 2, None, "has 4 cells"),
    ("team_queues.csv", "platform,language,queue_id\nmyspace,*,default\n", 2, "platform", "instagram"),
    ("team_queues.csv", "platform,language,queue_id\n*,*,nowhere\n", 2, "queue_id", "no business calendar"),
    ("holidays.csv", "queue_id,holiday_date,action\n*,2017-07-01,skip\n", 2, "action", "'add' or 'remove'"),
    ("holidays.csv", "queue_id,holiday_date\n*,\n", 2, "holiday_date", "required"),
    ("sla_policies.csv", "sla_policy_id,queue_id,channel,priority,language,first_response_target_min,resolution_target_min\n"
     "a,*,*,*,*,0,60\n", 2, "first_response_target_min", "greater than 0"),
    ("sla_policies.csv", "sla_policy_id,queue_id,channel,priority,language,first_response_target_min,resolution_target_min,effective_from\n"
     "a,*,dm,*,*,30,60,\nb,*,dm,*,*,45,60,2017-01-01\n", 3, "effective_from", "row 2"),
    ("currency_rates.csv", "currency_code,reporting_currency_code,rate\nUSD,CAD,-1\n", 2, "rate", "greater than 0"),
    ("currency_rates.csv", "currency_code,reporting_currency_code,rate\nDOLLAR,CAD,1.3\n", 2, "currency_code", "pattern"),
    ("follower_anchors.csv", "platform,account,as_of_date,followers\ninstagram,,2017-06-31,100\n", 2, "as_of_date", "date"),
    ("follower_anchors.csv", "platform,account,as_of_date,followers\ninstagram,,2017-06-30,1.5k\n", 2, "followers", "integer"),
    ("settings.toml", 'reporting_currency = "EURO"\n', None, "reporting_currency", "pattern"),
    ("settings.toml", '[holiday_regions]\n"*" = "CA-XX"\n', None, "holiday_regions", "not a subdivision of CA"),
    ("settings.toml", 'currency = "CAD"\n', None, "currency", "unknown setting"),
    ("settings.toml", 'reporting_currency = CAD\n', None, None, "not valid TOML"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "row", "field", "words"), BAD)
def test_a_bad_value_names_file_row_and_field(tmp_path, name, content, row, field, words):
    folder = folder_with(tmp_path, **{name.replace(".", "__"): content})
    with pytest.raises(SettingsError) as caught:
        read_settings(folder)
    error = caught.value
    assert (error.file, error.row, error.field) == (name, row, field), str(error)
    assert words in str(error)
    assert str(error).startswith(f"settings {name}")


def test_several_queues_without_routing_is_an_error_not_a_guess(tmp_path):
    folder = folder_with(
        tmp_path, business_calendars__csv=CALENDAR_HEADER + "a,UTC,1,09:00,17:00,,\nb,UTC,1,09:00,17:00,,\n"
    )
    with pytest.raises(SettingsError) as caught:
        read_settings(folder)
    assert caught.value.file == "team_queues.csv" and "a, b" in str(caught.value)


def test_settings_folder_flag_env_and_default(tmp_path, monkeypatch):
    monkeypatch.delenv("SOCIALKPI_SETTINGS", raising=False)
    assert settings_path(None, str(tmp_path / "landing")) == str(tmp_path / "landing" / "settings")
    monkeypatch.setenv("SOCIALKPI_SETTINGS", str(tmp_path / "env"))
    assert settings_path(None, str(tmp_path / "landing")) == str(tmp_path / "env")
    assert settings_path(str(tmp_path / "flag"), str(tmp_path / "landing")) == str(tmp_path / "flag")


def test_the_sample_brand_settings_are_written_beside_its_data_only(tmp_path):
    write_settings(tmp_path / "sample")
    s = read_settings(str(tmp_path / "sample" / "settings"))
    assert s.defaulted == () and s.reporting_currency == "CAD" and s.time_zone == "America/Toronto"
    assert s.queue_ids == ["b2b_support", "en_support", "fr_support"]
    assert {r.effective_from for r in s.calendars} == {date(2026, 1, 1), date(2026, 10, 1)}
    assert len(s.calendars) == 26 and len(s.sla_policies) == 6 and len(s.follower_anchors) == 4
    assert {(r.currency_code, r.rate, r.effective_from) for r in s.currency_rates} == {
        ("USD", Decimal("1.3514"), date(2026, month, 1)) for month in range(7, 12)
    }
    # nothing of it is a default anywhere: a landing beside it without its own folder gets the defaults
    other = read_settings(str(tmp_path / "other_landing" / "settings"))
    assert other.queue_ids == [DEFAULT_QUEUE] and other.follower_anchors == [] and other.currency_rates == []
