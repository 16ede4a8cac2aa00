"""Clinical sign-off in the check: a notice, never an error, for each page whose review a change withdrew."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.problems import Problem
from ..project.signoff import Reviews


def check_signoffs(reviews: Reviews, docs: str) -> Iterator[Problem]:
    """A notice (a warning: it never fails the check) for each page whose review a change withdrew."""
    for signed in reviews.withdrawn():
        entry, clinician = signed.entry, signed.clinician
        others = [c.id for c in reviews.clinicians.values() if c is not clinician]
        also = f" (or {_or_list(others)})" if others else ""
        yield Problem(
            entry.path,
            entry.document.meta.line_of(("clinical_review",)),
            f"this page has changed since {clinician.name} reviewed it on {signed.date}, so it no longer says "
            f"it was reviewed. Ask {clinician.name}{also} to review the changes and sign it again: "
            f"medmassage sign {docs}/{entry.path} --by {clinician.id}.",
            "warning",
        )


def _or_list(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " or " + ids[-1]
