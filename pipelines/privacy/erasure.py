"""`socialkpi erase`: remove one person from the raw layer, the marts and the published copy.

The person is named by an e-mail (`--email`, matched trimmed and lower-cased as the staging models hash it)
or a user id / handle (`--user`, matched without a leading `@`, lower-cased, on every platform or on
`--platform` only). Their linked identifiers (person.py) are erased with them. In order:

1. delete their rows from `raw` (and dlt's staging copies), redact their rejected records;
2. record their identifiers in the erasure ledger as keyed hashes, so every later load drops them again;
3. delete the completed dlt load-package files that hold them (packages.py);
4. rebuild the marts (`dbt build`, transform.py) from the cleaned raw layer;
5. rewrite the warehouse file so no freed block keeps their values (compact.py);
6. republish the serving copy the app reads (publish.py).

A person never loaded is still recorded: an erasure request may arrive before their data does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.events.settings import PLATFORMS
from pipelines.privacy import compact, ledger, packages, person, removal
from pipelines.privacy.catalog import ANY_PLATFORM, normalise_email, normalise_user
from pipelines.privacy.enforce import connect
from pipelines.privacy.keys import pii_key


class ErasureError(RuntimeError):
    """The erasure could not be done (no warehouse, no key, a bad identifier, an unfinished load)."""


@dataclass
class ErasureReport:
    removed: Counter[str] = field(default_factory=Counter)  # raw rows deleted, per table
    rejects_redacted: int = 0
    emails: int = 0  # identifiers erased (the named ones and the linked ones)
    user_ids: int = 0
    ledger_added: int = 0
    package_files_deleted: int = 0
    published: Path | None = None
    transform_failures: list[str] = field(default_factory=list)


def requested(emails: list[str], users: list[str], platform: str | None) -> person.Person:
    """The identifiers the request names, normalised; a blank or malformed one is refused by name."""
    asked = person.Person()
    for email in emails:
        value = normalise_email(email)
        if "@" not in value or value.startswith("@") or value.endswith("@") or " " in value:
            raise ErasureError(f"--email {email!r} is not an e-mail address")
        asked.emails.add(value)
    scope = platform.strip().lower() if platform else ANY_PLATFORM
    if scope != ANY_PLATFORM and scope not in PLATFORMS:
        raise ErasureError(f"--platform {platform!r} is not one of {', '.join(sorted(PLATFORMS))}")
    for user in users:
        value = normalise_user(user)
        if not value:
            raise ErasureError(f"--user {user!r} is empty")
        asked.users.add((scope, value))
    if not asked:
        raise ErasureError("name the person: --email ADDRESS or --user ID")
    return asked


def erase_raw(warehouse: Path, asked: person.Person, report: ErasureReport) -> person.Person:
    """Steps 1-3: delete the person from raw, record them in the ledger, clean the load packages."""
    key = pii_key(warehouse)
    con = connect(warehouse)
    try:
        everyone = person.closure(con, asked)
        pattern = removal.mention_pattern(everyone)
        packages.check_pending(warehouse, pattern)
        report.removed = removal.delete_rows(con, everyone)
        report.rejects_redacted = removal.redact_rejects(con, everyone)
        report.ledger_added = ledger.record(
            con, everyone.identities(), key, datetime.now(UTC).replace(tzinfo=None)
        )
        con.execute("checkpoint")
    finally:
        con.close()
    report.emails = len(everyone.emails)
    report.user_ids = len(everyone.users)
    report.package_files_deleted = packages.scrub(warehouse, pattern)
    return everyone


def erase(warehouse: Path, emails: list[str], users: list[str], platform: str | None = None) -> ErasureReport:
    """Erase the people named from `warehouse`, rebuild its marts and republish (steps 1-6)."""
    from pipelines.privacy.keys import MissingKey
    from pipelines.publish import publish
    from pipelines.transform import transform

    asked = requested(emails, users, platform)
    if not warehouse.exists():
        raise ErasureError(f"warehouse {warehouse} does not exist: nothing to erase from")
    report = ErasureReport()
    try:
        erase_raw(warehouse, asked, report)
    except MissingKey as exc:
        raise ErasureError(f"{exc} (warehouse {warehouse})") from exc
    except packages.PendingPackage as exc:
        raise ErasureError(str(exc)) from exc
    except duckdb.Error as exc:
        raise ErasureError(f"could not erase from {warehouse}: {exc}") from exc
    built = transform(warehouse)
    report.transform_failures = built.failures if not built.success else []
    compact.compact(warehouse)  # deleted values leave the file's bytes even when the rebuild failed
    if built.success:
        report.published = publish(warehouse)
    return report
