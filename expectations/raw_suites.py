"""Suites for the raw layer (what the loaders wrote): the events contract and the export files' basics.

The loaders validate every row already (bad rows go to raw.load_rejects); these suites check the result
independently, with the contract's own sets (pipelines/events/settings.py), so a loader bug that lets a bad
row through fails the run. Raw tables of families a landing folder does not have do not exist: their suites
are `optional` and skipped (reported) rather than failed. "Not in the future" is judged against the load's
own time (`_loaded_at`), never the wall clock, so a rerun on the same data gives the same verdicts.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, WARNING, expect
from pipelines.costs import settings as costs
from pipelines.events import settings as events

# minutes of clock skew allowed between a source's timestamp and the load that read it
FUTURE_SKEW_MIN = 10
EVENT_NAME_REGEX = f"^(?:{'|'.join(sorted(events.PLATFORMS))})\\.(?:{'|'.join(sorted(events.EVENT_ACTORS))})$"
LANGUAGE_REGEX = r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$"


def _after_load(column: str) -> str:
    return f"case when {column} > _loaded_at + interval {FUTURE_SKEW_MIN} minute then 1 else 0 end"


def raw_events() -> gx.ExpectationSuite:
    """raw.events: one row per interaction event (shared/spec/events.md)."""
    query = f"""\
select
    event_id,
    event_name,
    actor,
    occurred_at,
    language,
    sentiment_score,
    sentiment_confidence,
    csat_score,
    {_after_load("occurred_at")} as occurred_after_load
from raw.events"""
    return gx.ExpectationSuite(
        name="raw_events",
        meta={"table": "raw.events", "query": query, "optional": True},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "contract: event_id is the idempotency key",
                   "Each event is stored once (merge on event_id).", column="event_id"),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "contract: event_id required",
                   "Every event has an id.", column="event_id"),
            expect(gxe.ExpectColumnValuesToMatchRegex, ERROR, "contract: event_name = <platform>.<event>",
                   "Event names use a known platform and event.", column="event_name", regex=EVENT_NAME_REGEX),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "contract: actor",
                   "The actor is a customer, an agent or a bot.", column="actor",
                   value_set=sorted(events.ACTORS)),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "contract: occurred_at required and parseable",
                   "Every event has a time.", column="occurred_at"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "contract: occurred_at not in the future",
                   f"No event happened more than {FUTURE_SKEW_MIN} minutes after the load that read it.",
                   column="occurred_after_load", max_value=0),
            expect(gxe.ExpectColumnValuesToMatchRegex, WARNING, "contract: language is a BCP 47 tag",
                   "Languages look like BCP 47 tags (en, fr-CA).", column="language", regex=LANGUAGE_REGEX),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "contract: sentiment_score in [-1, 1]",
                   "Sentiment scores lie in [-1, 1].", column="sentiment_score", min_value=-1, max_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "contract: sentiment_confidence in [0, 1]",
                   "Sentiment confidence lies in [0, 1].", column="sentiment_confidence", min_value=0,
                   max_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "contract: csat_score in 1-5",
                   "CSAT scores are 1 to 5.", column="csat_score", min_value=1, max_value=5),
        ],
    )  # fmt: skip


# raw content table -> (id column, id regex, count columns, publish column)
RAW_CONTENT = {
    "meta_instagram_posts": ("post_id", r"^[0-9]{15,20}$", ["views", "reach", "likes", "comments", "shares", "saves"],
                             "published_at_local"),
    "meta_facebook_posts": ("post_id", r"^[0-9_]{15,40}$", ["views", "reach", "reactions", "comments", "shares"],
                            "published_at_local"),
    "tiktok_content": ("video_id", r"^[0-9]{15,20}$", ["total_views", "total_likes", "total_comments",
                                                       "total_shares"], "posted_on"),
    "youtube_videos": ("video_id", r"^[A-Za-z0-9_-]{11}$", ["views", "thumbnail_impressions"], "published_on"),
    "linkedin_posts": ("post_id", r"^urn:li:[a-zA-Z]+:[0-9]+$", ["impressions", "clicks", "likes", "comments",
                                                               "reposts"], "created_on"),
}  # fmt: skip


def raw_content_suite(table: str) -> gx.ExpectationSuite:
    id_column, id_regex, counts, published = RAW_CONTENT[table]
    query = f"""\
select
    {id_column},
    {", ".join(counts)},
    {_after_load(f"cast({published} as timestamp)")} as published_after_load
