"""Shopify orders and HubSpot exports as users really have them, loaded by the real sources into DuckDB.

Every fixture is written here, byte for byte in the layout the tool writes (header text and order, quoting,
line endings, number and date formats), with made-up content. The headers are the real ones:
- Shopify orders export, four generations of its header: before 2014 (ends at `Cancelled at`, no `Id`),
  the 65-column one (to `Tax 5 Value`), the 75-column one and today's 79 columns; one row per line item,
  order fields only on the first row, `2017-03-04 10:15:00 -0500` timestamps, UTF-8 without BOM, LF.
- HubSpot: the default contacts view (`Record ID, First Name, Last Name, Email, Phone Number, Contact
  owner, …, Create Date, Associated Company`), every field quoted; a full view; deals as .xlsx and .xls.
Files carry 2017 and 2012 dates on purpose: nothing may depend on the sample's 2026.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import xlwt
from openpyxl import Workbook

from pipelines.files.landing import list_files
from pipelines.hubspot import hubspot_source
from pipelines.load import pipeline_for
from pipelines.readlog import ReadLog
from pipelines.shopify import shopify_source

LOADED_AT = datetime(2026, 12, 1, 9, 0)

HEADER_2012 = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
]
HEADER_65 = [
    *HEADER_2012,
    *[
        "Payment Method",
        "Payment Reference",
        "Refunded Amount",
        "Vendor",
        "Id",
        "Tags",
        "Risk Level",
        "Source",
        "Lineitem discount",
    ],
    *[f"Tax {n} {part}" for n in range(1, 6) for part in ("Name", "Value")],
]
HEADER_75 = [
    *HEADER_65,
    *[
        "Phone",
        "Receipt Number",
        "Duties",
        "Billing Province Name",
        "Shipping Province Name",
        "Payment ID",
        "Payment Terms Name",
        "Next Payment Due At",
        "Payment References",
    ],
]
HEADER_79 = [
    *HEADER_75[: HEADER_75.index("Id")],
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    *HEADER_75[HEADER_75.index("Id") :],
]
ORDER_ONLY_ON_FIRST_ROW = {"Name", "Email", "Created at", "Vendor"}  # plus every `Lineitem …` column


def shopify_csv(header: list[str], orders: list[list[dict[str, str]]]) -> bytes:
    """An orders export as Shopify writes it: one row per line item, order fields on the first row only,
    minimal quoting, LF line endings, UTF-8 without BOM."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for lines in orders:
        first = lines[0]
        for position, line in enumerate(lines):
            row = (
                {**first, **line}
                if position == 0
                else {
                    **{k: v for k, v in first.items() if k in ORDER_ONLY_ON_FIRST_ROW},
                    **line,
                }
            )
            writer.writerow([row.get(column, "") for column in header])
    return out.getvalue().encode("utf-8")


def order(name: str, created: str, currency: str, total: str, **fields: str) -> dict[str, str]:
    return {
        "Name": name,
        "Created at": created,
        "Currency": currency,
        "Total": total,
        "Subtotal": total,
        "Financial Status": "paid",
        "Paid at": created,
        "Fulfillment Status": "fulfilled",
        "Accepts Marketing": "no",
        **fields,
    }


def item(quantity: int, name: str, price: str, sku: str) -> dict[str, str]:
    return {
        "Lineitem quantity": str(quantity),
        "Lineitem name": name,
        "Lineitem price": price,
        "Lineitem sku": sku,
        "Lineitem requires shipping": "true",
        "Lineitem taxable": "true",
        "Lineitem fulfillment status": "fulfilled",
        "Vendor": "Example Outfitters",
    }


def warehouse_of(tmp_path: Path, source) -> Path:
    """Run one family source through dlt into a fresh DuckDB warehouse, as the load step does."""
    warehouse = tmp_path / "w.duckdb"
    pipeline_for(warehouse).run(source)
    return warehouse


