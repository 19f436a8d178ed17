"""Every input family is optional (issue 11): a landing folder with only content exports, only commerce
exports, or only events builds, checks and publishes, and the app shows what exists and names what is absent.

Three landings, one real `socialkpi run` each (module-scoped: a dbt build takes a minute):
- content only: the sample generator's content/ folder;
- commerce only: its commerce/ and costs/ folders;
- events only: hand-written X (twitter) comments and DMs, some naming the message they answer
  (`in_reply_to_message_id`), whose KPIs are worked out below by hand.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV
from pipelines.kpis import KpiRequest, export_kpis
from tests.conftest import query, socialkpi

APP = str(REPO_ROOT / "app" / "streamlit_app.py")
PAGES = ("app_pages/operations.py", "app_pages/content.py", "app_pages/all_kpis.py", "app_pages/quality.py")
NO_CONVERSATIONS = "No conversations loaded: add events/ files (docs/inputs.md)"
NO_CONTENT = "No content exports loaded"
NO_ORDERS = "No orders loaded"
NO_COSTS = "No costs loaded"


@dataclass(frozen=True)
class Built:
    landing: Path
    warehouse: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def serving(self) -> Path:
        return self.warehouse.with_name(self.warehouse.stem + ".serving.duckdb")

    def rows(self, sql: str) -> list[tuple]:
        return query(self.warehouse, sql)


def build(landing: Path) -> Built:
    warehouse = landing.parent / "warehouse" / "socialkpi.duckdb"
    run = socialkpi("run", "--landing", str(landing), "--warehouse", str(warehouse))
    return Built(landing, warehouse, run.returncode, run.stdout, run.stderr)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("optional_sample") / "sample"
    generated = socialkpi("sample", "--out", str(out), "--seed", "11", "--scale", "0.2")
    assert generated.returncode == 0, generated.stderr
    return out


def landing_with(tmp_path_factory, sample: Path, name: str, folders: tuple[str, ...]) -> Path:
    landing = tmp_path_factory.mktemp(name) / "landing"
    for folder in folders:
        shutil.copytree(sample / folder, landing / folder)
    return landing


@pytest.fixture(scope="module")
def content_only(tmp_path_factory, sample) -> Built:
    return build(landing_with(tmp_path_factory, sample, "content_only", ("content",)))


@pytest.fixture(scope="module")
def commerce_only(tmp_path_factory, sample) -> Built:
    return build(landing_with(tmp_path_factory, sample, "commerce_only", ("commerce", "costs")))


# Events only: X comments and DMs (UTC). Worked out by hand:
# DM a: customer 10:00 (xm1) and 10:02 (xm2); the bot answers xm2 at 10:05 (names it), an agent writes at
#       10:30 naming nothing. Conversation: responded, FRT any 5 min, human 30 min. Messages: xm1 answered by
#       the 10:30 message (30 min), xm2 by the bot (3 min).
# DM b: customer 11:00, never answered.
# DM c: customer 12:00, agent 12:20. FRT any = human = 20 min.
# Comment thread k1 on post tw1: comments 13:00 (xc1) and 13:10 (xc2); an agent answers xc2 at 13:40 (names
#       it). xc1 stays unanswered. Conversation: responded, FRT 40 min (from 13:00), human 40.
# Comment thread k2: comments 14:00 (xc3) and 14:05 (xc4); one agent reply at 14:30 naming nothing answers
#       both (30 and 25 min). Conversation FRT 30 min, human 30.
DAY = "2026-09-15"
X_EVENTS = [
    ("a1", "dm_received", "10:00", "a", "customer", {"message_id": "xm1"}),
    ("a2", "dm_received", "10:02", "a", "customer", {"message_id": "xm2"}),
    ("a3", "auto_reply_sent", "10:05", "a", "bot", {"message_id": "xm3", "in_reply_to_message_id": "xm2"}),
    ("a4", "dm_response_sent", "10:30", "a", "agent", {"message_id": "xm4", "agent_id": "ag1"}),
    ("b1", "dm_received", "11:00", "b", "customer", {"message_id": "xm5"}),
    ("c1", "dm_received", "12:00", "c", "customer", {"message_id": "xm6"}),
    ("c2", "dm_response_sent", "12:20", "c", "agent", {"message_id": "xm7", "agent_id": "ag1"}),
    ("k1a", "comment_received", "13:00", "k1", "customer", {"message_id": "xc1", "content_id": "tw1"}),
    ("k1b", "comment_received", "13:10", "k1", "customer", {"message_id": "xc2", "content_id": "tw1"}),
    (
        "k1c",
        "comment_replied",
        "13:40",
        "k1",
        "agent",
        {"message_id": "xr1", "in_reply_to_message_id": "xc2"},
    ),
    ("k2a", "comment_received", "14:00", "k2", "customer", {"message_id": "xc3", "content_id": "tw1"}),
    ("k2b", "comment_received", "14:05", "k2", "customer", {"message_id": "xc4", "content_id": "tw1"}),
    ("k2c", "comment_replied", "14:30", "k2", "agent", {"message_id": "xr2"}),
]


def x_event_lines() -> str:
    lines = []
    for event_id, event, at, conversation, actor, extra in X_EVENTS:
        record = {
            "event_id": event_id,
            "event_name": f"x.{event}",
            "occurred_at": f"{DAY}T{at}:00Z",
            "conversation_id": conversation,
            "user_id": f"@fan_{conversation}" if actor == "customer" else "@brand",
            "actor": actor,
            "language": "en",
        }
        lines.append(json.dumps(record | extra))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def events_only(tmp_path_factory) -> Built:
    landing = tmp_path_factory.mktemp("events_only") / "landing"
    (landing / "events").mkdir(parents=True)
    (landing / "events" / "x_inbox.jsonl").write_text(x_event_lines(), encoding="utf-8")
    return build(landing)


def app_pages(built: Built, monkeypatch) -> dict[str, AppTest]:
    """Every page of the app on the landing's published copy, rendered without an exception."""
    monkeypatch.setenv(WAREHOUSE_ENV, str(built.warehouse))
    rendered = {}
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        rendered[page] = at
    return rendered


