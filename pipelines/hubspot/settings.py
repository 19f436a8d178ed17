"""HubSpot CRM exports: contacts and deals, from any saved view, as CSV, XLSX or XLS.

A file is a contacts or a deals export by its header (`hubspot-crm-exports-all-contacts-2026-08-01.csv`
is only the usual name). `Record ID` comes first, then the view's (or all) properties by their label, every
field quoted in the CSV; labels follow the exporting user's UI language, so French labels are aliases too.
A saved view exports only its own columns (the default contacts view: `Record ID, First Name, Last Name,
Email, Phone Number, Contact owner, Primary Associated Company ID, Last Activity Date, Lead Status,
Marketing contact status, Create Date, Associated Company`, no `Lifecycle Stage`; deals views are often
without `Create Date` and associations), so only the record id and the column that makes the file useful
are required: `Email` for contacts (every identity link and CRM KPI starts from it), `Deal Stage` for
deals. Any other column may be absent: the KPIs it feeds stay empty and the load says so (the FEEDS
below, by HubSpot's label). Dates appear as `2024-03-12 09:14`, `2024-03-12` or `3/15/2024 2:30 PM`: all
parse; a workbook's date cells are read as dates. Grain: one row per record; merge on the record id, so
of two views of the same records the later file's row wins whole (export one view per object).
Social handles are read from properties such as `Instagram handle`; add a custom one to HANDLE_ALIASES.

Currency: an account with several currencies has the deal property `Currency` (internal name
`deal_currency_code`, `Devise` in French; HubSpot shows it only once a second currency is added), the currency
`Amount` is in. With it, the deal amount is converted into the reporting currency at the rate of the close
date (else the create date) by the same rule as orders (fct_deals, macro currency_conversion). Without it,
the account has one currency: the amount is taken to be in the reporting currency of settings.toml, and the
load notes so. A value that is no ISO 4217 code rejects its row naming the file, line and `Currency`.
"""

from __future__ import annotations

import re

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

CONTACTS_TABLE = "hubspot_contacts"
DEALS_TABLE = "hubspot_deals"

DATE_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d/%m/%Y %H:%M",
)
RECORD_ID = ("Record ID", "ID de fiche d'informations", "ID d'enregistrement", "ID de registro")


def _date(name: str, *aliases: str, required: bool = False) -> Column:
    return Column(
        name, aliases, pa.timestamp("us"), lambda v: values.parse_datetime(v, DATE_FORMATS), required=required
    )


HANDLE_ALIASES = {
    "instagram_handle": (
        "Instagram handle",
        "Instagram Handle",
        "Instagram username",
        "Identifiant Instagram",
    ),
    "tiktok_handle": ("TikTok handle", "TikTok Handle", "TikTok username"),
    "twitter_username": ("Twitter Username", "Nom d'utilisateur Twitter"),
    "linkedin_url": ("LinkedIn URL", "LinkedIn Bio", "URL LinkedIn"),
}

CONTACTS = Layout(
    name="HubSpot contacts export",
    columns=(
        Column("contact_id", RECORD_ID, pa.string(), values.parse_id, required=True, required_value=True),
        Column("email", ("Email", "Adresse e-mail", "E-mail"), required=True),
        _date("created_at", "Create Date", "Date de création"),
        Column("lifecycle_stage", ("Lifecycle Stage", "Phase du cycle de vie")),
        Column("first_name", ("First Name", "Prénom")),
        Column("last_name", ("Last Name", "Nom")),
        Column("original_source", ("Original Source", "Source d'origine")),
        Column("original_source_drill_down_1", ("Original Source Drill-Down 1",)),
        Column("original_source_drill_down_2", ("Original Source Drill-Down 2",)),
        Column("latest_source", ("Latest Source", "Dernière source")),
        _date("first_conversion_at", "First Conversion Date"),
        _date("became_customer_at", "Became a Customer Date"),
        _date("became_lead_at", "Became a Lead Date"),
        Column("first_touch_campaign", ("First Touch Converting Campaign",)),
        Column("last_touch_campaign", ("Last Touch Converting Campaign",)),
        *[Column(name, aliases) for name, aliases in HANDLE_ALIASES.items()],
    ),
)

ISO_CODE = re.compile(r"^[A-Z]{3}$")


def parse_currency(value: str | None) -> str | None:
    """`Currency` as HubSpot writes it: an ISO 4217 code (`EUR`, `usd`, ` CAD `); empty is no currency."""
    text = values.clean(value)
    if text is None:
        return None
    code = text.strip().upper()
    if not ISO_CODE.match(code):
        raise ValueError(f"{text!r} is not a currency code (three letters, ISO 4217: EUR, USD, CAD)")
    return code


DEALS = Layout(
    name="HubSpot deals export",
    columns=(
        Column("deal_id", RECORD_ID, pa.string(), values.parse_id, required=True, required_value=True),
        Column("deal_name", ("Deal Name", "Nom de la transaction")),
        Column("deal_stage", ("Deal Stage", "Phase de la transaction"), required=True),
        _date("closed_at", "Close Date", "Date de fermeture"),
        Column("amount", ("Amount", "Montant"), pa.decimal128(18, 4), values.parse_decimal),
        Column("currency", ("Currency", "Deal currency code", "Devise"), pa.string(), parse_currency),
        Column("pipeline", ("Pipeline",)),
        _date("created_at", "Create Date", "Date de création"),
        # `Associated Contact` (no IDs) holds the contacts' names: it is not an alias, it stays an extra column
        Column("associated_contact_ids", ("Associated Contact IDs", "Contact IDs")),
    ),
)

WON_DEALS = "won deals of social leads (won_deals, won_deal_amount)"
# Optional columns a KPI reads, and what stays empty without them (a note on the file, never a reject).
CONTACT_FEEDS = {
    "instagram_handle": "contacts are matched to Instagram users by e-mail only, never by handle "
    "(identity links, and the conversions and " + WON_DEALS + " that follow them)",
    "tiktok_handle": "contacts are matched to TikTok users by e-mail only, never by handle "
    "(identity links, and the conversions and " + WON_DEALS + " that follow them)",
    "first_touch_campaign": "no CRM first-touch campaign touchpoints in the attribution paths",
    "last_touch_campaign": "no CRM last-touch campaign touchpoints in the attribution paths",
}
DEAL_FEEDS = {
    "amount": "the value of " + WON_DEALS + " stays empty (won_deal_amount); won deals are still counted",
    "currency": "every deal amount is taken to be in the reporting currency of settings.toml (won_deal_amount "
    "is not converted); export `Currency` too if the HubSpot account has several currencies",
    "associated_contact_ids": "deals cannot be tied to the leads whose contacts they belong to: "
    + WON_DEALS
    + " stay empty",
}
