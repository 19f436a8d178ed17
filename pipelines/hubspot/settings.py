"""HubSpot CRM exports: contacts (`hubspot-crm-exports-*contacts*.csv`) and deals (`…*deals*.csv`).

`Record ID` comes first, then the view's (or all) properties by their label; labels follow the exporting
user's UI language, so French labels are aliases too. Dates appear as `2024-03-12 09:14` or
`3/15/2024 2:30 PM`: both parse. Grain: one row per record; merge on the record id.
Social handles are read from properties such as `Instagram handle`; add a custom one to HANDLE_ALIASES.
"""

from __future__ import annotations

import pyarrow as pa

from pipelines.files import values
from pipelines.files.tabular import Column, Layout

CONTACT_GLOBS = (
    "commerce/hubspot-crm-exports-*contacts*.csv",
    "commerce/**/hubspot-crm-exports-*contacts*.csv",
)
DEAL_GLOBS = ("commerce/hubspot-crm-exports-*deals*.csv", "commerce/**/hubspot-crm-exports-*deals*.csv")
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
RECORD_ID = ("Record ID", "ID de fiche d'informations", "ID d'enregistrement")


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
        _date("created_at", "Create Date", "Date de création", required=True),
        Column("lifecycle_stage", ("Lifecycle Stage", "Phase du cycle de vie"), required=True),
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

DEALS = Layout(
    name="HubSpot deals export",
    columns=(
        Column("deal_id", RECORD_ID, pa.string(), values.parse_id, required=True, required_value=True),
        Column("deal_name", ("Deal Name", "Nom de la transaction")),
        Column("deal_stage", ("Deal Stage", "Phase de la transaction"), required=True),
        _date("closed_at", "Close Date", "Date de fermeture"),
        Column("amount", ("Amount", "Montant"), pa.decimal128(18, 4), values.parse_decimal, required=True),
        Column("pipeline", ("Pipeline",)),
        _date("created_at", "Create Date", "Date de création", required=True),
        Column("associated_contact_ids", ("Associated Contact IDs", "Associated Contact", "Contact IDs")),
    ),
)
