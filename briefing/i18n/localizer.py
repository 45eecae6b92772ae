"""The Localizer: everything that depends on the edition's language, in one place.

It holds the edition's catalogs and formats numbers, figures, dates, intervals and
lists with Babel's CLDR data. Templates and chart code receive a Localizer already
bound to its locale and never pass a locale around themselves.
"""

from __future__ import annotations

from typing import Optional

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import (format_compact_decimal, format_currency, format_decimal,
                           format_percent)
from markupsafe import Markup, escape

from ..diagnostics import Collector, Location
from ..facts import units
from ..facts.model import Claim, PartialDate
from ..project import SOURCE_LOCALE, Project, shown_path
from .catalogs import DOMAINS, Catalog, load_catalog, short
# House style: English editions write "19 September 2023", as British and
# international institutions do; CLDR's plain "en" would write "September 19, 2023".
FORMAT_LOCALES = {"en": "en_GB"}
# The language tag of the document (PDF /Lang, hyphenation patterns): the English
# of the briefs is American in spelling.
DOCUMENT_LANGUAGES = {"en": "en-US"}
NBSP = "\u00a0"


def N_(msgid: str) -> str:
    """Mark a string for extraction where it is translated later, by variable."""
    return msgid


QUALIFIERS = {
    "exact": "%(figure)s",
    "about": N_("about %(figure)s"),
    "nearly": N_("nearly %(figure)s"),
    "at_least": N_("at least %(figure)s"),
    "more_than": N_("more than %(figure)s"),
    "up_to": N_("up to %(figure)s"),
    "at_most": N_("at most %(figure)s"),
    "less_than": N_("less than %(figure)s"),
}
# Printed after a date the brief infers rather than a source states; the brief
# explains the mark where it says how to read it.
INFERRED_MARK = "\u2020"
# Quotation marks where a locale's differ from “…” (which English and Vietnamese use);
# CLDR has them but Babel does not expose them.
QUOTATION_MARKS = {"fr": ("«\u202f", "\u202f»"), "de": ("„", "“")}


