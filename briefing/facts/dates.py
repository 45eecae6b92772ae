"""A date known to the year, the month or the day, as facts files write it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import ClassVar, Optional


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (UCDP-style date precision)."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; ValueError says what is wrong."""
        match = cls.PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if year == 0:
            raise ValueError(f"'{text}' has no year 0; the calendar starts at 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}; months run from 01 to 12")
        if day is not None:
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day:
            return self.first_day()
        if self.month == 12:
            return datetime.date(self.year, 12, 31)
        if self.month:
            following = datetime.date(self.year, self.month + 1, 1)
            return following - datetime.timedelta(days=1)
        return datetime.date(self.year, 12, 31)

    def __lt__(self, other: "PartialDate") -> bool:
        """Ordered by first day, then coarser precision first."""
        return (self.first_day(), self.last_day()) < (other.first_day(), other.last_day())

    inferred: ClassVar[bool] = False

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)
