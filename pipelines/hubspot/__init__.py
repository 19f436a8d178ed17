"""dlt source for HubSpot CRM exports: contacts and deals, files as downloaded (CSV, XLSX or XLS) from any
saved view; an absent optional column leaves a note naming HubSpot's label and the KPIs left empty."""

from __future__ import annotations

from datetime import datetime

import dlt

from pipelines.files.landing import LandingFile
from pipelines.files.layout_files import read_layout_files
from pipelines.hubspot import settings
from pipelines.readlog import ReadLog

FAMILY = "hubspot"


@dlt.source(name="hubspot")
def hubspot_source(
    contact_files: list[LandingFile], deal_files: list[LandingFile], log: ReadLog, loaded_at: datetime
):
    @dlt.resource(name=settings.CONTACTS_TABLE, write_disposition="merge", primary_key="contact_id")
    def contacts():
        yield from read_layout_files(
            contact_files,
            settings.CONTACTS,
            FAMILY,
            settings.CONTACTS_TABLE,
            log,
            loaded_at,
            feeds=settings.CONTACT_FEEDS,
        )

    @dlt.resource(name=settings.DEALS_TABLE, write_disposition="merge", primary_key="deal_id")
    def deals():
        yield from read_layout_files(
            deal_files,
            settings.DEALS,
            FAMILY,
            settings.DEALS_TABLE,
            log,
            loaded_at,
            feeds=settings.DEAL_FEEDS,
        )

    return contacts, deals
