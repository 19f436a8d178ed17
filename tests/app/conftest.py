"""A real DuckDB serving copy for the app tests, with the tables the app reads.

`serving_warehouse` writes `marts.fct_conversations` (one row per inbound conversation) and derives
`reporting.rpt_inbox__daily` from it the way dbt does (additive parts per day x platform x channel x
language), adds the hand-written content marts and KPI registry of `content_fixture.py` and the checkpoint
results of `quality_fixture.py`, into
`<tmp>/socialkpi.serving.duckdb`, and points $SOCIALKPI_WAREHOUSE at `<tmp>/socialkpi.duckdb`.
To test on a warehouse built by the real pipeline instead, replace `serving_warehouse` (keep its return type):
the expectations read `rpt_inbox__daily` from the file, not from the rows written here.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import duckdb
import pytest
from attribution_fixture import write_attribution
from content_fixture import write_content
from operations_fixture import write_operations
from quality_fixture import write_quality

from pipelines.config import REPO_ROOT, WAREHOUSE_ENV, serving_path

# The app's own modules (`lib.display`, `lib.theme`) for the tests that check them directly, as `streamlit run`
# imports them.
if str(REPO_ROOT / "app") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "app"))

FIRST_DAY = date(2025, 3, 3)
DAYS = 14
PLATFORMS = ("instagram", "facebook")
CHANNELS = ("dm", "comment")
LANGUAGES = ("en", "fr-CA")
# French comments on Facebook: none in the fixture, so one filter combination is empty.
ABSENT = {("facebook", "comment", "fr-CA")}


@dataclass(frozen=True)
class Conversation:
    conversation_key: str
    platform: str
    channel: str
    language: str
    first_inbound_date: date
    frt_any_min: float | None
    frt_human_min: float | None
    # the customer's first message (UTC); the first response follows it by frt_any_min
    first_inbound_at: datetime | None = None

    @property
    def is_responded(self) -> bool:
        return self.frt_any_min is not None

    @property
    def first_response_at(self) -> datetime | None:
        if self.frt_any_min is None or self.first_inbound_at is None:
            return None
        return self.first_inbound_at + timedelta(minutes=self.frt_any_min)


def make_conversations(seed: int = 20250303) -> list[Conversation]:
    """Two weeks of conversations, whole minutes so sums are exact; fr-CA answered later and less often."""
    rng = random.Random(seed)
    rows: list[Conversation] = []
    for offset in range(DAYS):
        day = FIRST_DAY + timedelta(days=offset)
        for platform in PLATFORMS:
            for channel in CHANNELS:
                for language in LANGUAGES:
                    if (platform, channel, language) in ABSENT:
                        continue
                    volume = rng.randint(0, 4) + (6 if platform == "instagram" and channel == "dm" else 0)
                    for i in range(volume):
                        frt_any, frt_human = _frt(rng, channel, language)
                        key = f"{platform}:{channel}:{language}:{day}:{i}"
                        at = datetime.combine(day, clock(9)) + timedelta(minutes=37 * i + rng.randint(0, 30))
                        rows.append(
                            Conversation(key, platform, channel, language, day, frt_any, frt_human, at)
                        )
    return rows


def _frt(rng: random.Random, channel: str, language: str) -> tuple[float | None, float | None]:
    """(first response any, first human response), minutes from the first inbound; None = never."""
    if rng.random() > (0.9 if language == "en" else 0.7):
        return None, None
    human_after = float(rng.randint(5, 90) if language == "en" else rng.randint(30, 300))
    if channel == "dm" and rng.random() < 0.5:  # a bot answers first
        bot = float(rng.randint(0, 2))
        return bot, (bot + human_after if rng.random() < 0.6 else None)
    return human_after, human_after


def write_warehouse(
    path: Path, conversations: list[Conversation], quality: bool = True, commerce: bool = True
) -> None:
    """Write the fixture tables into a new DuckDB file at `path` (written beside it, then moved in place).

    `quality=False` leaves out the checkpoint results (`quality.*`), as in a warehouse built before them;
    `commerce=False` leaves out the orders and costs, as in a landing folder without commerce/ and costs/.
    """
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        con.execute("create schema marts")
        con.execute("create schema reporting")
        con.execute(
            """
            create table marts.fct_conversations (
                conversation_key varchar primary key,
                platform varchar not null,
                channel varchar not null,
                language varchar not null,
                first_inbound_date date not null,
                frt_any_min double,
                frt_human_min double,
                is_responded boolean not null,
                first_inbound_at timestamp,
                first_response_at timestamp,
                first_resolved_at timestamp
            )
            """
        )
        if conversations:  # none: a warehouse built from a landing folder without events/
            con.executemany(
                "insert into marts.fct_conversations values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [
                    (
                        c.conversation_key,
                        c.platform,
                        c.channel,
                        c.language,
                        c.first_inbound_date,
                        c.frt_any_min,
                        c.frt_human_min,
                        c.is_responded,
                        c.first_inbound_at,
                        c.first_response_at,
                    )
                    for c in conversations
                ],
            )
        con.execute(
            """
            create table reporting.rpt_inbox__daily as
            with grouped as (
                select
                    first_inbound_date as conversation_date,
                    platform,
                    channel,
                    language,
                    count(*)::bigint as conversations,
                    count(*) filter (where is_responded)::bigint as responded_conversations,
                    coalesce(sum(frt_any_min), 0)::double as frt_any_total_min,
                    count(frt_human_min)::bigint as human_responded_conversations,
                    coalesce(sum(frt_human_min), 0)::double as frt_human_total_min
                from marts.fct_conversations
                group by all
            )

            select
                conversation_date,
                platform,
                channel,
                language,
                conversations,
                responded_conversations,
                responded_conversations / nullif(conversations, 0) as response_rate,
                frt_any_total_min,
                frt_any_total_min / nullif(responded_conversations, 0) as frt_any_mean_min,
                human_responded_conversations,
                frt_human_total_min,
                frt_human_total_min / nullif(human_responded_conversations, 0) as frt_human_mean_min
            from grouped
            order by all
            """
        )
        write_content(con)
        write_operations(con, conversations)
        if commerce:
            write_commerce(con)
        if quality:
            write_quality(con)
    finally:
        con.close()
    os.replace(tmp, path)


def write_commerce(con: duckdb.DuckDBPyConnection) -> None:
    """One order and one cost month (the columns the app's family check reads): commerce and costs present."""
    con.execute("create table marts.fct_orders (order_id varchar, order_date date)")
    con.execute("insert into marts.fct_orders values ('o1', ?)", [FIRST_DAY])
    con.execute("create table marts.fct_costs (cost_month date, platform varchar)")
    con.execute("insert into marts.fct_costs values (?, 'instagram')", [FIRST_DAY.replace(day=1)])
    write_attribution(con)


@dataclass
class FixtureWarehouse:
    """The serving copy under test and the KPIs a reader should see, computed here in plain Python."""

    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    conversation_rows: list[dict[str, Any]] = field(default_factory=list)

    def publish(self, conversations: list[Conversation]) -> None:
        """Publish a new copy over the old one, as a new run does (new file, later mtime)."""
        write_warehouse(self.path, conversations)
        later = time.time() + 5
        os.utime(self.path, (later, later))
        self.reload()

    def reload(self) -> None:
        # ATTACH, not connect(): connect() would reuse a database instance another connection in this
        # process (the app's) still holds on the replaced file, and read the old copy.
        con = duckdb.connect()
        try:
            con.execute("attach ? as served (read_only)", [str(self.path)])
            cur = con.execute("select * from served.reporting.rpt_inbox__daily")
            names = [d[0] for d in cur.description]
            self.rows = [dict(zip(names, values, strict=True)) for values in cur.fetchall()]
            cur = con.execute("select * from served.marts.fct_conversations")
            names = [d[0] for d in cur.description]
            self.conversation_rows = [dict(zip(names, values, strict=True)) for values in cur.fetchall()]
        finally:
            con.close()

    @property
    def first_date(self) -> date:
        return min(r["conversation_date"] for r in self.rows)

    @property
    def last_date(self) -> date:
        return max(r["conversation_date"] for r in self.rows)

    def select(
        self,
        start: date | None = None,
        end: date | None = None,
        platforms: Iterable[str] = (),
        channels: Iterable[str] = (),
        languages: Iterable[str] = (),
    ) -> list[dict[str, Any]]:
        start, end = start or self.first_date, end or self.last_date
        keep: list[Callable[[dict[str, Any]], bool]] = [lambda r: start <= r["conversation_date"] <= end]
        for column, values in (("platform", platforms), ("channel", channels), ("language", languages)):
            wanted = set(values)
            if wanted:
                keep.append(lambda r, column=column, wanted=wanted: r[column] in wanted)
        return [r for r in self.rows if all(k(r) for k in keep)]

    def medians(
        self,
        start: date | None = None,
        end: date | None = None,
        platforms: Iterable[str] = (),
        channels: Iterable[str] = (),
        languages: Iterable[str] = (),
    ) -> dict[str, float | None]:
        """Median first response times (any, human) of the selected conversations, from their rows."""
        start, end = start or self.first_date, end or self.last_date
        rows = [
            r
            for r in self.conversation_rows
            if start <= r["first_inbound_date"] <= end
            and (not platforms or r["platform"] in set(platforms))
            and (not channels or r["channel"] in set(channels))
            and (not languages or r["language"] in set(languages))
        ]
        found = {}
        for kind in ("any", "human"):
            values = [r[f"frt_{kind}_min"] for r in rows if r[f"frt_{kind}_min"] is not None]
            found[f"frt_{kind}_median_min"] = statistics.median(values) if values else None
        return found

    def platform_languages(self) -> set[tuple[str, str]]:
        return {(r["platform"], r["language"]) for r in self.rows}

    def kpis(self, **filters: Any) -> dict[str, float | None]:
        """Ratio of sums over the selected daily rows (the only right way to aggregate a rate)."""
        return ratio_of_sums(self.select(**filters))


def ratio_of_sums(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    def total(column: str) -> float:
        return sum(r[column] or 0 for r in rows)  # a total may be NULL where nothing was answered

    def ratio(numerator: str, denominator: str) -> float | None:
        return total(numerator) / total(denominator) if total(denominator) else None

    return {
        "conversations": total("conversations"),
        "responded_conversations": total("responded_conversations"),
        "human_responded_conversations": total("human_responded_conversations"),
        "response_rate": ratio("responded_conversations", "conversations"),
        "frt_any_mean_min": ratio("frt_any_total_min", "responded_conversations"),
        "frt_human_mean_min": ratio("frt_human_total_min", "human_responded_conversations"),
    }


@pytest.fixture
def conversations() -> list[Conversation]:
    """The fixture's inbound conversations (row level)."""
    return make_conversations()


@pytest.fixture
def serving_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conversations: list[Conversation]
) -> FixtureWarehouse:
    """A published serving copy in tmp_path, with $SOCIALKPI_WAREHOUSE pointing at its warehouse."""
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "socialkpi.duckdb"))
    path = serving_path()
    write_warehouse(path, conversations)
    fixture = FixtureWarehouse(path)
    fixture.reload()
    return fixture


@pytest.fixture
def missing_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$SOCIALKPI_WAREHOUSE pointing at a warehouse that has never been built or published."""
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "never-built" / "socialkpi.duckdb"))
    return serving_path()
