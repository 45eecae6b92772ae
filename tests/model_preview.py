"""The claim fields of issue 11 that the chart tests need, until the facts model has them.

``load(path)`` reads a facts file through the project's own loader and checks. While
``Claim`` lacks ``unit`` and ``quantity``, it reads claims with a stand-in that has
them (any metric, any qualifier as a string); once the model has them, it is simply
``load_brief`` and this module can go.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from briefing.diagnostics import Collector, InputError
from briefing.facts import load_brief, model
from briefing.facts.check import check_brief
from briefing.facts.load import Converter, compose
from briefing.facts.model import spec
from briefing.facts.types import INVALID, field_type

HAS_UNITS = "unit" in model.Claim.__dataclass_fields__


@dataclass(frozen=True)
class Claim(model.Claim):
    metric: str = spec("What is counted.")
    qualifier: str = spec("How the figure is qualified.", required=False, default="exact")
    unit: Optional[str] = spec("CLDR unit or currency code.", required=False)
    quantity: Optional[str] = spec("Quantity shared by alternative figures.", required=False)


@dataclass(frozen=True)
class Brief(model.Brief):
    claims: tuple[Claim, ...] = spec("Every figure the brief prints.")


def load(path: Path):
    if HAS_UNITS:
        return load_brief(path)
    errors = Collector()
    node = compose(path.read_text("utf-8"), str(path), errors)
    errors.raise_if_errors()
    brief = field_type(Brief).convert(Converter(str(path), errors), node, "", {})
    if brief is not INVALID:
        check_brief(brief, errors)
    errors.raise_if_errors()
    if brief is INVALID:
        raise InputError([])
    return brief


def edition(path: Path, locale: str, root: Path):
    """The view of one edition of the file at ``path`` (as conftest.edition_view)."""
    from briefing.facts.relations import relate
    from briefing.i18n.localizer import Localizer
    from briefing.i18n.translate import translate
    from briefing.project import Project
    from briefing.render.view import EditionView

    loc = Localizer.load(Project(root), locale, Collector())
    translation = translate(load(path), loc, Collector())
    return EditionView(translation, loc, relate(translation.brief))
