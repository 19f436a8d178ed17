"""goals.csv and alert_rules.csv: every field parses, a bad goal names the goal, the row and the field,
the spec's goal library ships as commented rows that apply to nobody, and the alert defaults are the spec's."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.sample.settings import GOALS as SAMPLE_GOALS
from pipelines.sample.settings import write_settings
from pipelines.settings import SettingsError, land_settings, read_settings
from pipelines.settings.alert_rules import RULES
from pipelines.settings.starter import GOAL_HEADER, GOAL_LIBRARY

HEADER = GOAL_HEADER + "\n"


def folder_with(tmp_path: Path, **files: str) -> str:
    folder = tmp_path / "settings"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return str(folder)


def goal_line(**cells: str) -> str:
    values = {
        "goal_id": "g1",
        "kpi": "response_rate",
        "kind": "level",
        "baseline": "0.72",
        "target": "0.90",
        "start_date": "2017-01-01",
        "deadline": "2017-03-02",
        "owner": "support_lead",
    }
    values.update(cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        values.get(column, "") for column in GOAL_HEADER.split(",")
    )
    return buffer.getvalue()


def test_a_goal_row_parses_every_field(tmp_path):
    line = goal_line(
        platform="facebook", language="fr-CA", channel="dm", intent="purchase", window_days="60",
        backup_owner="community_lead", description="Messenger, French",
    )  # fmt: skip
    [goal] = read_settings(folder_with(tmp_path, goals__csv=HEADER + line)).goals
    assert goal.model_dump() == {
        "goal_id": "g1", "kpi": "response_rate", "kind": "level", "platform": "facebook",
        "language": "fr-CA", "channel": "dm", "intent": "purchase", "baseline": Decimal("0.72"),
        "improvement_pct": None, "target": Decimal("0.90"), "start_date": date(2017, 1, 1),
        "deadline": date(2017, 3, 2), "window_days": 60, "owner": "support_lead",
        "backup_owner": "community_lead", "description": "Messenger, French",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "field", "words"),
    [
        ({"deadline": "2016-12-31"}, "deadline", "must be after start_date 2017-01-01"),
        ({"deadline": "2017-01-01"}, "deadline", "must be after start_date 2017-01-01"),
        ({"target": "0.72"}, "target", "equals the baseline (0.72)"),
        ({"kind": "levels"}, "kind", "Input should be 'level'"),
        ({"kind": "relative_change", "target": ""}, "target", "needs improvement_pct"),
        ({"kind": "relative_change", "improvement_pct": "15"}, "target", "leave it empty"),
        ({"target": ""}, "target", "give a target, or improvement_pct"),
        ({"improvement_pct": "15"}, "target", "not both"),
        ({"target": "", "improvement_pct": "0"}, "improvement_pct", "target equal to the baseline"),
        ({"platform": "myspace"}, "platform", "Input should be"),
        ({"channel": "email"}, "channel", "Input should be"),
        ({"window_days": "0"}, "window_days", "greater than or equal to 1"),
        ({"start_date": "01/01/2017"}, "start_date", "date"),
        ({"owner": ""}, "owner", "Field required"),
    ],
)
def test_a_bad_goal_names_the_goal_the_row_and_the_field(tmp_path, cells, field, words):
    text = "# my goals\n" + HEADER + goal_line(goal_id="ok") + goal_line(goal_id="dm_rate", **cells)
    with pytest.raises(SettingsError) as caught:
        read_settings(folder_with(tmp_path, goals__csv=text))
    error = caught.value
    assert (error.file, error.row, error.field) == ("goals.csv", 4, field)
    assert error.detail.startswith("goal dm_rate: ") and words in error.detail, error.detail
    assert str(error).startswith(f"settings goals.csv, row 4, field {field}: goal dm_rate: ")


def test_threshold_kinds_are_written_as_the_spec_writes_them(tmp_path):
    text = HEADER + goal_line(goal_id="a", kind="<") + goal_line(goal_id="b", kind="Threshold_Above")
    assert [g.kind for g in read_settings(folder_with(tmp_path, goals__csv=text)).goals] == ["below", "above"]


def test_the_rows_of_one_goal_share_its_dates_and_owners_and_name_one_kpi_each(tmp_path):
    two_kpis = goal_line(
        goal_id="m", kpi="leads_generated", kind="count_per_period", baseline="", target="100"
    )
    fine = HEADER + goal_line(goal_id="m") + two_kpis
    assert [(g.goal_id, g.kpi) for g in read_settings(folder_with(tmp_path, goals__csv=fine)).goals] == [
        ("m", "response_rate"), ("m", "leads_generated"),
    ]  # fmt: skip
    other_deadline = (
        HEADER + goal_line(goal_id="m") + goal_line(goal_id="m", kpi="csat_mean", deadline="2017-04-01")
    )
    with pytest.raises(SettingsError) as caught:
        read_settings(folder_with(tmp_path, goals__csv=other_deadline))
    assert (caught.value.row, caught.value.field) == (3, "deadline")
    assert "goal m: deadline 2017-04-01 differs from row 2 (2017-03-02)" in caught.value.detail
    twice = HEADER + goal_line(goal_id="m") + goal_line(goal_id="m", target="0.95")
    with pytest.raises(SettingsError) as caught:
        read_settings(folder_with(tmp_path, goals__csv=twice))
    assert (caught.value.row, caught.value.field) == (3, "kpi")
    # the same KPI in another scope is another row of the goal
    scoped = HEADER + goal_line(goal_id="m") + goal_line(goal_id="m", platform="tiktok")
    assert len(read_settings(folder_with(tmp_path, goals__csv=scoped)).goals) == 2


def test_init_ships_the_goal_library_as_comments_that_parse_when_uncommented(tmp_path):
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert read_settings(str(target)).goals == []  # no example applies to anybody's data
    text = (target / "goals.csv").read_text(encoding="utf-8")
    commented = [line[2:] for line in text.splitlines() if line.startswith("# ") and line.count(",") >= 15]
    assert commented == list(GOAL_LIBRARY) and len(commented) == 18
    (target / "goals.csv").write_text(GOAL_HEADER + "\n" + "\n".join(commented) + "\n", encoding="utf-8")
    goals = read_settings(str(target)).goals
    expected = list(csv.reader(GOAL_LIBRARY))
    assert [(g.goal_id, g.kpi, g.kind, g.platform, g.channel, g.owner) for g in goals] == [
        (row[0], row[1], row[2], row[3] or None, row[5] or None, row[13]) for row in expected
    ]
    by_id = {(g.goal_id, g.kpi): g for g in goals}
    harmful = by_id[("tiktok_harmful_down", "harmful_comments")]
    assert (harmful.kind, harmful.improvement_pct, harmful.target) == (
        "relative_change",
        Decimal("-70"),
        None,
    )
    frt = by_id[("frt_3h_to_1h", "frt_any_median_min")]
    assert (frt.kind, frt.baseline, frt.target, frt.deadline) == ("below", 180, 60, date(2017, 4, 1))
    assert {g.kpi for g in goals if g.goal_id == "messenger_leads"} == {
        "leads_generated", "response_rate", "avg_response_time_min",
    }  # fmt: skip


def test_alert_rules_default_to_the_spec_and_a_file_replaces_them(tmp_path):
    defaults = read_settings(None).alert_rules
    assert [(r.rule, r.threshold, r.severity, r.platform, r.language, r.min_volume) for r in defaults] == [
        ("slow_first_response", Decimal("0.10"), "critical", None, None, 1),
        ("conversion_rate_drop", Decimal("-0.20"), "critical", None, None, 1),
        ("negative_sentiment", Decimal("0.05"), "warning", None, None, 1),
        ("dm_waiting", Decimal("24"), "critical", None, None, 1),
        ("comment_volume_spike", Decimal("0.50"), "warning", None, None, 1),
        ("csat_drop", Decimal("-0.10"), "warning", None, None, 1),
        ("pause_negative_sentiment", Decimal("0.10"), "critical", None, None, 1),
        ("pause_conversion_drop", Decimal("0.50"), "critical", None, None, 1),
    ]
    assert set(RULES) == {r.rule for r in defaults}
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    started = read_settings(str(target)).alert_rules  # the starter's active lines are the defaults
    assert [r.model_dump(exclude={"note"}) for r in started] == [
        r.model_dump(exclude={"note"}) for r in defaults
    ]
    mine = "rule,threshold,severity,platform,language,min_volume\nnegative_sentiment,0.1,critical,instagram,fr,20\n"
    [rule] = read_settings(folder_with(tmp_path, alert_rules__csv=mine)).alert_rules
    assert (rule.rule, rule.threshold, rule.platform, rule.language, rule.min_volume) == (
        "negative_sentiment", Decimal("0.1"), "instagram", "fr", 20,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("slow_response,0.1,critical,,,1", "rule"),
        ("dm_waiting,24,urgent,,,1", "severity"),
        ("dm_waiting,a day,critical,,,1", "threshold"),
        ("dm_waiting,24,critical,,,0", "min_volume"),
        ("dm_waiting,12,critical,,,1", "severity"),  # the same rule, severity and scope as row 2
    ],
)
def test_a_bad_alert_rule_names_the_row_and_the_field(tmp_path, line, field):
    text = "rule,threshold,severity,platform,language,min_volume\ndm_waiting,24,critical,,,1\n" + line + "\n"
    with pytest.raises(SettingsError) as caught:
        read_settings(folder_with(tmp_path, alert_rules__csv=text))
    assert (caught.value.file, caught.value.row, caught.value.field) == ("alert_rules.csv", 3, field)


def test_goals_and_rules_land_in_the_warehouse(tmp_path):
    folder = folder_with(
        tmp_path,
        goals__csv=HEADER + goal_line(platform="tiktok") + goal_line(goal_id="g2", kind="relative_change",
                                                                      baseline="", target="", improvement_pct="-70"),
    )  # fmt: skip
    warehouse = tmp_path / "w.duckdb"
    report = land_settings(folder, warehouse)
    assert "goals.csv" not in report.defaulted and "alert_rules.csv" in report.defaulted
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        goals = con.execute(
            "select goal_id, kpi, kind, platform, baseline, improvement_pct, target, start_date, deadline, "
            "window_days, owner from settings.goals order by goal_id"
        ).fetchall()
        rules = con.execute(
            "select rule, threshold, severity, min_volume from settings.alert_rules"
        ).fetchall()
    finally:
        con.close()
    assert goals == [
        ("g1", "response_rate", "level", "tiktok", 0.72, None, 0.9, date(2017, 1, 1), date(2017, 3, 2), 30,
         "support_lead"),
        ("g2", "response_rate", "relative_change", None, None, -70.0, None, date(2017, 1, 1), date(2017, 3, 2),
         30, "support_lead"),
    ]  # fmt: skip
    assert [(r, t) for r, t, _, _ in rules] == [(rule, float(d[1])) for rule, d in RULES.items()]


def test_the_sample_brand_has_goals_of_its_own_and_nobody_else_gets_them(tmp_path):
    write_settings(tmp_path)
    goals = read_settings(str(tmp_path / "settings")).goals
    assert [(g.goal_id, g.kpi) for g in goals] == [(row[0], row[1]) for row in SAMPLE_GOALS]
    assert all(g.start_date.year == 2026 for g in goals)
    assert read_settings(str(tmp_path / "elsewhere")).goals == []