def notices(at: AppTest) -> str:
    return "\n".join(info.value for info in at.info)


def assert_built(built: Built) -> None:
    assert built.returncode == 0, built.stderr[-3000:]
    assert "step=transform status=ok" in built.stderr
    assert "step=publish status=ok" in built.stderr
    assert built.serving.is_file()


# Content only ---------------------------------------------------------------------------------------------


def post_ids_in_meta_exports(folder: Path) -> set[str]:
    """Post IDs of every Meta post export in `folder` (read here with csv, independently of the loader)."""
    ids: set[str] = set()
    for path in folder.glob("*.csv"):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if not text.startswith("Post ID,"):
            continue  # an account-level file (follows, reach), not a post export
        ids |= {row["Post ID"] for row in csv.DictReader(io.StringIO(text))}
    return ids


def test_content_only_builds_checks_and_publishes(content_only):
    assert_built(content_only)
    assert "step=load status=ok" in content_only.stderr and " rejected=0" in content_only.stderr
    for platform in ("instagram", "facebook"):
        expected = post_ids_in_meta_exports(content_only.landing / "content" / platform)
        assert expected, platform
        loaded = {
            post_id
            for (post_id,) in content_only.rows(
                f"select distinct post_id from marts.fct_post_daily where platform = '{platform}'"
            )
        }
        assert loaded == expected, platform
    for table in (
        "marts.fct_conversations",
        "marts.fct_comments",
        "marts.fct_orders",
        "reporting.rpt_inbox__daily",
    ):
        assert content_only.rows(f"select count(*) from {table}") == [(0,)], table
    assert "conversations            0 (no events loaded: add events/ files" in content_only.stdout
    # the raw suites of the absent families are skipped and named, not silently passed
    skipped = [line for line in content_only.stderr.splitlines() if "skipped_suites=" in line]
    assert skipped and "raw_events" in skipped[0] and "raw_shopify_order_lines" in skipped[0]


def test_content_only_check_all_layers(content_only):
    checked = socialkpi("check", "--layer", "all", "--warehouse", str(content_only.warehouse))
    assert checked.returncode == 0, checked.stderr[-3000:]
    assert "step=check status=ok" in checked.stderr
    assert "raw_events" in next(line for line in checked.stderr.splitlines() if "skipped_suites=" in line)


def test_content_only_app_shows_content_and_names_what_is_absent(content_only, monkeypatch):
    pages = app_pages(content_only, monkeypatch)
    for page, at in pages.items():
        shown = notices(at)
        assert NO_CONVERSATIONS in shown, page
        assert NO_ORDERS in shown and NO_COSTS in shown, page
        assert NO_CONTENT not in shown, page
    assert not pages["app_pages/operations.py"].metric  # nothing to show, and no error
    assert any(
        block.key and block.key.startswith("content_headline_")
        for block in _blocks(pages["app_pages/content.py"])
    )


