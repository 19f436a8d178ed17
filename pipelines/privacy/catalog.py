"""Where personal data lives in the raw layer: which columns identify a person, which hold personal data, and
the business date retention judges a row by.

One list, read by retention (null the personal columns of old rows) and erasure (delete one person's rows),
so a new personal column is added here once. Identifiers are normalised exactly as the staging models do
before hashing: e-mails `lower(trim(email))`, user ids and handles `lower(ltrim(trim(id), '@'))`, so the
person erased is the person the marts counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

SCHEMAS = ("raw", "raw_staging")  # dlt's merge staging dataset holds copies of the last loaded rows

EMAIL = "email"
USER = "user"
ANY_PLATFORM = "*"


def email_sql(column: str) -> str:
    return f"lower(trim({column}))"


def user_sql(column: str) -> str:
    return f"lower(ltrim(trim({column}), '@'))"


def normalise_email(value: str) -> str:
    return value.strip().lower()


def normalise_user(value: str) -> str:
    return value.strip().lstrip("@").lower()


@dataclass(frozen=True)
class Identifier:
    """A column that names a person: an e-mail, or a user id / handle on a platform.

    `platform` is a SQL expression giving the platform of a user id on the row (events: the prefix of the
    event name) or a constant (a HubSpot `Instagram handle` is an Instagram user)."""

    column: str
    kind: str
    platform: str | None = None

    def value_sql(self) -> str:
        return email_sql(self.column) if self.kind == EMAIL else user_sql(self.column)


@dataclass(frozen=True)
class PersonalTable:
    """A raw table holding personal data.

    - `identifiers`: columns erasure matches a person on;
    - `personal`: columns retention nulls on rows older than the retention period (the row stays: every
      table here still feeds a KPI through its other columns; see DECISIONLOG.md, Issue 13 - retention);
    - `dates`: the row's business date is the latest of these (a contact is judged by its latest activity);
    - `unit`: erasure deletes every row sharing this column's value with a matched row (every line of an
      order, not only the line Shopify wrote the e-mail on);
    - `replace`: personal columns retention sets to a SQL expression rather than null, where the models
      require a value (an event's `user_id`: the contract requires it and the staging test checks it).
    """

    table: str
    identifiers: tuple[Identifier, ...]
    personal: tuple[str, ...]
    dates: tuple[str, ...]
    unit: str | None = None
    replace: dict[str, str] = field(default_factory=dict)


EVENT_PLATFORM = "split_part(event_name, '.', 1)"

TABLES = (
    PersonalTable(
        "events",
        identifiers=(Identifier("user_id", USER, EVENT_PLATFORM), Identifier("contact_email", EMAIL)),
        personal=("user_id", "contact_email", "text", "properties", "extra_fields"),
        dates=("occurred_at",),
        # one stand-in customer per conversation: conversation KPIs keep their customer, no person is named
        replace={"user_id": "'purged:' || coalesce(conversation_id, event_id)"},
    ),
    PersonalTable(
        "hubspot_contacts",
        identifiers=(
            Identifier("email", EMAIL),
            Identifier("instagram_handle", USER, "'instagram'"),
            Identifier("tiktok_handle", USER, "'tiktok'"),
            Identifier("twitter_username", USER, "'x'"),
        ),
        personal=(
            "email",
            "first_name",
            "last_name",
            "instagram_handle",
            "tiktok_handle",
            "twitter_username",
            "linkedin_url",
            "phone_number",
            "city",
            "state_region",
        ),
        dates=("created_at", "became_lead_at", "became_customer_at", "first_conversion_at"),
    ),  # fmt: skip
    PersonalTable(
        "shopify_order_lines",
        identifiers=(Identifier("email", EMAIL),),
        personal=(
            "email",
            "phone",
            "notes",
            "billing_name",
            "billing_street",
            "billing_address1",
            "billing_address2",
            "billing_company",
            "billing_city",
            "billing_zip",
            "billing_phone",
            "shipping_name",
            "shipping_street",
            "shipping_address1",
            "shipping_address2",
            "shipping_company",
            "shipping_city",
            "shipping_zip",
            "shipping_phone",
        ),
        dates=("created_at",),
        unit="order_name",
    ),  # fmt: skip
    PersonalTable("load_rejects", identifiers=(), personal=("raw_record",), dates=("rejected_at",)),
)

# Erased with the orders they belong to: a journey is keyed by the order id of an erased order.
JOURNEYS = "shopify_order_journeys"


def columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> set[str]:
    """The columns `schema.table` has (empty when it does not exist): dlt adds a column only when a row
    has a value for it, so a landing without e-mails has no `contact_email` column."""
    rows = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    return {name for (name,) in rows}


def quoted(schema: str, table: str) -> str:
    return f'"{schema}"."{table}"'
