"""The personal-data guard: no e-mail address, social handle or message text in any mart or report.

Its query is built when the checks run, from the warehouse's own catalogue: one row per text column of every
table in `marts` and `reporting` (the registry `marts.dim_kpis` holds SQL and labels, not data, and is left
out), counting the values that look like an e-mail, an `@handle` or free text. The check columns name the
offending `schema.table.column`, so a failure says where the data leaked.
"""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.suites import ERROR, expect

SCHEMAS = ("marts", "reporting")
NOT_DATA = ("marts.dim_kpis",)
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
HANDLE = r"(?:^|\s)@[A-Za-z0-9_.]{2,}"
FREE_TEXT = r"(?:\S+\s+){11,}\S+"  # twelve words or more: a message or a caption, not a label


def personal_data_query(con) -> str:
    """The scan over every text column; a query of one empty row when there is none."""
    columns = con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        f"where table_schema in ({', '.join(repr(s) for s in SCHEMAS)}) and data_type = 'VARCHAR' "
        "order by table_schema, table_name, column_name"
    ).fetchall()
    parts = []
    for schema, table, column in columns:
        if f"{schema}.{table}" in NOT_DATA:
            continue
        name = f"{schema}.{table}.{column}"
        quoted = f'"{column}"'
        parts.append(
            f"select '{name}' as text_column, "
            f"count(*) filter (where regexp_matches({quoted}, '{EMAIL}')) as emails, "
            f"count(*) filter (where regexp_matches({quoted}, '{HANDLE}')) as handles, "
            f"count(*) filter (where regexp_matches({quoted}, '{FREE_TEXT}')) as free_texts "
            f'from {schema}."{table}"'
        )
    if not parts:
        return "select null as text_column, 0 as emails, 0 as handles, 0 as free_texts"
    scan = "\nunion all\n".join(parts)
    return f"""\
select
    text_column,
    case when emails > 0 then text_column end as column_with_emails,
    case when handles > 0 then text_column end as column_with_handles,
    case when free_texts > 0 then text_column end as column_with_free_text
from ({scan}) as scan"""


def personal_data() -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name="personal_data",
        meta={"table": "marts.*, reporting.* (every text column)", "query_builder": "personal_data_query"},
        expectations=[
            expect(gxe.ExpectColumnValuesToBeNull, ERROR, "privacy: no e-mail addresses in marts",
                   "No text column of a mart holds an e-mail address (they are hashed in staging).",
                   column="column_with_emails"),
            expect(gxe.ExpectColumnValuesToBeNull, ERROR, "privacy: no handles in marts",
                   "No text column of a mart holds an @handle (captions and titles are dropped).",
                   column="column_with_handles"),
            expect(gxe.ExpectColumnValuesToBeNull, ERROR, "privacy: no message text in marts",
                   "No text column of a mart holds free text of twelve words or more (message text is "
                   "dropped in staging).", column="column_with_free_text"),
        ],
    )  # fmt: skip


QUERY_BUILDERS = {"personal_data_query": personal_data_query}