def rows(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        return con.execute(sql).fetchall()
    finally:
        con.close()


def files_in(landing: Path) -> list:
    return list_files(str(landing), "**/*")


def test_shopify_orders_of_any_name_header_generation_and_currency_load_line_by_line(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "Shopify_orders_export_2.csv").write_bytes(
        shopify_csv(
            HEADER_79,
            [
                [
                    order(
                        "#1001",
                        "2017-03-04 10:15:00 -0500",
                        "USD",
                        "60.00",
                        **{
                            "Email": "ada@example.com",
                            "Subtotal": "65.00",
                            "Discount Code": "spring5",
                            "Discount Amount": "5.00",
                            "Note Attributes": "utm_source: instagram\nutm_campaign: spring17",
                            "Id": "5012345678901",
                            "Tags": "vip, spring",
                            "Source": "web",
                            "Refunded Amount": "0.00",
                        },
                    )
                    | item(2, "Canvas Tote - Natural", "20.00", "TOTE-N"),
                    item(1, 'Poster "Dunes", A2', "25.00", "POST-A2"),
                ],
                [
                    order(
                        "#1002",
                        "2017-12-31 23:30:00 +0200",
                        "ZAR",
                        "1499.00",
                        **{"Email": "bo@example.co.za", "Taxes": "195.52", "Id": "5012345678902"},
                    )
                    | item(1, "Trail Jacket - M", "1499.00", "JKT-M"),
                ],
            ],
        )
    )
    (landing / "orders_export_1 (1).csv").write_bytes(
        shopify_csv(
            HEADER_65,
            [
                [
                    order(
                        "#0998",
                        "2017-06-15 08:00:00 +0200",
                        "EUR",
                        "45.90",
                        **{"Email": "cy@example.de", "Discount Code": "DM-7F3K2", "Id": "412345678"},
                    )
                    | item(3, "Wool Socks", "15.30", "SOCK"),
                ]
            ],
        )
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number, (name, created, currency, total, order_id) in enumerate(
            [
                ("#1003", "2017-01-02 09:00:00 -0500", "USD", "12.00", "5012345678903"),
                ("#1004", "2017-01-03 18:45:10 +0100", "EUR", "80.00", "5012345678904"),
            ],
            start=1,
        ):
            body = shopify_csv(
                HEADER_75 if number == 1 else HEADER_79,
                [[order(name, created, currency, total, Email=f"o{number}@example.com", Id=order_id)
                  | item(1, "Gift Card", total, "")]],
            )  # fmt: skip
            zipped.writestr(f"orders_export_{number}.csv", body)
    (landing / "orders_export.zip").write_bytes(archive.getvalue())
    (landing / "journeys.jsonl").write_text(
        '{"order_id": "5012345678901", "customerOrderIndex": 1, "daysToConversion": 0, "firstVisit": '
        '{"occurredAt": "2017-03-04T14:02:11Z", "landingPage": "https://shop.example.com/products/tote", '
        '"referrerUrl": "https://l.instagram.com/", "referralCode": null, "source": "instagram", '
        '"utmParameters": {"source": "instagram", "medium": "social", "campaign": "spring17", '
        '"content": null, "term": null}}, "lastVisit": null}\n'
    )
    files = files_in(landing)
    orders = [f for f in files if not f.relative_path.endswith(".jsonl")]
    journeys = [f for f in files if f.relative_path.endswith(".jsonl")]
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, shopify_source(orders, journeys, log, LOADED_AT))

    assert rows(
        warehouse,
        """select order_name, line_index, order_id, email, currency_code, total_amount, discount_code,
                  created_at::varchar, lineitem_quantity, lineitem_name, lineitem_price, note_attributes,
                  _source_file
           from raw.shopify_order_lines order by order_name, line_index""",
    ) == [
        ("#0998", 1, "412345678", "cy@example.de", "EUR", Decimal("45.90"), "DM-7F3K2",
         "2017-06-15 06:00:00+00", 3, "Wool Socks", Decimal("15.30"), None, "orders_export_1 (1).csv"),
        ("#1001", 1, "5012345678901", "ada@example.com", "USD", Decimal("60.00"), "spring5",
         "2017-03-04 15:15:00+00", 2, "Canvas Tote - Natural", Decimal("20.00"),
         "utm_source: instagram\nutm_campaign: spring17", "Shopify_orders_export_2.csv"),
        ("#1001", 2, None, "ada@example.com", None, None, None,
         "2017-03-04 15:15:00+00", 1, 'Poster "Dunes", A2', Decimal("25.00"), None, "Shopify_orders_export_2.csv"),
        ("#1002", 1, "5012345678902", "bo@example.co.za", "ZAR", Decimal("1499.00"), None,
         "2017-12-31 21:30:00+00", 1, "Trail Jacket - M", Decimal("1499.00"), None, "Shopify_orders_export_2.csv"),
        ("#1003", 1, "5012345678903", "o1@example.com", "USD", Decimal("12.00"), None,
         "2017-01-02 14:00:00+00", 1, "Gift Card", Decimal("12.00"), None, "orders_export.zip::orders_export_1.csv"),
        ("#1004", 1, "5012345678904", "o2@example.com", "EUR", Decimal("80.00"), None,
         "2017-01-03 17:45:10+00", 1, "Gift Card", Decimal("80.00"), None, "orders_export.zip::orders_export_2.csv"),
    ]  # fmt: skip
    assert rows(
        warehouse,
        """select lines.order_name, journeys.first_visit_landing_page, journeys.first_visit_utm_campaign
           from raw.shopify_order_lines as lines
           inner join raw.shopify_order_journeys as journeys on lines.order_id = journeys.order_id""",
    ) == [("#1001", "https://shop.example.com/products/tote", "spring17")]
    assert dict(log.rows) == {"shopify_order_lines": 6, "shopify_order_journeys": 1}
    assert log.rejects == [] and log.notes == []


def test_the_same_export_downloaded_twice_counts_each_line_once(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    orders = [
        [
            order("#1001", "2017-03-04 10:15:00 -0500", "USD", "45.00", Email="ada@example.com", Id="501")
            | item(2, "Canvas Tote - Natural", "20.00", "TOTE-N"),
            item(1, "Enamel Mug", "5.00", "MUG"),
        ]
    ]
    (landing / "orders_export_1.csv").write_bytes(shopify_csv(HEADER_79, orders))
    (landing / "orders_export_1 (1).csv").write_bytes(shopify_csv(HEADER_79, orders))
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, shopify_source(files_in(landing), [], log, LOADED_AT))

    assert rows(
        warehouse,
        "select order_name, line_index, order_id, lineitem_name from raw.shopify_order_lines order by 1, 2",
    ) == [("#1001", 1, "501", "Canvas Tote - Natural"), ("#1001", 2, None, "Enamel Mug")]
    assert dict(log.rows) == {"shopify_order_lines": 4}  # read twice, stored once (merged on name × line)


def test_a_pre_2014_orders_export_without_id_loads_and_says_what_stays_empty(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "export.csv").write_bytes(
        shopify_csv(
            HEADER_2012,
            [
                [
                    order("#1230", "2012-01-01 11:13:13 -0500", "CAD", "15.00", Email="old@example.ca")
                    | item(1, "Sticker Pack", "15.00", "STK")
                ]
            ],
        )  # fmt: skip
    )
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, shopify_source(files_in(landing), [], log, LOADED_AT))

    assert rows(
        warehouse,
        "select order_name, order_id, currency_code, total_amount, created_at::varchar, refunded_amount "
        "from raw.shopify_order_lines",
    ) == [("#1230", None, "CAD", Decimal("15.00"), "2012-01-01 16:13:13+00", None)]
    assert log.notes == [
        (
            "export.csv",
            "no `Id` column in this export: orders are keyed by their `Name` and cannot be joined to their "
            "journeys (first/last visit, landing page, UTM), so visit touchpoints and the attribution KPIs "
            "built on them stay empty for these orders",
        ),
        ("export.csv", "no `Refunded Amount` column in this export: refunds are not deducted from revenue (taken as 0)"),
    ]  # fmt: skip