class Localizer:
    """Translation and CLDR formatting for one edition."""

    def __init__(self, locale: str, catalogs: dict[str, Catalog],
                 mark_untranslated: bool = False):
        self.locale = locale
        self.babel = Locale.parse(FORMAT_LOCALES.get(locale, locale))
        self.catalogs = catalogs
        self.mark_untranslated = mark_untranslated
        self.fallbacks: dict[tuple[str, Optional[str], str], str] = {}

    @classmethod
    def load(cls, project: Project, locale: str, problems: Collector, strict: bool = False,
             mark_untranslated: bool = False) -> "Localizer":
        catalogs = {}
        if locale != SOURCE_LOCALE:
            for domain in DOMAINS:
                path = project.po_path(locale, domain)
                catalogs[domain] = load_catalog(path, shown_path(path), domain, problems,
                                                strict)
        return cls(locale, catalogs, mark_untranslated)

    @property
    def document_language(self) -> str:
        return DOCUMENT_LANGUAGES.get(self.locale, self.locale.replace("_", "-"))

    @property
    def direction(self) -> str:
        return self.babel.text_direction

    # -- translation ------------------------------------------------------------
    def translate(self, msgid: str, context: Optional[str] = None,
                  domain: str = "messages", plural: Optional[str] = None,
                  n: Optional[int] = None) -> str:
        """The translation of msgid, or the English (remembered as a fallback)."""
        catalog = self.catalogs.get(domain)
        if catalog is None:  # the source locale
            return msgid if plural is None or n == 1 else plural
        entry = catalog.lookup(msgid, context)
        if entry is None:
            self.fallbacks[(domain, context, msgid)] = catalog.path or domain
            english = msgid if plural is None or n == 1 else plural
            return f"[EN] {english}" if self.mark_untranslated else english
        if plural is None:
            return entry.strings[0]
        index = catalog.plural(n)
        return entry.strings[min(index, len(entry.strings) - 1)]

    def fallback_diagnostics(self) -> list:
        """Warnings for each string this edition printed in English."""
        out = []
        for (domain, context, msgid), path in sorted(self.fallbacks.items(),
                                                     key=lambda kv: str(kv[0])):
            catalog = self.catalogs[domain]
            where, why = catalog.unusable.get((context, msgid),
                                              (Location(path, 1, 1), "missing"))
            out.append((where, f"{why} translation of '{short(msgid)}' printed in "
                               f"English" + (f" (context '{context}')" if context else "")))
        return out

    # Jinja2's newstyle gettext marks whatever these return as safe, so the
    # translation is escaped here: a .po file is input, like the facts.
    def gettext(self, msgid: str) -> Markup:
        return escape(self.translate(msgid))

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        return escape(self.translate(singular, plural=plural, n=n))

    def pgettext(self, context: str, msgid: str) -> Markup:
        return escape(self.translate(msgid, context))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        return escape(self.translate(singular, context, plural=plural, n=n))

    def prose(self, text: str, context: str) -> str:
        """A facts text in this edition's language (placeholders still in it)."""
        return self.translate(text, context, domain="facts")

    # -- formatting -------------------------------------------------------------
    def number(self, value) -> str:
        """A number with the digits it was given ("13.5", "1,234.50" stays 1,234.5)."""
        return format_decimal(value, locale=self.babel, decimal_quantization=False)

    def compact(self, value) -> str:
        """"65 million", "65 triệu"; numbers below a million as they are."""
        if abs(value) < 1_000_000:
            return self.number(value)
        return format_compact_decimal(value, format_type="long", fraction_digits=1,
                                      locale=self.babel).replace(" ", NBSP)

    def figure(self, claim: Claim, compact: Optional[bool] = None) -> str:
        """A claim's figure with its qualifier and unit: "about 30,000", "khoảng
        30.000", "4.200 MW", "13,5%", "17–18 million"."""
        if compact is None:
            compact = (claim.display or "") == "compact"
        number = self.compact if compact and units.kind(claim.unit_or_default) in (
            "none", "unit") else self.number
        if claim.is_range:
            low, high = number(claim.low), number(claim.high)
            if compact:
                low, high = _shared_scale(low, high)
            core = self.translate("%(low)s–%(high)s") % {"low": low, "high": high}
        else:
            core = number(claim.value)
        core = self.with_unit(core, claim.unit_or_default, claim.upper)
        phrase = QUALIFIERS[claim.qualifier]
        if claim.qualifier != "exact":
            phrase = self.translate(phrase)
        # Bind the figure to the word beside it, so no line breaks between them.
        bound = phrase.replace(" %(figure)s", NBSP + "%(figure)s") \
                      .replace("%(figure)s ", "%(figure)s" + NBSP)
        return bound % {"figure": core}

    def with_unit(self, core: str, unit: Optional[str], plural_value) -> str:
        """A formatted number or range with its unit, bound by no-break spaces."""
        kind = units.kind(unit)
        if kind == "none":
            return core
        sentinel = units.SENTINEL
        if kind == "percent":
            sample = format_percent(sentinel / 100, "#,##0%", locale=self.babel)
        elif kind == "currency":
            pattern = self.babel.currency_formats["standard"].pattern.split(";")[0]
            sample = format_currency(sentinel, unit, format=pattern.replace(".00", ""),
                                     locale=self.babel, currency_digits=False)
        else:
            return units.with_unit(core, unit, plural_value, self.babel) \
                .replace(" ", NBSP)
        return sample.replace(format_decimal(sentinel, locale=self.babel), core) \
            .replace(" ", NBSP)

    def date(self, date: PartialDate) -> str:
        """A date at its precision; one the brief infers carries the mark."""
        day = date.first_day()
        if date.precision == "day":
            text = format_date(day, "long", locale=self.babel)
        elif date.precision == "month":
            text = format_skeleton("yMMMM", day, locale=self.babel)
        else:
            text = format_skeleton("y", day, locale=self.babel)
        return text + INFERRED_MARK if date.inferred else text

    def interval(self, start: PartialDate, end: Optional[PartialDate],
                 ongoing: bool = False) -> str:
        if ongoing:  # "since 1986", "từ năm 1986"
            if start.precision == "year":
                return self.translate("since %(year)s") % {"year": self.date(start)}
            return self.translate("since %(date)s") % {"date": self.date(start)}
        if end is None:
            return self.date(start)
        precision = min(start.precision, end.precision, key=("year", "month", "day").index)
        skeleton = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}[precision]
        if start.first_day() == end.first_day() or (precision == "year"
                                                    and start.year == end.year):
            return self.date(start if start.precision == precision else end)
        text = format_interval(start.first_day(), end.first_day(), skeleton,
                               locale=self.babel)
        return text + INFERRED_MARK if start.inferred or end.inferred else text

    def quoted(self, words: str) -> str:
        """Words in this language's quotation marks: “…” in English and Vietnamese."""
        start, end = QUOTATION_MARKS.get(self.locale, ("\u201c", "\u201d"))
        return f"{start}{words}{end}"

    def language_name(self, code: str) -> str:
        """The name of a language in this edition's language ("tiếng Anh")."""
        return Locale.parse(code).get_display_name(self.babel)


def _shared_scale(low: str, high: str) -> tuple[str, str]:
    """"17 million", "18 million" -> "17", "18 million": one scale word for a range."""
    import re

    split = re.compile(r"^([\d.,\u00a0\u202f-]+)(.*)$")
    a, b = split.match(low), split.match(high)
    if a and b and a.group(2) == b.group(2) and a.group(2).strip():
        return a.group(1).strip(), high
    return low, high
