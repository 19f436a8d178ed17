"""Every row accounted for, per file: rows_in = rows_loaded + rows_rejected + rows_duplicate in
`raw.landing_files` and the run summary; a rejected file is read again until it loads (issue 13)."""

from __future__ import annotations

import io
import zipfile

from pipelines.cli import main
from pipelines.load import load
from pipelines.summary import file_lines
from tests.conftest import query
from tests.pipelines.test_commerce_exports import CONTACT_VIEW, hubspot_csv
from tests.pipelines.test_load import event, write_jsonl

COUNTS_SQL = (
    "select relative_path, status, rows_in, rows_loaded, rows_rejected, rows_duplicate "
    "from raw.landing_files order by 1"
)


def contact(record_id: str, first: str, email: str) -> list[str]:
    return [
        record_id,
        first,
        "Example",
        email,
        "",
        "",
        "",
        "",
        "New",
        "Marketing contact",
        "2017-05-02 14:03",
        "",
    ]


def accounting_landing(tmp_path):
    landing = tmp_path / "landing"
    e1 = event("e1", "facebook.dm_received", "2017-06-01T09:00:00Z", "customer")
    e2 = event("e2", "facebook.dm_received", "2017-06-01T09:10:00Z", "customer", conversation="c2")
    write_jsonl(
        landing / "events" / "june.jsonl",
        [
            e1,
            e2,
            event("e3", "facebook.dm_response_sent", "2017-06-01T09:20:00Z", "agent"),
            e1,  # an identical re-delivery: a duplicate, no reject
            e2 | {"user_id": "u2"},  # same event_id, other content: a duplicate kept in rejects
            "{broken",  # a row reject
            event("e4", "facebook.dm_received", "2017-06-01T09:30:00Z", "robot"),  # unknown actor
        ],
    )
    (landing / "crm").mkdir(parents=True)
    (landing / "crm" / "contacts.csv").write_bytes(
        hubspot_csv(
            CONTACT_VIEW,
            [
                contact("301", "Ada", "ada@example.com"),
                contact("302", "Bo", "bo@example.org"),
                contact("301", "Ada", "ada@example.com"),  # exported twice: a duplicate
                contact("3.01E+2", "Cy", "cy@example.net"),  # an id a spreadsheet mangled: a reject
            ],
        )
    )
    (landing / "my costs 2017.csv").write_bytes(
        b"month,category,platform,campaign,amount,currency\n"
        b"2017-01,ad_spend,instagram,spring,10.00,CAD\n"
        b"2017-02,ad_spend,instagram,spring,12..5,CAD\n"
        b"2017-01,ad_spend,instagram,spring,11.00,CAD\n"
    )
    return landing


EXPECTED = [
    # path, status, in, loaded, rejected, duplicate: worked out from the files above
    ("crm/contacts.csv", "loaded", 4, 2, 1, 1),
    ("events/june.jsonl", "loaded", 7, 3, 2, 2),
    ("my costs 2017.csv", "loaded", 3, 1, 2, 0),
]


def test_every_file_accounts_for_its_rows_and_a_rerun_repeats_the_rejects_without_doubling(tmp_path, capfd):
    landing, warehouse = accounting_landing(tmp_path), tmp_path / "w.duckdb"

    report = load(str(landing), warehouse)

    assert query(warehouse, COUNTS_SQL) == EXPECTED
    assert report.rows == {"events": 3, "hubspot_contacts": 2, "costs": 1}
    assert report.duplicates == {"events": 2, "hubspot_contacts": 1, "costs": 0}
    assert query(warehouse, "select count(*) from raw.events") == [(3,)]
    assert query(warehouse, "select event_id, user_id from raw.events where event_id = 'e2'") in (
        [("e2", "u1")],
        [("e2", "u2")],
    )
    rejects = query(warehouse, "select file, line, field from raw.load_rejects order by file, line")
    # the different copy of e2 is the line that lost: line 2 or line 5, never both, never neither
    ((lost_line,),) = query(
        warehouse, "select line from raw.load_rejects where reason like 'duplicate of events/june.jsonl%'"
    )
    assert lost_line in (2, 5)
    assert [r for r in rejects if r[1] != lost_line or r[0] != "events/june.jsonl"] == [
        ("crm/contacts.csv", 5, "Record ID"),
        ("events/june.jsonl", 6, ""),
        ("events/june.jsonl", 7, "actor"),
        ("my costs 2017.csv", 3, "amount"),
        ("my costs 2017.csv", 4, "month"),
    ]
    lines = file_lines(report.files)
    assert lines[1] == "rows (this run)  14 in = 6 loaded + 5 rejected + 3 merged as duplicates"

    # files with rejected rows are not "loaded" whole: read again, the same rejects, nothing doubled
    assert main(["load", "--landing", str(landing), "--warehouse", str(warehouse)]) == 0
    err = capfd.readouterr().err
    assert "step=load table=events loaded=3 rejected=2 duplicate=2" in err
    assert "step=load rows (this run) 14 in = 6 loaded + 5 rejected + 3 merged as duplicates" in err
    assert query(warehouse, COUNTS_SQL) == EXPECTED
    assert query(warehouse, "select count(*) from raw.events") == [(3,)]
    assert query(warehouse, "select count(*), count(superseded_at) from raw.load_rejects") == [(6, 0)]


