"""Units of measure: which a claim may name, and how a figure prints with one.

A unit is a CLDR unit that Babel knows (``power-megawatt``, ``length-kilometer``,
``mass-tonne``; a compound ``volume-cubic-meter-per-duration-second``), ``percent``,
or an ISO 4217 currency code (``USD``, ``EUR``, ``VND``). CLDR lacks some units in
some locales and Babel then prints the raw unit id ("3 duration-day"), so a unit is
accepted only when every locale of the brief has a pattern for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from babel import Locale
from babel.numbers import get_currency_name
from babel.units import _find_unit_pattern, format_compound_unit, format_unit

CURRENCY = re.compile(r"^[A-Z]{3}$")
PERCENT = "percent"
# A figure no text contains, formatted in the unit's pattern and then replaced by
# the figure as printed: this keeps one pattern for a single value and for a range.
SENTINEL = 987654321


def kind(unit: Optional[str]) -> str:
    """"none", "percent", "currency" or "unit"."""
    if not unit:
        return "none"
    if unit == PERCENT:
        return "percent"
    return "currency" if CURRENCY.match(unit) else "unit"


def _parts(unit: str) -> tuple[str, Optional[str]]:
    numerator, _, denominator = unit.partition("-per-")
    return numerator, denominator or None


@lru_cache(maxsize=None)
def problem(unit: str, locales: tuple[str, ...]) -> Optional[str]:
    """Why a unit cannot be printed in these locales, or None when it can."""
    if kind(unit) == "percent":
        return None
    if kind(unit) == "currency":
        try:
            name = get_currency_name(unit, locale="en")
        except Exception:  # noqa: BLE001 - Babel raises assorted errors on odd codes
            name = unit
        return None if name != unit else f"'{unit}' is not a currency code Babel knows"
    for locale in locales:
        for part in filter(None, _parts(unit)):
            found = _find_unit_pattern(part, locale=_babel(locale))
            if found is None:
                return (f"'{part}' is not a CLDR unit (for example power-megawatt, "
                        "length-kilometer, mass-tonne, area-square-kilometer, percent, "
                        "or a currency code such as USD)")
            patterns = _babel(locale)._data["unit_patterns"].get(found, {})
            if "short" not in patterns:
                return f"CLDR has no pattern for '{part}' in locale '{locale}'"
    return None


def with_unit(core: str, unit: str, plural_value, locale: Locale) -> str:
    """The formatted figure ``core`` (a number or a range) with its unit, short form:
    "4,200 MW", "10–12 m³/s"."""
    numerator, denominator = _parts(unit)
    if denominator:
        sample = format_compound_unit(SENTINEL, numerator, denominator_unit=denominator,
                                      length="short", locale=locale)
    else:
        sample = format_unit(SENTINEL if plural_value != 1 else 1, numerator,
                             length="short", locale=locale)
        if plural_value == 1:
            return sample.replace("1", core, 1)
    from babel.numbers import format_decimal

    return sample.replace(format_decimal(SENTINEL, locale=locale), core)


@lru_cache(maxsize=None)
def _babel(locale: str) -> Locale:
    return Locale.parse({"en": "en_GB"}.get(locale, locale))
