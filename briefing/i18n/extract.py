"""Babel extractor for facts files: every text of a brief a translator must see.

Registered as the ``briefing_facts`` extraction method (``babel.extractors`` entry
point), so ``pybabel extract`` builds the facts catalog template like any other.
Each message gets the context the renderer looks it up by, a translator comment
naming the field and the claims it references, and the line it stands on.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..diagnostics import InputError
from ..facts import parse_brief, prose
from ..facts.walk import translatable_fields

# The PDF's keywords, translated as one text: "Armenia, Azerbaijan, ...".
KEYWORDS_CONTEXT = "brief keywords"


def keywords_text(brief):
    """(node, context, text) for the brief's keywords, when it has any."""
    meta = brief.brief
    if meta.keywords:
        return meta, KEYWORDS_CONTEXT, ", ".join(meta.keywords)
    return None


def extract_facts(fileobj, keywords, comment_tags, options):
    """Yield (lineno, funcname, (context, msgid), comments) for pybabel."""
    name = getattr(fileobj, "name", "<facts>")
    text = unicodedata.normalize("NFC", fileobj.read().decode("utf-8-sig"))
    try:
        brief = parse_brief(text, str(name), folder=Path(str(name)).parent)
    except InputError as exc:
        # pybabel has no channel for located errors; fail with all of them.
        raise SystemExit("\n".join(map(str, exc.diagnostics)) + "\nextraction stopped: "
                         "fix the facts file ('briefing check') first") from None
    from_files = _from_geojson(brief)
    for node, field, context in translatable_fields(brief):
        text = getattr(node, field)
        comments = [f"{context} of {_describe(node)}"]
        line = node.where(field).line
        if id(node) in from_files:  # a map's GeoJSON feature: its file names it
            line, comments = from_files[id(node)], [
                f"{context} of the GeoJSON feature at {node.where(field)}"]
        claims = sorted({p.key for p in prose.parse(text)
                         if isinstance(p, prose.Placeholder) and p.kind == "claim"})
        if claims:
            comments.append("Keep these placeholders as they are: "
                            + ", ".join("{%s}" % c for c in claims))
        if any(isinstance(p, prose.Placeholder) and p.kind == "date"
               for p in prose.parse(text)):
            comments.append("{date:...} placeholders become dates in your language.")
        yield line, "pgettext", (context, text), comments
    keywords = keywords_text(brief)
    if keywords:
        meta, context, text = keywords
        yield meta.where("keywords").line, "pgettext", (context, text), [
            "The PDF's keywords, separated by commas as your language separates them."]


def _from_geojson(brief) -> dict:
    """id() of each place read from a map's GeoJSON file -> the line of the facts
    file's ``geojson:`` that names the file (the line pybabel files it under)."""
    found = {}
    for chart in brief.charts:
        if chart.geojson is not None:
            for place in (*chart.points, *chart.lines, *chart.areas):
                if place.loc.path != chart.loc.path:
                    found[id(place)] = chart.where("geojson").line
    return found


def _describe(node) -> str:
    ident = getattr(node, "id", None)
    if ident:
        return f"{type(node).__name__.lower()} '{ident}'"
    date = getattr(node, "date", None)
    if date is not None:
        return f"the entry of {date}"
    return f"the text at line {node.loc.line}"