def zipped(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, data)
    return out.getvalue()


def test_a_rejected_file_is_read_again_each_run_until_it_loads_and_its_rejects_are_superseded(
    tmp_path, capfd
):
    landing, warehouse = tmp_path / "landing", tmp_path / "w.duckdb"
    robots = [event(f"r{n}", "facebook.dm_received", "2017-06-01T09:00:00Z", "robot") for n in (1, 2)]
    write_jsonl(landing / "events" / "all bad.jsonl", robots)  # every row rejected (unknown actor)
    write_jsonl(landing / "events" / "unknown.jsonl", [{"order": 1}])  # recognition rejects it
    narrow = hubspot_csv(["First Name", "Email"], [["Ada", "ada@example.com"]])  # no Record ID
    (landing / "crm").mkdir()
    (landing / "crm" / "export.zip").write_bytes(zipped("contacts.csv", narrow))
    ok_event = event("e1", "facebook.dm_received", "2017-06-01T09:00:00Z", "customer")
    write_jsonl(landing / "events" / "good.jsonl", [ok_event])

    for _ in range(2):  # the same rejects every run: never "unchanged", never exit 0
        assert main(["load", "--landing", str(landing), "--warehouse", str(warehouse)]) == 1
        err = capfd.readouterr().err
        assert "all bad.jsonl" in err and "unknown.jsonl" in err and "export.zip" in err
        statuses = dict(query(warehouse, "select relative_path, status from raw.landing_files"))
        assert statuses["events/all bad.jsonl"] == "rejected"
        assert statuses["events/unknown.jsonl"] == "rejected"
        assert [s for p, s in statuses.items() if p.startswith("crm/export.zip")] == ["rejected"]
        assert statuses["events/good.jsonl"] in ("loaded", "unchanged")
        standing = query(
            warehouse, "select file, line from raw.load_rejects where superseded_at is null order by 1, 2"
        )
        assert [(f.split("::")[0], line) for f, line in standing] == [
            ("crm/export.zip", 0),
            ("events/all bad.jsonl", 1),
            ("events/all bad.jsonl", 2),
            ("events/unknown.jsonl", 0),
        ]

    write_jsonl(
        landing / "events" / "all bad.jsonl",
        [event("e2", "facebook.dm_received", "2017-06-02T09:00:00Z", "customer")],
    )
    write_jsonl(
        landing / "events" / "unknown.jsonl",
        [event("e3", "facebook.dm_received", "2017-06-03T09:00:00Z", "customer")],
    )
    (landing / "crm" / "export.zip").write_bytes(
        zipped("contacts.csv", hubspot_csv(CONTACT_VIEW, [contact("301", "Ada", "ada@example.com")]))
    )

    assert main(["load", "--landing", str(landing), "--warehouse", str(warehouse)]) == 0
    assert query(warehouse, "select count(*) from raw.load_rejects where superseded_at is null") == [(0,)]
    assert query(warehouse, "select count(*) from raw.load_rejects where superseded_at is not null") == [(4,)]
    assert query(warehouse, "select event_id from raw.events order by 1") == [("e1",), ("e2",), ("e3",)]
    assert query(warehouse, "select contact_id from raw.hubspot_contacts") == [("301",)]
