"""The dot leaders of the contents, as CSS leader(".") sets them (briefing/pdf/leaders.py
draws each as one run): evenly spaced dots on one grid shared by every entry, from
the end of the title to the page number."""

from __future__ import annotations

import pytest

from layout import read_pages


@pytest.fixture(scope="module", params=["en", "vi"])
def entries(request, flagship_dist):
    """The contents lines of an edition: (title chars, dot chars, page-number chars)."""
    pages = read_pages(flagship_dist / f"nagorno-karabakh.{request.param}.pdf")
    found = []
    for page in pages[:3]:
        baselines: dict[float, list] = {}
        for char in page.chars:
            if not char.text.isspace():  # PDFium places the spaces it makes up oddly
                baselines.setdefault(round(char.y, 1), []).append(char)
        for chars in baselines.values():
            chars.sort(key=lambda c: c.x)
            text = "".join(c.text for c in chars)
            if "....." in text:
                start, end = text.index("....."), text.rindex(".....") + 5
                found.append((chars[:start], chars[start:end], chars[end:]))
    assert len(found) >= 4, "the flagship's contents lists at least four sections"
    return found


def test_the_dots_are_evenly_spaced_on_one_grid(entries):
    advance = entries[0][1][1].x - entries[0][1][0].x
    assert 1.5 < advance < 4.0  # a full stop of 9.5 pt type
    grid = entries[0][1][-1].x
    for _, dots, _ in entries:
        for dot in dots:
            steps = (grid - dot.x) / advance
            assert steps == pytest.approx(round(steps), abs=0.01), dot


def test_the_dots_run_from_the_title_to_the_page_number(entries):
    advance = entries[0][1][1].x - entries[0][1][0].x
    for title, dots, number in entries:
        assert "".join(c.text for c in number).strip().isdigit()
        title_end = max(c.right for c in title)
        number_start = min(c.left for c in number)
        assert title_end <= dots[0].x < title_end + advance + 0.5
        assert number_start - 2 * advance - 0.5 < dots[-1].x + advance <= number_start + 0.5
