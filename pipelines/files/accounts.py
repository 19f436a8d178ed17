"""Which account of a platform a file belongs to, so that several accounts in one landing never overwrite
each other (two TikTok accounts both export `Overview.csv` with the same days: without the account in the
merge key, the second load would replace the first account's figures).

The account is read from where the user put the file, then from the name the platform gave it:
1. The folder: the innermost folder of the file's path that is neither a family folder (`content`,
   `tiktok`, `linkedin`, …), nor dated (`2026`, `2026-08`), nor an export's own folder (a folder whose name
   carries a date range, as an unzipped TikTok or YouTube export keeps it; or one the platform names, see
   2.). `content/tiktok/brand_ca/export.zip` and `content/tiktok/brand_fr/export.zip` are accounts
   `brand_ca` and `brand_fr`. A folder is what the user chose, so it wins over the platform's name.
2. Else the platform's own name for the export, when it carries the account (`from_name`): LinkedIn's
   `<page>_content_<epoch ms>.xls`, YouTube's `Content 2026-09-12_2026-10-01 <Channel>` zip or folder.
3. Else `DEFAULT` (the empty string): a landing with one account and no account folder keeps loading
   exactly as before, under account `''`.
Zip members (`export.zip::Overview.csv`) take the account of their zip. The account is a label, not an id:
renaming an account folder loads the same files again under the new label.
Meta's exports mostly say whose they are (a post export's `Page name` / `Account username`): pipelines/meta
uses these rules only where the file does not (see its module docstring).
"""

from __future__ import annotations

import re
from collections.abc import Callable

DEFAULT = ""
MEMBER_SEPARATOR = "::"
FAMILY_FOLDERS = frozenset(
    {
        "content",
        "commerce",
        "events",
        "costs",
        "instagram",
        "facebook",
        "meta",
        "tiktok",
        "youtube",
        "linkedin",
        "x",
    }
)
_DATED = re.compile(r"^\d{4}([-_ .]\d{1,2}){0,2}$")
_RANGE = re.compile(r"\d{4}-\d{2}-\d{2}[_ ~to-]+\d{4}-\d{2}-\d{2}")

FromName = Callable[[str], "str | None"]


def _is_export_folder(folder: str, from_name: FromName | None) -> bool:
    return bool(_RANGE.search(folder)) or (from_name is not None and from_name(folder) is not None)


def account_of(relative_path: str, from_name: FromName | None = None) -> str:
    """The account label of a landing file or zip member (see the module docstring for the rules)."""
    outer = relative_path.split(MEMBER_SEPARATOR, 1)[0]
    parts = [part for part in outer.split("/") if part]
    folders, name = parts[:-1], parts[-1] if parts else ""
    for folder in reversed(folders):
        if folder.lower() in FAMILY_FOLDERS or _DATED.match(folder) or _is_export_folder(folder, from_name):
            continue
        return folder
    if from_name is not None:
        for part in (name, *reversed(folders)):
            named = from_name(part)
            if named:
                return named
    return DEFAULT


def account_resolver(from_name: FromName | None = None) -> Callable[[str], str]:
    """`account_of` bound to one platform's name rule, as `bundles.read_routed_files` takes it."""

    def resolve(relative_path: str) -> str:
        return account_of(relative_path, from_name)

    return resolve
