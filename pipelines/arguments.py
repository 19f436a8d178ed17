"""Command-line values checked before they reach a query: a platform of the event contract, a language tag
shaped like BCP 47.

Every query already passes these values as parameters, never as SQL text, so a hostile value cannot change a
query; but an unknown platform or a typo'd language would silently select nothing. Checked here, such a value
stops the command with argparse's usage error (exit 2) naming the argument and what it accepts.
"""

from __future__ import annotations

import argparse
import re

# language[-script][-region][-variant]: `en`, `fr-CA`, `zh-Hant-TW`, `und` (what the marts hold, kpis.md §1)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")


def platform(value: str) -> str:
    from pipelines.events.settings import PLATFORMS

    if value not in PLATFORMS:
        raise argparse.ArgumentTypeError(
            f"unknown platform {value[:80]!r}: choose from {', '.join(sorted(PLATFORMS))}"
        )
    return value


def language(value: str) -> str:
    if not LANGUAGE_TAG.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"{value[:80]!r} is not a language tag: BCP 47 as in the marts (en, fr-CA, und)"
        )
    return value
