"""Review dates: when each page falls due, and which pages are overdue or due soon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.problems import Problem, Severity
from ..model.reviews import next_review_due
from ..project.content import Content, Entry


@dataclass(frozen=True)
class Due:
    entry: Entry
    due: date


def due_within(content: Content, horizon: date) -> list[Due]:
    """Pages whose next review falls on or before `horizon`, soonest first."""
    due = [Due(entry, next_review_due(entry.record)) for entry in content.pages.values()]
    return sorted((d for d in due if d.due <= horizon), key=lambda d: (d.due, d.entry.path))


def check_reviews(content: Content, today: date, overdue: str = "warn"):
    """A review date in the future is an error; an overdue review warns, or fails if `overdue` is "error".

    An overdue review is a warning by default, so one date never blocks every pull request and
    deploy at once: readers see on the page that its review is overdue, and a weekly workflow
    lists the pages falling due (see CONTRIBUTING.md).
    """
    for entry in content.pages.values():
        record, meta = entry.record, entry.document.meta
        if record.last_reviewed > today:
            yield Problem(
                entry.path,
                meta.line_of(("last_reviewed",)),
                f"last_reviewed is {record.last_reviewed}, which is after today ({today}). "
                "Use the date the page was actually reviewed.",
            )
        review = record.clinical_review
        if review is not None and review.date > today:
            yield Problem(
                entry.path,
                meta.line_of(("clinical_review", "date")),
                f"clinical_review.date is {review.date}, which is after today ({today}). "
                "Use the date the clinician actually reviewed the page.",
            )
        due = next_review_due(record)
        if due < today:
            field = "next_review" if record.next_review else "last_reviewed"
            severity: Severity = "error" if overdue == "error" else "warning"
            yield Problem(
                entry.path,
                meta.line_of((field,)),
                f"the review of this page was due on {due}. Ask a reviewer to check the page, "
                "then update last_reviewed.",
                severity,
            )
