"""`socialkpi inspect`: per file what a load would do, which KPI groups the landing feeds, exit codes, and
that it writes nothing at all."""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.cli import main
from tests.pipelines.test_recognise import mixed_landing, write

EVENT = (
    '{{"event_id":"{id}","event_name":"{name}","occurred_at":"{at}","conversation_id":"c1",'
    '"message_id":"m-{id}","user_id":"u1","actor":"{actor}"}}\n'
)


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under `root` with its size and modification time: a write anywhere shows up."""
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def inspect_json(landing: Path, capsys) -> tuple[int, dict]:
    code = main(["inspect", "--landing", str(landing), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_inspect_reports_every_file_of_a_mixed_folder(tmp_path, capsys):
    landing = mixed_landing(tmp_path)

    code, report = inspect_json(landing, capsys)

    assert code == 1 and report["ok"] is False  # two files would be rejected
    rows = {
        f["path"]: (
            f["status"],
            f["layout"],
            f["platform"],
            f["account"],
            f["date_from"],
            f["date_to"],
            f["rows"],
            f["rows_load"],
            f["rows_rejected"],
        )
        for f in report["files"]
    }
    orders = "Shopify orders export"
    meta = "commerce/Mar-01-2017_Mar-31-2017_1234567890.csv"
    # a lifetime snapshot is dated by the Meta loader's rule: the range end in the name, or the download
    # (the file time, set to 2017-04-02 in the fixture) when it is later; either way one day
    snapshot = rows[meta][4]
    assert snapshot in ("2017-03-31", "2017-04-02") and rows[meta][5] == snapshot
    assert rows == {
        ".DS_Store": ("not used", "", "", "", "", "", 0, 0, 0),
        "commerce/Mar-01-2017_Mar-31-2017_1234567890.csv": (
            "would load",
            "Meta Business Suite Instagram posts",
            "instagram",
            "northwind.kayaks",
            snapshot,
            snapshot,
            1,
            1,
            0,
        ),
        "commerce/Shopify_orders_export_2.csv": (
            "would load",
            orders,
            "",
            "",
            "2017-03-06",
            "2017-03-06",
            1,
            1,
            0,
        ),
        "commerce/orders_export_3.csv": ("rejected", "", "", "", "", "", 0, 0, 0),
        "downloads/orders_export.zip::__MACOSX/._orders_export_1.csv": (
            "not used",
            "",
            "",
            "",
            "",
            "",
            0,
            0,
            0,
        ),
        "downloads/orders_export.zip::orders_export_1.csv": (
            "would load",
            orders,
            "",
            "",
            "2017-03-07",
            "2017-03-07",
            1,
            1,
            0,
        ),
        "downloads/orders_export.zip::orders_export_2.csv": (
            "would load",
            orders,
            "",
            "",
            "2017-03-08",
            "2017-03-08",
            1,
            1,
            0,
        ),
        "downloads/orders_export.zip::read me.pdf": ("not used", "", "", "", "", "", 0, 0, 0),
        "ga4_traffic.csv": ("rejected", "", "", "", "", "", 0, 0, 0),
        "notes/brief.pdf": ("not used", "", "", "", "", "", 0, 0, 0),
        "orders_export_1 (1).csv": ("would load", orders, "", "", "2017-03-04", "2017-03-05", 3, 3, 0),
        "settings/holidays.yml": ("settings", "", "", "", "", "", 0, 0, 0),
    }
    reasons = {f["path"]: f["reasons"] for f in report["files"]}
    (broken,) = reasons["commerce/orders_export_3.csv"]
    assert broken.startswith(
        "commerce/orders_export_3.csv, field 'Total': the header matches no known layout"
    )
    assert "closest: Shopify orders export (24 of its columns found); missing: Total" in broken
    assert reasons["notes/brief.pdf"] == ["a PDF document"]
    groups = {g["group"]: g["fed"] for g in report["kpi_groups"]}
    assert groups == {
        "content and engagement (§1)": "yes",
        "direct messages (§2)": "needs events/",
        "comments (§3)": "needs events/",
        "automation (§4)": "needs events/",
        "funnel (§5)": "yes",
        "attribution (§6)": "needs events/",
        "ROI and unit economics (§7)": "needs costs.csv",
        "CRM sync completeness (§7)": "needs events/ and a HubSpot export",
    }


def test_inspect_writes_nothing(tmp_path, capsys, monkeypatch):
    landing = mixed_landing(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    warehouse = tmp_path / "wh" / "w.duckdb"
    before = tree(tmp_path)

    code = main(["inspect", "--landing", str(landing), "--warehouse", str(warehouse)])

    assert code == 1
    assert tree(tmp_path) == before  # no warehouse, no .dlt state, nothing in the landing or HOME
    assert not warehouse.parent.exists()
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "file",
        "status",
        "layout",
        "platform",
        "account",
        "dates",
        "rows",
        "load",
        "rejected",
    ]
    assert "    reason: a PDF document" in out
    assert "12 file(s); 2 would be rejected whole; 0 row(s) of loading files would be rejected" in out


def test_inspect_exit_codes_follow_what_would_be_rejected(tmp_path, capsys):
    clean = tmp_path / "clean"
    write(
        clean / "inbox" / "2017-05.jsonl",
        (
            EVENT.format(id="e1", name="x.dm_received", at="2017-05-01T10:00:00Z", actor="customer")
            + EVENT.format(id="e2", name="x.dm_response_sent", at="2017-05-01T10:09:00-04:00", actor="agent")
        ).encode(),
    )
    code, report = inspect_json(clean, capsys)
    assert code == 0 and report["ok"] is True
    (file,) = report["files"]
    assert (file["status"], file["platform"], file["date_from"], file["date_to"], file["rows_load"]) == (
        "would load",
        "x",
        "2017-05-01",
        "2017-05-01",
        2,
    )

    write(
        clean / "inbox" / "2017-06.jsonl",
        (
            EVENT.format(id="e3", name="x.dm_received", at="2017-06-01T08:00:00Z", actor="customer")
            + EVENT.format(id="e4", name="x.dm_received", at="June 1st", actor="customer")
        ).encode(),
    )
    code, report = inspect_json(clean, capsys)
    assert code == 1  # one row would be rejected, though its file loads
    bad = next(f for f in report["files"] if f["path"] == "inbox/2017-06.jsonl")
    assert (bad["status"], bad["rows"], bad["rows_load"], bad["rows_rejected"]) == ("would load", 2, 1, 1)
    assert bad["reasons"] == [
        "inbox/2017-06.jsonl, line 2, field 'occurred_at': 'June 1st' is not an RFC 3339 timestamp with an offset"
    ]

    assert main(["inspect", "--landing", str(tmp_path / "missing")]) == 1
