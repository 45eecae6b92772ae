"""The edition's frame: who issues it, when, which edition, and how to cite it.

Every part is optional; a part the brief does not give is left out of the masthead,
the colophon and the citation, never replaced by a placeholder.
"""

from __future__ import annotations

from typing import Callable, Optional

from babel.lists import format_list

from ..facts.model import Meta
from ..i18n.localizer import Localizer, N_, capitalize


# What each layout is called above the title (the msgids are extracted from here).
KINDS = {"flash": N_("Flash update"), "brief": N_("Policy brief"), "report": N_("Report")}


class Frame:
    """The frame of one edition, every string in the edition's language."""

    def __init__(self, meta: Meta, loc: Localizer, text: Callable[[Optional[str]], str]):
        self.meta = meta
        self.loc = loc
        self.text = text

    @property
    def kind(self) -> str:
        """What the publication is, by its layout: flash update, policy brief, report."""
        return self.loc.translate(KINDS[self.meta.layout])

    @property
    def institution(self) -> str:
        """The issuing institution ('author', the field's older name, when it is not given)."""
        return self.text(self.meta.institution or self.meta.author)

    @property
    def authors(self) -> str:
        """The authors as one phrase of the locale ("A, B and C", "A, B và C")."""
        return format_list(list(self.meta.authors), locale=self.loc.babel) \
            if self.meta.authors else ""

    @property
    def pdf_author(self) -> str:
        """Who the PDF names as its author: the authors, else the institution."""
        return ", ".join(self.meta.authors) or self.institution

    @property
    def issuer(self) -> str:
        """Who compiled the brief, in words: the authors, else the institution."""
        return self.authors or self.institution

    @property
    def contact(self) -> str:
        return self.meta.contact or ""

    @property
    def copyright(self) -> str:
        return self.text(self.meta.copyright)

    @property
    def disclaimer(self) -> str:
        return self.text(self.meta.disclaimer)

    @property
    def report_number(self) -> str:
        return self.meta.report_number or ""

    @property
    def published(self) -> str:
        """The publication date the brief gives (an editorial decision, never the
        build's time), which is not the date the facts are current to."""
        return self.loc.date(self.meta.published, "long") if self.meta.published else ""

    @property
    def edition(self) -> str:
        return self.loc.number(self.meta.edition) if self.meta.edition else ""

    def citation(self, title: str) -> str:
        """The suggested citation from the parts the brief has, in the edition's words:
        "A and B. Title. Institution, report X, edition 2, November 22, 2026." """
        details = [
            self.institution if self.meta.authors else "",
            self.loc.translate("report %(number)s") % {"number": self.report_number}
            if self.report_number else "",
            self.loc.translate("edition %(number)s") % {"number": self.edition}
            if self.edition else "",
            self.published,
        ]
        parts = [self.issuer, title, capitalize(", ".join(filter(None, details)))]
        return " ".join(part if part.endswith((".", "?", "!")) else part + "."
                        for part in parts if part)