def test_bad_shopify_values_are_rejected_naming_file_line_and_shopify_column(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "orders.csv").write_bytes(
        shopify_csv(
            HEADER_79,
            [
                [
                    order(
                        "#2001", "2017-05-01 10:00:00 -0400", "US$", "10.00", Email="a@example.com", Id="7001"
                    )
                    | item(1, "Mug", "10.00", "MUG")
                ],
                [
                    order(
                        "#2002",
                        "05/01/2017",
                        "USD",
                        "10.00",
                        Email="b@example.com",
                        Id="7002",
                        **{"Paid at": ""},
                    )
                    | item(1, "Mug", "10.00", "MUG")
                ],
                [
                    order(
                        "#2003", "2017-05-01 10:00:00 -0400", "usd", "10.00", Email="c@example.com", Id="7003"
                    )
                    | item(1, "Mug", "10.00", "MUG")
                ],
            ],
        )  # fmt: skip
    )
    (landing / "products_export.csv").write_bytes(b"Handle,Title,Body (HTML),Vendor\nmug,Mug,,Example\n")
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, shopify_source(files_in(landing), [], log, LOADED_AT))

    assert rows(warehouse, "select order_name, currency_code from raw.shopify_order_lines") == [
        ("#2003", "USD")
    ]
    assert [(r.file, r.line, r.field, r.reason) for _, _, r in log.rejects] == [
        ("orders.csv", 2, "Currency", "'US$' is not a three-letter ISO 4217 currency code"),
        ("orders.csv", 3, "Created at", "'05/01/2017' matches none of the formats %Y-%m-%d %H:%M:%S %z, "
         "%Y-%m-%d %H:%M %z, %Y-%m-%dT%H:%M:%S%z"),
        ("products_export.csv", 0, "Name, Email, Financial Status, Currency, Total, Created at, "
         "Lineitem quantity, Lineitem name, Lineitem price",
         "missing required column(s) `Name`, `Email`, `Financial Status`, `Currency`, `Total`, `Created at`, "
         "`Lineitem quantity`, `Lineitem name`, `Lineitem price` for the Shopify orders export layout"),
    ]  # fmt: skip