from raw.{table}"""
    expectations = [
        expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "input: the post id is required",
               "Every row names its post.", column=id_column),
        expect(gxe.ExpectColumnValuesToMatchRegex, ERROR, "input: ids are strings of the platform's shape",
               "Post ids keep their exact digits (never a float, no leading apostrophe or space).",
               column=id_column, regex=id_regex),
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: not published in the future",
               f"No post was published more than {FUTURE_SKEW_MIN} minutes after the load that read it.",
               column="published_after_load", max_value=0),
    ]  # fmt: skip
    expectations += [
        expect(gxe.ExpectColumnValuesToBeBetween, ERROR, f"input: {column} is a count",
               f"{column} is never negative in an export.", column=column, min_value=0)
        for column in counts
    ]  # fmt: skip
    return gx.ExpectationSuite(
        name=f"raw_{table}",
        meta={"table": f"raw.{table}", "query": query, "optional": True},
        expectations=expectations,
    )


def raw_shopify_order_lines() -> gx.ExpectationSuite:
    """raw.shopify_order_lines: one row per line item; order-level fields only on an order's first line."""
    query = f"""\
select
    order_name,
    currency_code,
    total_amount,
    subtotal_amount,
    lineitem_quantity,
    lineitem_price,
    {_after_load("created_at")} as created_after_load
from raw.shopify_order_lines"""
    return gx.ExpectationSuite(
        name="raw_shopify_order_lines",
        meta={"table": "raw.shopify_order_lines", "query": query, "optional": True},
        expectations=[
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "input: every line belongs to an order",
                   "Every line item names its order (`Name` is on every line; the id only on the first).", column="order_name"),
            expect(gxe.ExpectColumnValuesToMatchRegex, ERROR, "input: ISO 4217 currency",
                   "Currencies are three upper-case letters.", column="currency_code", regex=r"^[A-Z]{3}$"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: amounts are not negative",
                   "Order totals are never negative.", column="total_amount", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: amounts are not negative",
                   "Order subtotals are never negative.", column="subtotal_amount", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: quantities are positive",
                   "A line item has a quantity of at least 1.", column="lineitem_quantity", min_value=1),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: not created in the future",
                   f"No order was created more than {FUTURE_SKEW_MIN} minutes after the load that read it.",
                   column="created_after_load", max_value=0),
        ],
    )  # fmt: skip


def raw_hubspot_contacts() -> gx.ExpectationSuite:
    """raw.hubspot_contacts: one row per HubSpot contact."""
    query = f"""\
select
    contact_id,
    {_after_load("created_at")} as created_after_load
from raw.hubspot_contacts"""
    return gx.ExpectationSuite(
        name="raw_hubspot_contacts",
        meta={"table": "raw.hubspot_contacts", "query": query, "optional": True},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "input: Record ID is the contact's key",
                   "Each contact is stored once.", column="contact_id"),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "input: Record ID required",
                   "Every contact has its Record ID.", column="contact_id"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: not created in the future",
                   f"No contact was created more than {FUTURE_SKEW_MIN} minutes after the load that read it.",
                   column="created_after_load", max_value=0),
        ],
    )  # fmt: skip


def raw_content_suites() -> list:
    def make(table: str):
        def suite() -> gx.ExpectationSuite:
            return raw_content_suite(table)

        suite.__name__ = f"raw_{table}"
        return suite

    return [make(table) for table in RAW_CONTENT]


def raw_hubspot_deals() -> gx.ExpectationSuite:
    """raw.hubspot_deals: one row per HubSpot deal."""
    query = f"""\
select
    deal_id,
    amount,
    {_after_load("created_at")} as created_after_load
from raw.hubspot_deals"""
    return gx.ExpectationSuite(
        name="raw_hubspot_deals",
        meta={"table": "raw.hubspot_deals", "query": query, "optional": True},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "input: Record ID is the deal's key",
                   "Each deal is stored once.", column="deal_id"),
            expect(gxe.ExpectColumnValuesToNotBeNull, ERROR, "input: Record ID required",
                   "Every deal has its Record ID.", column="deal_id"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: amounts are not negative",
                   "A deal's amount is never negative.", column="amount", min_value=0),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: not created in the future",
                   f"No deal was created more than {FUTURE_SKEW_MIN} minutes after the load that read it.",
                   column="created_after_load", max_value=0),
        ],
    )  # fmt: skip


def raw_costs() -> gx.ExpectationSuite:
    """raw.costs: one row per month x category x (platform, campaign) of costs.csv (our own format)."""
    query = """\
select cost_key, category, amount, currency_code, agent_hours
from raw.costs"""
    return gx.ExpectationSuite(
        name="raw_costs",
        meta={"table": "raw.costs", "query": query, "optional": True},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeUnique, ERROR, "input: one row per month x category x platform x campaign",
                   "Each cost line is stored once.", column="cost_key"),
            expect(gxe.ExpectColumnValuesToBeInSet, ERROR, "input: cost categories",
                   "Every cost has one of the four categories.", column="category",
                   value_set=list(costs.CATEGORIES)),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: amounts are not negative",
                   "Costs are never negative.", column="amount", min_value=0),
            expect(gxe.ExpectColumnValuesToMatchRegex, ERROR, "input: ISO 4217 currency",
                   "Currencies are three upper-case letters.", column="currency_code", regex=r"^[A-Z]{3}$"),
            expect(gxe.ExpectColumnValuesToBeBetween, ERROR, "input: agent hours",
                   "Agent hours are never negative.", column="agent_hours", min_value=0),
        ],
    )  # fmt: skip
