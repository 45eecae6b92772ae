"""The benchmark's inputs: synthetic briefs of any length, a plain-text document of a
given page count, and the naive equivalent of a brief's HTML."""

from __future__ import annotations

import base64
import json
import random
import re

from briefing.facts.model import PartialDate

SYLLABLES = ("ka", "ren", "do", "mi", "sha", "lu", "vor", "te", "ban", "ni", "sal", "om")
WORDS = ("the talks resumed after weeks of shelling along the line of contact while "
         "envoys from both capitals traded accusations over supplies roads villages "
         "and the return of prisoners observers reported convoys moving at night "
         "officials denied any plan to expand operations and called for restraint "
         "local councils asked for shelter water power and medical care for families "
         "who had fled the valley").split()


def _name(number: int) -> str:
    """A pronounceable name for the n-th chapter, without digits: prose holds no figures."""
    letters = ""
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        letters += SYLLABLES[digit]
        if number == 0:
            return letters.capitalize()


def synthetic_brief(brief_id: str, chapters: int) -> str:
    """A valid facts file (English only) that grows with ``chapters``.

    Each chapter has an event, a source, four claims (a first report, its revision, a
    wounded count, a displacement range), a section of four paragraphs of about a
    hundred words citing them, and three timeline entries; every other chapter adds a
    chart, of casualties and of displacement in turn."""
    rng = random.Random(chapters)
    q = json.dumps  # a JSON string is a YAML double-quoted scalar

    def sentence(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def paragraph(lead: str) -> str:
        return q(f"{sentence(rng.randint(12, 20))[:-1]}, {lead}. "
                 + " ".join(sentence(rng.randint(10, 18)) for _ in range(4)))

    parts: dict[str, list[str]] = {key: [] for key in (
        "sources", "events", "claims", "sections", "timeline", "charts")}
    for i in range(chapters):
        name, year = _name(i), 1990 + i % 33
        month = f"{year}-{i % 12 + 1:02d}"
        day = f"{month}-{i % 28 + 1:02d}"
        first, later = rng.randrange(40, 40000), rng.randrange(40, 60000)
        cite = f"sources: [source-{i}]"
        parts["sources"].append(
            f"{{id: source-{i}, title: {q(f'Report on the {name} phase')}, "
            f"publisher: {q(f'{name} Press')}, date: {month}, language: en}}")
        parts["events"].append(f"{{id: event-{i}, name: {q(f'The {name} phase')}, "
                               f"start: {month}, end: {year + 1}}}")
        parts["claims"] += [
            f"{{id: killed-{i}-first, label: {q(f'Killed in the {name} phase, first report')},"
            f" metric: killed, event: event-{i}, party: am, value: {first}, claimed_by: am,"
            f" reported: {day}, {cite}}}",
            f"{{id: killed-{i}-later, label: {q(f'Killed in the {name} phase, later report')},"
            f" metric: killed, event: event-{i}, party: am, value: {later}, qualifier: about,"
            f" claimed_by: am, revises: killed-{i}-first, reported: {year + 1},"
            f" note: {q(sentence(14))},"
            f" {cite}}}",
            f"{{id: wounded-{i}, label: {q(f'Wounded in the {name} phase')}, metric: wounded,"
            f" event: event-{i}, value: {rng.randrange(100, 90000)}, qualifier: at_least,"
            f" attribution: {q(f'{name} Press')}, {cite}}}",
            f"{{id: displaced-{i}, label: {q(f'Displaced in the {name} phase')},"
            f" metric: displaced, measure: flow, event: event-{i}, low: {first * 10},"
            f" high: {first * 30}, {cite}}}",
        ]
        leads = (f"on {{date:{day}}} {{killed-{i}-first}} people were killed",
                 f"a later report put the toll at {{killed-{i}-later}}",
                 f"{{wounded-{i}}} were wounded",
                 f"{{displaced-{i}}} people fled")
        parts["sections"].append(
            f"id: chapter-{i}\n    title: {q(f'The {name} phase')}\n    paragraphs:\n"
            + "\n".join(f"      - {{text: {paragraph(lead)}, {cite}}}" for lead in leads))
        entries = {
            month: f"{{date: {month}, text: {q(sentence(16))}, {cite}}}",
            day: f"{{date: {day}, text: {q(sentence(12)[:-1] + f': {{killed-{i}-first}} killed.')},"
                 f" {cite}}}",
            str(year + 1): f"{{date: {year + 1}, text: {q(sentence(20))}, {cite}}}"}
        # In the order a brief's timeline keeps (a day before the month it opens).
        parts["timeline"] += [entries[d] for d in sorted(entries, key=PartialDate.parse)]
        if i % 4 == 1:
            parts["charts"].append(
                f"{{id: chart-{i}, kind: casualties, title: {q(f'Killed, {name} phase')},"
                f" claims: [killed-{i - 1}-first, killed-{i - 1}-later, killed-{i}-first,"
                f" killed-{i}-later]}}")
        elif i % 4 == 3:
            parts["charts"].append(
                f"{{id: chart-{i}, kind: displacement, title: {q(f'Displaced, {name} phase')},"
                f" claims: [displaced-{i - 1}, displaced-{i}]}}")
    head = (f"brief: {{id: {brief_id}, title: {q(f'A synthetic brief: {_name(chapters)}')},"
            " as_of: 2023-09-19, locales: [en], handling: \"Benchmark input\"}\n"
            "parties: [{id: am, name: Armenia}, {id: az, name: Azerbaijan}]\n"
            "key_points: [{text: \"The first phase killed {killed-0-first} people.\"}]\n"
            "key_figures: [killed-0-first, wounded-0, displaced-0]\n")
    return head + "".join(f"{key}:\n" + "".join(f"  - {item}\n" for item in items)
                          for key, items in parts.items() if items)


def plain_text_html(paragraphs: int, font_css: str) -> str:
    """A naive document: paragraphs of running text in the brief's body font and page."""
    rng = random.Random(paragraphs)
    body = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(110)).capitalize()
                   + ".</p>\n" for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><style>{font_css}\n"
            "@page { size: A4; margin: 22mm 20mm 24mm 22mm }\n"
            "html { font: 10pt/1.45 'Noto Serif' } p { margin: 0 0 0.6em }"
            f"</style></head><body>\n{body}</body></html>")


def fit_plain_text(pages: int, font_css: str) -> str:
    """The plain-text document of exactly ``pages`` pages, found by bisection."""
    from weasyprint import HTML

    low, high = 1, pages * 20  # a page holds fewer than 20 of these paragraphs
    while low <= high:
        middle = (low + high) // 2
        html = plain_text_html(middle, font_css)
        found = len(HTML(string=html).render().pages)
        if found == pages:
            return html
        low, high = (middle + 1, high) if found < pages else (low, middle - 1)
    raise RuntimeError(f"no plain-text document has exactly {pages} pages")


def naive_html(html: str) -> str:
    """The same brief as a naive pipeline would feed WeasyPrint: the font packages'
    full variable fonts, and the charts as inline SVG rather than images."""
    from briefing.render import fonts

    faces = "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.source.as_uri()}"); '
        f'font-weight: {face.weight}; font-style: {face.style}; }}' for face in fonts.FACES)
    html = re.sub(r"(@font-face\s*\{[^}]*\}\s*)+", faces + "\n", html, count=1)

    def inline(match: re.Match) -> str:
        svg = base64.b64decode(match.group(1)).decode("utf-8")
        return svg[svg.index("<svg"):]

    return re.sub(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]*>', inline, html)
