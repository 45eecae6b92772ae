"""facts/model.py: partial dates as UCDP writes them, stated or inferred."""

from __future__ import annotations

import datetime

import pytest

from briefing.facts.model import InferredDate, PartialDate


@pytest.mark.parametrize("text, precision, first, last", [
    ("2020", "year", datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
    ("2024-02", "month", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
    ("2023-12", "month", datetime.date(2023, 12, 1), datetime.date(2023, 12, 31)),
    ("2023-09-19", "day", datetime.date(2023, 9, 19), datetime.date(2023, 9, 19)),
])
def test_a_partial_date_spans_its_precision(text, precision, first, last):
    date = PartialDate.parse(text)
    assert (date.precision, date.first_day(), date.last_day()) == (precision, first, last)
    assert str(date) == text


@pytest.mark.parametrize("text, message", [
    ("2023-13", "'2023-13' has no month 13; months run from 01 to 12"),
    ("2023-02-30", "'2023-02-30' is not a day of the calendar"),
    ("19/9/2023", "'19/9/2023' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_a_bad_date_says_why(text, message):
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


def test_coarser_dates_sort_first_within_their_span():
    dates = [PartialDate.parse(t) for t in ("2020-09-27", "2020-09", "2020", "2019-12")]
    assert [str(d) for d in sorted(dates)] == ["2019-12", "2020", "2020-09", "2020-09-27"]


def test_an_inferred_date_is_a_date_with_a_basis():
    date = InferredDate(2023, 9, 19, basis="the transcript says 'on Tuesday'")
    assert date.inferred and not PartialDate(2023, 9, 19).inferred
    assert (str(date), date.precision) == ("2023-09-19", "day")
    assert date.stated() == PartialDate(2023, 9, 19)