def _blocks(at: AppTest):
    from streamlit.testing.v1.element_tree import Block

    stack = list(at.main)
    while stack:
        node = stack.pop()
        if isinstance(node, Block):
            yield node
            stack.extend(node.children.values())


# Commerce only --------------------------------------------------------------------------------------------


def test_commerce_only_builds_checks_and_publishes(commerce_only):
    assert_built(commerce_only)
    with open(commerce_only.landing / "costs" / "costs.csv", encoding="utf-8-sig", newline="") as f:
        cost_rows = list(csv.DictReader(f))
    assert commerce_only.rows("select count(*) from raw.costs") == [(len(cost_rows),)]
    [(orders,)] = commerce_only.rows("select count(*) from marts.fct_orders")
    assert orders > 0
    for table in ("marts.fct_conversations", "marts.fct_comments", "marts.fct_post_daily"):
        assert commerce_only.rows(f"select count(*) from {table}") == [(0,)], table


def test_commerce_only_app_names_what_is_absent(commerce_only, monkeypatch):
    for page, at in app_pages(commerce_only, monkeypatch).items():
        shown = notices(at)
        assert NO_CONVERSATIONS in shown and NO_CONTENT in shown, page
        assert NO_ORDERS not in shown and NO_COSTS not in shown, page


# Events only: X comments and DMs ------------------------------------------------------------------------


def test_events_only_builds_checks_and_publishes(events_only):
    assert_built(events_only)
    assert "step=load table=events loaded=13 rejected=0" in events_only.stderr
    assert events_only.rows("select count(*) from marts.fct_post_daily") == [(0,)]


def test_x_conversations_row_for_row(events_only):
    rows = events_only.rows(
        "select conversation_id, channel, is_responded, frt_any_min, frt_human_min "
        "from marts.fct_conversations where platform = 'x' order by conversation_id"
    )
    assert rows == [
        ("a", "dm", True, 5.0, 30.0),
        ("b", "dm", False, None, None),
        ("c", "dm", True, 20.0, 20.0),
        ("k1", "comment", True, 40.0, 40.0),
        ("k2", "comment", True, 30.0, 30.0),
    ]


def test_x_comment_replies_follow_in_reply_to(events_only):
    rows = events_only.rows(
        "select message_id, is_replied, reply_us // 60000000 from marts.fct_comments order by message_id"
    )
    # xc1: its thread's only reply names xc2, so it stays unanswered; xc3 and xc4 share an unlinked reply
    assert rows == [("xc1", False, None), ("xc2", True, 30), ("xc3", True, 30), ("xc4", True, 25)]


def test_x_kpis_worked_out_by_hand(events_only):
    request = KpiRequest(
        platform=("x",),
        kpis=(
            "response_rate",
            "frt_any_mean_min",
            "frt_human_mean_min",
            "comment_reply_rate",
            "message_response_rate",
        ),
    )
    kpis = {row["kpi"]: row for row in export_kpis(events_only.warehouse, request)}
    # 5 conversations, 4 responded; FRT any (5 + 20 + 40 + 30) / 4, human (30 + 20 + 40 + 30) / 4
    assert (kpis["response_rate"]["numerator"], kpis["response_rate"]["denominator"]) == (4, 5)
    assert kpis["frt_any_mean_min"]["value"] == pytest.approx(23.75)
    assert kpis["frt_human_mean_min"]["value"] == pytest.approx(30.0)
    # 4 comments, 3 replied (without in_reply_to_message_id all 4 would count)
    assert (kpis["comment_reply_rate"]["numerator"], kpis["comment_reply_rate"]["denominator"]) == (3, 4)
    # 8 customer messages; unanswered: xm5 (DM b) and xc1
    assert (kpis["message_response_rate"]["numerator"], kpis["message_response_rate"]["denominator"]) == (
        6,
        8,
    )


def test_events_only_app_shows_x_and_names_what_is_absent(events_only, monkeypatch):
    pages = app_pages(events_only, monkeypatch)
    for page, at in pages.items():
        shown = notices(at)
        assert NO_CONTENT in shown and NO_ORDERS in shown and NO_COSTS in shown, page
        assert NO_CONVERSATIONS not in shown, page
    inbox = pages["app_pages/operations.py"]
    assert inbox.multiselect(key="platform").options == ["X"]
    metrics = {metric.label: metric.value for metric in inbox.metric}
    assert metrics["Conversations"] == "5"
    assert metrics["Response rate"] == "80.0%"