CONTACT_VIEW = [
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner",
    "Primary Associated Company ID", "Last Activity Date", "Lead Status", "Marketing contact status",
    "Create Date", "Associated Company",
]  # fmt: skip


def hubspot_csv(header: list[str], records: list[list[str]], newline: str = "\n", bom: bool = False) -> bytes:
    """A HubSpot CSV export: every field quoted."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(records)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def test_hubspot_contacts_from_the_default_saved_view_load_and_name_what_stays_empty(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "hubspot-crm-exports-my-contacts-2017-11-02.csv").write_bytes(
        hubspot_csv(
            CONTACT_VIEW,
            [
                [
                    "301",
                    "Ada",
                    "Example",
                    "Ada@Example.com",
                    "+1 555 0100",
                    "Sam Sales",
                    "",
                    "2017-10-30 16:20",
                    "New",
                    "Marketing contact",
                    "2017-05-02 14:03",
                    "",
                ],
                [
                    "302",
                    "Bo",
                    "Placeholder",
                    "bo@example.co.za",
                    "",
                    "",
                    "9001",
                    "",
                    "",
                    "Non-marketing contact",
                    "5/3/2017 9:05 AM",
                    "Example Co",
                ],
            ],
        )  # fmt: skip
    )
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, hubspot_source(files_in(landing), [], log, LOADED_AT))

    assert rows(
        warehouse,
        "select contact_id, email, first_name, created_at::varchar, lifecycle_stage, instagram_handle, "
        "lead_status from raw.hubspot_contacts order by 1",
    ) == [
        ("301", "Ada@Example.com", "Ada", "2017-05-02 14:03:00+00", None, None, "New"),
        ("302", "bo@example.co.za", "Bo", "2017-05-03 09:05:00+00", None, None, None),
    ]
    name = "hubspot-crm-exports-my-contacts-2017-11-02.csv"
    by_handle = (
        "(identity links, and the conversions and won deals of social leads (won_deals, won_deal_amount) "
        "that follow them)"
    )
    assert log.notes == [
        (name, f"no `Instagram handle` column in this export: contacts are matched to Instagram users by "
         f"e-mail only, never by handle {by_handle}"),
        (name, f"no `TikTok handle` column in this export: contacts are matched to TikTok users by e-mail "
         f"only, never by handle {by_handle}"),
        (name, "no `First Touch Converting Campaign` column in this export: no CRM first-touch campaign "
         "touchpoints in the attribution paths"),
        (name, "no `Last Touch Converting Campaign` column in this export: no CRM last-touch campaign "
         "touchpoints in the attribution paths"),
    ]  # fmt: skip
    assert log.rejects == []


def test_hubspot_contacts_full_view_with_bom_and_crlf_loads_every_kpi_column_without_notes(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    header = [
        "Record ID", "First Name", "Last Name", "Email", "Create Date", "Lifecycle Stage", "Original Source",
        "Original Source Drill-Down 1", "Became a Lead Date", "Became a Customer Date",
        "First Touch Converting Campaign", "Last Touch Converting Campaign", "Instagram handle", "TikTok handle",
    ]  # fmt: skip
    (landing / "all-contacts.csv").write_bytes(
        hubspot_csv(
            header,
            [
                [
                    "401",
                    "Cy",
                    "Example",
                    "cy@example.de",
                    "2017-02-01",
                    "Customer",
                    "Organic Social",
                    "Instagram",
                    "2017-02-01 10:00",
                    "2/14/2017 3:30 PM",
                    "spring17",
                    "dm-offer",
                    "@cy.example",
                    "cy_tok",
                ]
            ],
            newline="\r\n",
            bom=True,
        )  # fmt: skip
    )
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, hubspot_source(files_in(landing), [], log, LOADED_AT))

    assert rows(
        warehouse,
        "select contact_id, created_at::varchar, lifecycle_stage, original_source, became_lead_at::varchar, "
        "became_customer_at::varchar, first_touch_campaign, last_touch_campaign, instagram_handle, "
        "tiktok_handle from raw.hubspot_contacts",
    ) == [
        ("401", "2017-02-01 00:00:00+00", "Customer", "Organic Social", "2017-02-01 10:00:00+00",
         "2017-02-14 15:30:00+00", "spring17", "dm-offer", "@cy.example", "cy_tok"),
    ]  # fmt: skip
    assert log.notes == [] and log.rejects == []


NO_CURRENCY = (
    "no `Currency` column in this export: every deal amount is taken to be in the reporting currency of "
    "settings.toml (won_deal_amount is not converted); export `Currency` too if the HubSpot account has several "
    "currencies"
)


def test_hubspot_deals_as_xlsx_and_xls_load_and_a_narrow_view_says_which_kpis_stay_empty(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Pipeline",
                  "Associated Contact", "Associated Contact IDs"])  # fmt: skip
    sheet.append([9001, "Spring wholesale", "Closed Won", datetime(2017, 4, 28, 17, 0), "Sam Sales", 1250.5,
                  "Sales Pipeline", "Ada Example (ada@example.com);Bo Placeholder (bo@example.co.za)", "301;302"])  # fmt: skip
    sheet.append([9002, "Store fit-out", "Appointment Scheduled", None, "", 800, "Sales Pipeline", "", ""])
    book.save(landing / "hubspot-crm-exports-all-deals-2017-11-02.xlsx")
    legacy = xlwt.Workbook()
    old = legacy.add_sheet("Deals")
    for c, text in enumerate(["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner"]):
        old.write(0, c, text)
    for c, value in enumerate([9003.0, "Autumn restock", "Closed Lost", "2017-09-30 12:00", "Sam Sales"]):
        old.write(1, c, value)
    legacy.save(str(landing / "deals-view.xls"))
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, hubspot_source([], files_in(landing), log, LOADED_AT))

    assert rows(
        warehouse,
        "select deal_id, deal_name, deal_stage, closed_at::varchar, amount, pipeline, created_at, "
        "associated_contact_ids, associated_contact, _source_file from raw.hubspot_deals order by 1",
    ) == [
        ("9001", "Spring wholesale", "Closed Won", "2017-04-28 17:00:00+00", Decimal("1250.5"), "Sales Pipeline",
         None, "301;302", "Ada Example (ada@example.com);Bo Placeholder (bo@example.co.za)",
         "hubspot-crm-exports-all-deals-2017-11-02.xlsx::Sheet1"),
        ("9002", "Store fit-out", "Appointment Scheduled", None, Decimal("800"), "Sales Pipeline", None, None,
         None, "hubspot-crm-exports-all-deals-2017-11-02.xlsx::Sheet1"),
        ("9003", "Autumn restock", "Closed Lost", "2017-09-30 12:00:00+00", None, None, None, None, None,
         "deals-view.xls::Deals"),
    ]  # fmt: skip
    won = "won deals of social leads (won_deals, won_deal_amount)"
    assert log.notes == [
        ("deals-view.xls::Deals", f"no `Amount` column in this export: the value of {won} stays empty "
         "(won_deal_amount); won deals are still counted"),
        ("deals-view.xls::Deals", NO_CURRENCY),
        ("deals-view.xls::Deals", "no `Associated Contact IDs` column in this export: deals cannot be tied to "
         f"the leads whose contacts they belong to: {won} stay empty"),
        ("hubspot-crm-exports-all-deals-2017-11-02.xlsx::Sheet1", NO_CURRENCY),
    ]  # fmt: skip
    assert log.rejects == []


def test_hubspot_deals_of_a_multi_currency_account_carry_their_currency_and_a_bad_code_is_rejected(tmp_path):
    """An account with a second currency exports `Currency` (deal_currency_code) beside `Amount`, and HubSpot's
    own `Amount in company currency` (not read: the warehouse converts at the rates of the user's settings)."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "hubspot-crm-exports-all-deals-2017-05-02.csv").write_bytes(
        hubspot_csv(
            [
                "Record ID",
                "Deal Name",
                "Deal Stage",
                "Close Date",
                "Deal owner",
                "Amount",
                "Currency",
                "Amount in company currency",
                "Pipeline",
                "Associated Contact IDs",
            ],
            [
                [
                    "7101",
                    "Lyon boutique",
                    "Closed Won",
                    "2017-04-28 17:00",
                    "Sam Sales",
                    "1250.50",
                    "EUR",
                    "1822.10",
                    "Sales Pipeline",
                    "301",
                ],
                [
                    "7102",
                    "Austin pop-up",
                    "Closed Won",
                    "2017-04-28 09:30",
                    "Sam Sales",
                    "980",
                    " usd ",
                    "1338.60",
                    "Sales Pipeline",
                    "302",
                ],
                [
                    "7103",
                    "Toronto store",
                    "Closed Lost",
                    "2017-04-30",
                    "Sam Sales",
                    "400",
                    "",
                    "400",
                    "Sales Pipeline",
                    "",
                ],
                [
                    "7104",
                    "Bad currency",
                    "Closed Won",
                    "2017-04-30",
                    "Sam Sales",
                    "10",
                    "Euro",
                    "14",
                    "Sales Pipeline",
                    "",
                ],
            ],
            newline="\r\n",
            bom=True,
        )  # fmt: skip
    )
    log = ReadLog()

    warehouse = warehouse_of(tmp_path, hubspot_source([], files_in(landing), log, LOADED_AT))

    assert rows(
        warehouse, "select deal_id, amount, currency, closed_at::varchar from raw.hubspot_deals order by 1"
    ) == [
        ("7101", Decimal("1250.5"), "EUR", "2017-04-28 17:00:00+00"),
        ("7102", Decimal("980"), "USD", "2017-04-28 09:30:00+00"),
        ("7103", Decimal("400"), None, "2017-04-30 00:00:00+00"),
    ]
    assert [(r.file, r.line, r.field, r.reason) for _, _, r in log.rejects] == [
        ("hubspot-crm-exports-all-deals-2017-05-02.csv", 5, "Currency",
         "'Euro' is not a currency code (three letters, ISO 4217: EUR, USD, CAD)"),
    ]  # fmt: skip
    assert log.notes == []


