"""Clinical sign-off: what each page may say about its review, read from each page and the register.

A page's review record (`clinical_review: {by, date, fingerprint}`) names a clinician of
data/clinicians.yml and the fingerprint of what they read (fingerprint.py). The page says it was
reviewed only while its content still has that fingerprint; after any change it says so, and the
check names the page and who can sign it again. A change never fails the check or the build:
an urgent safety fix must always be able to publish. Who may sign is enforced outside the
content, by the clinician's approval of the pull request (approvals.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from ..model.schema import Clinician
from .content import Content, Entry
from .fingerprint import fingerprint
from .settings import Settings

REVIEWERS_TITLE = "Our clinical reviewers"
REVIEWERS_PAGE = "reviewers"


@dataclass(frozen=True)
class Signoff:
    """What a page may say about its clinical review."""

    state: Literal["unreviewed", "reviewed", "changed"]
    clinician: Clinician | None = None
    date: date | None = None

    @property
    def reviewed(self) -> bool:
        return self.state == "reviewed"


UNREVIEWED = Signoff("unreviewed")


@dataclass(frozen=True)
class Signed:
    """A page with a review by a clinician of the register, and whether its content is still what they signed."""

    entry: Entry
    clinician: Clinician
    date: date
    current: bool


class Reviews:
    """Every page's sign-off, worked out once per build: a fingerprint only for a page with a record."""

    def __init__(self, content: Content, settings: Settings | None = None):
        self.content = content
        self.settings = settings
        self.clinicians: dict[str, Clinician] = {c.id: c for c in content.value("clinicians", None) or []}
        self._of: dict[str, Signoff] = {}

    def of(self, entry: Entry) -> Signoff:
        if entry.path not in self._of:
            self._of[entry.path] = self._work_out(entry)
        return self._of[entry.path]

    def _work_out(self, entry: Entry) -> Signoff:
        record = entry.record.clinical_review
        clinician = self.clinicians.get(record.by) if record is not None else None
        if record is None or clinician is None:  # none, or a clinician the check reports as unknown: no claim
            return UNREVIEWED
        current = fingerprint(entry, self.content, self.settings) == record.fingerprint
        return Signoff("reviewed" if current else "changed", clinician, record.date)

    def signed(self) -> list[Signed]:
        """Every page with a review by a known clinician, whether still current or not, in order of title."""
        found = []
        for entry in self.content.pages.values():
            signoff = self.of(entry)
            if signoff.clinician is not None and signoff.date is not None:
                found.append(Signed(entry, signoff.clinician, signoff.date, signoff.reviewed))
        return sorted(found, key=lambda signed: (signed.entry.record.title.casefold(), signed.entry.path))

    def withdrawn(self) -> list[Signed]:
        """Pages that changed after their review, so no longer say they were reviewed."""
        return [signed for signed in self.signed() if not signed.current]

    @cached_property
    def page(self) -> str | None:
        """The generated "Our clinical reviewers" page, by the path it pretends to have in docs/; none
        while the register is empty. It never takes an editor's page's address."""
        if not self.clinicians:
            return None
        stem = REVIEWERS_PAGE
        while f"{stem}.md" in self.content.pages or f"{stem}.md" in self.content.unparsed:
            stem += "-list"
        return f"{stem}.md"

    def by_clinician(self) -> list[tuple[Clinician, list[Signed]]]:
        """Each clinician of the register, in its order, with the pages they signed."""
        signed = self.signed()
        return [(clinician, [s for s in signed if s.clinician is clinician]) for clinician in self.clinicians.values()]


def withdrawn_markdown(reviews: Reviews, docs: str) -> str:
    """The weekly review issue's list of pages whose review a change withdrew, with the clinician to ask."""
    withdrawn = reviews.withdrawn()
    if not withdrawn:
        return ""
    lines = [
        "These pages have changed since a clinician reviewed them, so they no longer say they were reviewed. "
        "Ask the clinician to review the changes and sign the page again (CONTRIBUTING.md, 'Clinical review').",
        "",
    ]
    for signed in withdrawn:
        who = signed.clinician
        lines.append(
            f"- {signed.entry.record.title}, `{docs}/{signed.entry.path}`: changed since {who.name} (@{who.github}) "
            f"reviewed it on {signed.date}; ask {who.name} to sign it again"
        )
    return "\n".join(lines) + "\n"
