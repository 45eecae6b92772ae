"""The Localizer: everything that depends on the edition's language, in one place.

It holds the edition's catalogs and formats numbers, figures, dates, intervals and
lists with Babel's CLDR data. Templates and chart code receive a Localizer already
bound to its locale and never pass a locale around themselves.
"""

from __future__ import annotations

import dataclasses
import re

from collections import Counter
from typing import Optional

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import (format_compact_decimal, format_currency, format_decimal,
                           format_percent, get_minus_sign_symbol)
from markupsafe import Markup, escape

from ..diagnostics import Collector, Location
from ..facts import units
from ..facts.model import Claim, PartialDate
from ..project import SOURCE_LOCALE, Project
from .catalogs import DOMAINS, Catalog, project_catalog, short
from .conventions import Conventions, locale_conventions

# House style: English editions write "19 September 2023", as British and
# international institutions do; CLDR's plain "en" would write "September 19, 2023".
FORMAT_LOCALES = {"en": "en_GB"}
# The language tag of the document (PDF /Lang, hyphenation patterns): the English
# of the briefs is American in spelling.
DOCUMENT_LANGUAGES = {"en": "en-US"}
NBSP = "\u00a0"
MINUS = "\u2212"  # the minus sign of print, not the hyphen-minus


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
                 mark_untranslated: bool = False,
                 conventions: Conventions = Conventions()):
        self.locale = locale
        self.babel = Locale.parse(FORMAT_LOCALES.get(locale, locale))
        self.catalogs = catalogs
        self.conventions = conventions
        # What formats text left in English (its own conventions when loaded).
        self.english = self if locale == SOURCE_LOCALE else Localizer(SOURCE_LOCALE, {})
        self.mark_untranslated = mark_untranslated
        self.fallbacks: dict[tuple[str, Optional[str], str], Optional[Location]] = {}
        self._typed_dates: Optional[re.Pattern] = None

    def with_retired(self) -> "Localizer":
        """This localizer, also reading the translations msgmerge kept as obsolete: the
        previous edition's texts that this one no longer has."""
        catalogs = {domain: dataclasses.replace(c, entries={**c.retired, **c.entries})
                    for domain, c in self.catalogs.items()}
        copy = Localizer(self.locale, catalogs, self.mark_untranslated, self.conventions)
        copy.english = self.english
        return copy

    @classmethod
    def load(cls, project: Project, locale: str, problems: Collector, strict: bool = False,
             mark_untranslated: bool = False, brief: str = "") -> "Localizer":
        """The Localizer of one brief's edition: the shared messages catalog and the
        brief's own facts catalog."""
        catalogs = {}
        conventions = locale_conventions(project, locale, problems)
        if locale != SOURCE_LOCALE:
            for domain in DOMAINS:
                catalogs[domain] = project_catalog(project, locale, domain, brief, problems,
                                                   strict, conventions.allowed)
        loc = cls(locale, catalogs, mark_untranslated, conventions)
        if locale != SOURCE_LOCALE:
            loc.english = cls.load(project, SOURCE_LOCALE, problems)
        return loc

    @property
    def document_language(self) -> str:
        return DOCUMENT_LANGUAGES.get(self.locale, self.locale.replace("_", "-"))

    @property
    def direction(self) -> str:
        return self.babel.text_direction

    # -- translation ------------------------------------------------------------
    def translate(self, msgid: str, context: Optional[str] = None,
                  domain: str = "messages", plural: Optional[str] = None,
                  n: Optional[int] = None, where: Optional[Location] = None) -> str:
        """The translation of msgid, or the English (remembered as a fallback, with
        ``where`` the English stands when the catalog has no entry for it)."""
        catalog = self.catalogs.get(domain)
        if catalog is None:  # the source locale
            return msgid if plural is None or n == 1 else plural
        entry = catalog.lookup(msgid, context)
        if entry is None:
            self.fallbacks.setdefault((domain, context, msgid), where)
            english = msgid if plural is None or n == 1 else plural
            return f"[EN] {english}" if self.mark_untranslated else english
        if plural is None:
            return entry.strings[0]
        index = catalog.plural(n)
        return entry.strings[min(index, len(entry.strings) - 1)]

    def is_fallback(self, msgid: str, context: Optional[str] = None,
                    domain: str = "messages") -> bool:
        """Whether this edition prints msgid in English (and is not English)."""
        return (domain, context, msgid) in self.fallbacks

    def fallback_diagnostics(self, project: Optional[Project] = None) -> list:
        """A warning for each string this edition printed in English, once, at its
        .po entry, else where its English stands; then a one-line summary."""
        out, kinds = [], Counter()
        for (domain, context, msgid), where in sorted(self.fallbacks.items(),
                                                      key=lambda kv: str(kv[0])):
            catalog = self.catalogs[domain]
            in_context = f" (context '{context}')" if context else ""
            if (context, msgid) in catalog.unusable:
                at, why = catalog.unusable[(context, msgid)]
                message = f"{why} translation of '{short(msgid)}'{in_context} printed " \
                          "in English"
            else:
                why = "missing"
                at = where or _english_location(project, context, msgid) or \
                    Location(catalog.path or domain, 1, 1)
                message = f"'{short(msgid)}'{in_context} printed in English: no entry " \
                          f"in {catalog.path}"
            kinds[why] += 1
            out.append((at, message))
        return out, kinds

    def prose(self, text: str, context: str, where: Optional[Location] = None) -> str:
        """A facts text in this edition's language (placeholders still in it)."""
        return self.translate(text, context, domain="facts", where=where)

    # Jinja2's newstyle gettext marks whatever these return as safe, so the
    # translation is escaped here: a .po file is input, like the facts.
    # A string left in English is tagged with its language, for hyphenation, screen
    # readers and the PDF's structure.
    def gettext(self, msgid: str) -> Markup:
        return self._tagged(self.translate(msgid), msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> Markup:
        return self._tagged(self.translate(singular, plural=plural, n=n), singular)

    def pgettext(self, context: str, msgid: str) -> Markup:
        return self._tagged(self.translate(msgid, context), msgid, context)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Markup:
        return self._tagged(self.translate(singular, context, plural=plural, n=n),
                            singular, context)

    def _tagged(self, text: str, msgid: str, context: Optional[str] = None) -> Markup:
        if self.is_fallback(msgid, context):
            return Markup('<span lang="{}">{}</span>').format(
                self.english.document_language, text)
        return escape(text)

    # -- formatting -------------------------------------------------------------
    def number(self, value) -> str:
        """A number with the digits it was given ("13.5", "1,234.50" stays 1,234.5), a
        negative one with a minus sign ("−1.5", as the charts print it)."""
        return self._minus(format_decimal(value, locale=self.babel,
                                          decimal_quantization=False), value)

    def _minus(self, text: str, value) -> str:
        """CLDR writes most locales' minus as the hyphen-minus of typewriters; print
        sets the minus sign U+2212, the width of a digit's plus."""
        if value < 0:
            return text.replace(get_minus_sign_symbol(self.babel), MINUS, 1)
        return text

    def _compacts(self, claim: Claim) -> bool:
        """Whether the locale's press writes this figure in words ("hơn 1 triệu"): by
        its conventions, a figure from a threshold on that few significant digits say
        exactly."""
        start, digits = self.conventions.compact_from, self.conventions.compact_digits
        values = (claim.low, claim.high) if claim.is_range else (claim.value,)
        return start is not None and all(
            value is not None and value >= start and value == int(value)
            and len(str(int(value)).rstrip("0")) <= digits for value in values)

    def compact(self, value) -> str:
        """"65 million", "65 triệu"; numbers below a million as they are."""
        if abs(value) < 1_000_000:
            return self.number(value)
        # CLDR gives Chinese, Japanese and Korean only the short form, which is the
        # words there ("100万"); asking for the long one was a KeyError.
        kind = "long" if "long" in self.babel.compact_decimal_formats else "short"
        return self._minus(format_compact_decimal(value, format_type=kind,
                                                  fraction_digits=1, locale=self.babel),
                           value).replace(" ", NBSP)

    def figure(self, claim: Claim, compact: Optional[bool] = None) -> str:
        """A claim's figure with its qualifier and unit: "about 30,000", "khoảng
        30.000", "4.200 MW", "13,5%", "17–18 million"."""
        if compact is None:  # the claim's display, else the locale's conventions
            compact = claim.display == "compact" if claim.display else self._compacts(claim)
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
            # The locale's own pattern: "90 %" in French and German, "90%" in English.
            pattern = self.babel.percent_formats[None].pattern.split(";")[0]
            sample = format_percent(sentinel / 100, pattern, locale=self.babel)
        elif kind == "currency":
            pattern = self.babel.currency_formats["standard"].pattern.split(";")[0]
            sample = format_currency(sentinel, unit, format=pattern.replace(".00", ""),
                                     locale=self.babel, currency_digits=False)
        else:
            return units.with_unit(core, unit, plural_value, self.babel) \
                .replace(" ", NBSP)
        sign = ""
        if core.startswith(MINUS) and MINUS not in core[1:]:  # "−€2,500", as CLDR has it
            sign, core = MINUS, core[1:]
        return sign + sample.replace(format_decimal(sentinel, locale=self.babel), core) \
            .replace(" ", NBSP)

    def date(self, date: PartialDate, style: str = "long") -> str:
        """A date at its precision: "long" in running text, "short" in tables, the
        timeline and footers (the locale's conventions, else CLDR's long form); one
        the brief infers carries the mark. Its words are bound by no-break spaces:
        a line never breaks inside a date ("4 July 2023", "ngày 19 tháng 9 năm 2023")."""
        day = date.first_day()
        pattern = getattr(self.conventions, style).get(date.precision) or \
            self.conventions.long.get(date.precision)
        if pattern:
            text = format_date(day, pattern, locale=self.babel)
        elif date.precision == "day":
            text = format_date(day, "long", locale=self.babel)
        elif date.precision == "month":
            text = format_skeleton("yMMMM", day, locale=self.babel)
        else:
            text = format_skeleton("y", day, locale=self.babel)
        text = text.replace(" ", NBSP)  # a date is read as one: never "13 / September"
        return text + INFERRED_MARK if date.inferred else text

    def typed_dates(self) -> re.Pattern:
        """Dates typed as text in this language's long form ("September 2022", "4 July
        2023", "tháng 9 năm 2022"), found by the forms ``date`` writes: a typed date is
        bound like a generated one (``typeset_words``)."""
        if self._typed_dates is None:
            forms = set()
            for month in range(1, 13):
                for date in (PartialDate(2000, month), PartialDate(2000, month, 28)):
                    text = re.escape(self.date(date).replace(NBSP, " "))
                    forms.add(text.replace("2000", r"\d{4}").replace("28", r"\d{1,2}")
                              .replace(r"\ ", "[ \u00a0]"))
            self._typed_dates = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(
                sorted(forms, key=len, reverse=True)))
        return self._typed_dates

    def date_pair(self, first: PartialDate, second: PartialDate) -> str:
        """Two dates as one phrase: "March and April 2023", "tháng 3 và tháng 4 năm 2023"."""
        return format_list([self._first_of_two(first, second), self.date(second)],
                           locale=self.babel)

    def _first_of_two(self, first: PartialDate, second: PartialDate) -> str:
        """The first of two dates, leaving a shared year to the second where the
        locale says how."""
        pattern = self.conventions.shared_year.get(first.precision)
        if pattern and first.precision == second.precision and first.year == second.year:
            text = format_date(first.first_day(), pattern, locale=self.babel).replace(" ", NBSP)
            return text + INFERRED_MARK if first.inferred else text
        return self.date(first)

    def interval(self, start: PartialDate, end: Optional[PartialDate],
                 ongoing: bool = False, style: str = "long") -> str:
        """A period: "since 1986", "1988–1994", "từ tháng 9 đến tháng 11 năm 2020";
        ``style`` "short" writes its dates as a table does ("13/9/2022–4/7/2023")."""
        if ongoing:  # "since 1986", "từ năm 1986"
            if start.precision == "year":
                return self.translate("since %(year)s") % {"year": self.date(start, style)}
            return self.translate("since %(date)s") % {"date": self.date(start, style)}
        if end is None:
            return self.date(start, style)
        precision = min(start.precision, end.precision, key=("year", "month", "day").index)
        skeleton = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}[precision]
        if start.first_day() == end.first_day() or (precision == "year"
                                                    and start.year == end.year):
            return self.date(start if start.precision == precision else end, style)
        if style == "short" and self.conventions.short.get(precision):
            first, second = self.date(start, style), self.date(end, style)
            return first + ("–" if NBSP not in first + second else " – ") + second
        pattern = self.conventions.range.get(precision)
        if pattern and start.precision == end.precision:
            text = pattern.format(first=self._first_of_two(start, end),
                                  second=self.date(end))
            return text + INFERRED_MARK if start.inferred or end.inferred else text
        text = format_interval(start.first_day(), end.first_day(), skeleton,
                               locale=self.babel)
        return text + INFERRED_MARK if start.inferred or end.inferred else text

    def quoted(self, words: str) -> str:
        """Words in this language's quotation marks: “…” in English and Vietnamese."""
        start, end = QUOTATION_MARKS.get(self.locale, ("\u201c", "\u201d"))
        return f"{start}{words}{end}"

    def language_name(self, code: str) -> str:
        """The name of a language in this edition's language ("tiếng Anh")."""
        name = Locale.parse(code).get_display_name(self.babel)
        if self.conventions.language_names == "lowercase":
            return name[:1].lower() + name[1:]
        return name

    def capitalize_cell(self, text: str) -> str:
        """Generated text opening a table cell, capitalized where the locale does."""
        return capitalize(text) if self.conventions.capitalize_cells else text


def capitalize(text: str) -> str:
    """The text with its first letter in capitals ("Tháng 2 năm 1988"): for generated
    text that opens a sentence."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
        if not char.isspace() and char not in "([“\"'‘":
            return text
    return text


def _shared_scale(low: str, high: str) -> tuple[str, str]:
    """"17 million", "18 million" -> "17", "18 million": one scale word for a range."""
    import re

    split = re.compile(r"^([\d.,\u00a0\u202f-]+)(.*)$")
    a, b = split.match(low), split.match(high)
    if a and b and a.group(2) == b.group(2) and a.group(2).strip():
        return a.group(1).strip(), high
    return low, high


def _english_location(project: Optional[Project], context: Optional[str],
                      msgid: str) -> Optional[Location]:
    """Where a template or compiler string stands, found by extraction."""
    if project is None:
        return None
    from .completeness import template_strings

    return next((n.where for n in template_strings(project)
                 if (n.context, n.msgid) == (context, msgid)), None)

