"""Review dates: when a page falls due for review, counted in whole months."""

from __future__ import annotations

import calendar
from datetime import date

from .schema import FrontMatter


def next_review_due(page: FrontMatter) -> date:
    if page.next_review is not None:
        return page.next_review
    return add_months(page.last_reviewed, page.review_every_months or 12)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_overdue(page: FrontMatter, today: date) -> bool:
    return next_review_due(page) < today
