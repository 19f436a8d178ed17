"""One person as the raw layer knows them: their e-mails and their user ids per platform, followed across
the links the raw rows themselves make.

An erasure request names one identifier (`--email` or `--user`). The same person appears under others: the
events that carry their user id may carry the e-mail they gave (`contact_email`), their HubSpot contact
carries their Instagram or TikTok handle. The marts join on exactly these links (fct_identity_links), so
erasing only the named identifier would leave the person in the marts under the linked ones. The closure
is taken over the raw rows until nothing new is found; the linked identifiers are erased and recorded too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from pipelines.privacy.catalog import (
    ANY_PLATFORM,
    EMAIL,
    SCHEMAS,
    TABLES,
    Identifier,
    PersonalTable,
    columns,
    quoted,
)

MAX_ROUNDS = 20


@dataclass
class Person:
    """Normalised identifiers: e-mails, and (platform, user id) pairs where platform `*` means any."""

    emails: set[str] = field(default_factory=set)
    users: set[tuple[str, str]] = field(default_factory=set)

    def identities(self) -> list[tuple[str, str]]:
        """(kind, value) pairs: `email`, or `user:<platform>` (the ledger's kinds)."""
        return sorted(
            [(EMAIL, email) for email in self.emails]
            + [(f"user:{platform}", user) for platform, user in self.users]
        )

    def values(self) -> set[str]:
        """Every plain identifier (to find the person in free text: rejected records, load packages)."""
        return self.emails | {user for _, user in self.users}

    def __bool__(self) -> bool:
        return bool(self.emails or self.users)

    def merge(self, other: Person) -> None:
        self.emails |= other.emails
        self.users |= other.users


def identifier_condition(identifier: Identifier, person: Person) -> tuple[str, list]:
    """SQL matching `identifier` on the rows of `person`, with its parameters."""
    value = identifier.value_sql()
    if identifier.kind == EMAIL:
        return f"{value} in (select unnest(?::varchar[]))", [sorted(person.emails)]
    any_platform = sorted(user for platform, user in person.users if platform == ANY_PLATFORM)
    scoped = sorted(f"{platform}|{user}" for platform, user in person.users if platform != ANY_PLATFORM)
    return (
        f"({value} in (select unnest(?::varchar[])) "
        f"or {identifier.platform} || '|' || {value} in (select unnest(?::varchar[])))",
        [any_platform, scoped],
    )


def table_condition(spec: PersonalTable, present: set[str], person: Person) -> tuple[str, list] | None:
    """SQL matching the rows of `spec` that name `person` (None when no identifier column exists)."""
    parts, params = [], []
    for identifier in spec.identifiers:
        if identifier.column in present:
            sql, values = identifier_condition(identifier, person)
            parts.append(sql)
            params.extend(values)
    if not parts:
        return None
    return "(" + " or ".join(parts) + ")", params


def linked(con: duckdb.DuckDBPyConnection, person: Person) -> Person:
    """The identifiers the rows of `person` carry (their own included)."""
    found = Person()
    for schema in SCHEMAS:
        for spec in TABLES:
            present = columns(con, schema, spec.table)
            condition = table_condition(spec, present, person)
            if condition is None:
                continue
            where, params = condition
            for identifier in spec.identifiers:
                if identifier.column not in present:
                    continue
                platform = "null" if identifier.kind == EMAIL else identifier.platform
                rows = con.execute(
                    f"select distinct {identifier.value_sql()}, {platform} "
                    f"from {quoted(schema, spec.table)} where {where} and {identifier.column} is not null "
                    f"and trim({identifier.column}) <> ''",
                    params,
                ).fetchall()
                for value, row_platform in rows:
                    if identifier.kind == EMAIL:
                        found.emails.add(value)
                    else:
                        found.users.add((row_platform, value))
    return found


def closure(con: duckdb.DuckDBPyConnection, person: Person) -> Person:
    """`person` with every identifier linked to them in raw, to a fixed point."""
    result = Person(set(person.emails), set(person.users))
    for _ in range(MAX_ROUNDS):
        before = (len(result.emails), len(result.users))
        result.merge(linked(con, result))
        # a scoped id already covered by the same id on any platform adds nothing
        wildcard = {user for platform, user in result.users if platform == ANY_PLATFORM}
        result.users = {
            (platform, user)
            for platform, user in result.users
            if platform == ANY_PLATFORM or user not in wildcard
        }
        if (len(result.emails), len(result.users)) == before:
            break
    return result