def test_hubspot_errors_name_hubspots_own_labels(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "contacts-no-email.csv").write_bytes(
        hubspot_csv(
            ["Record ID", "First Name", "Last Name", "Phone Number", "Create Date"],
            [["501", "Di", "Example", "", "2017-01-05 10:00"]],
        )  # fmt: skip
    )
    (landing / "deals.csv").write_bytes(
        hubspot_csv(
            ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date"],
            [
                ["601", "Big order", "Closed Won", "12OO.00", "2017-03-01 10:00"],
                ["602", "Small order", "Closed Won", "99.90", "next week"],
                ["", "No id", "Closed Won", "10", ""],
                ["604", "Good", "Closed Won", "10", "2017-03-02"],
            ],
        )  # fmt: skip
    )
    files = files_in(landing)
    log = ReadLog()

    warehouse = warehouse_of(
        tmp_path,
        hubspot_source(
            [f for f in files if "contacts" in f.relative_path],
            [f for f in files if "deals" in f.relative_path],
            log,
            LOADED_AT,
        ),
    )

    assert rows(warehouse, "select deal_id, amount from raw.hubspot_deals") == [("604", Decimal("10"))]
    assert [(r.file, r.line, r.field, r.reason) for _, _, r in log.rejects] == [
        ("contacts-no-email.csv", 0, "Email",
         "missing required column(s) `Email` for the HubSpot contacts export layout"),
        ("deals.csv", 2, "Amount", "'12OO.00' is not an amount (dot decimal, no thousands separator)"),
        ("deals.csv", 3, "Close Date", "'next week' matches none of the formats %Y-%m-%d %H:%M, "
         "%Y-%m-%d %H:%M:%S, %m/%d/%Y %I:%M %p, %m/%d/%Y %H:%M, %Y-%m-%d, %m/%d/%Y, %d/%m/%Y %H:%M"),
        ("deals.csv", 4, "Record ID", "required value is empty"),
    ]  # fmt: skip


def test_a_zip_without_an_orders_export_is_rejected_naming_its_member_and_shopifys_labels(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "products_export_1.csv", "Handle,Title,Vendor,Variant Price\ntote,Canvas Tote,Example,20.00\n"
        )
    (landing / "export.zip").write_bytes(archive.getvalue())
    log = ReadLog()

    list(shopify_source(files_in(landing), [], log, LOADED_AT).resources["shopify_order_lines"])

    assert [(r.file, r.line, r.field) for _, _, r in log.rejects] == [
        (
            "export.zip::products_export_1.csv",
            0,
            "Name, Email, Financial Status, Currency, Total, Created at, Lineitem quantity, Lineitem name, "
            "Lineitem price",
        )
    ]
    assert [f.relative_path for f in log.files if f.is_rejected] == ["export.zip::products_export_1.csv"]
