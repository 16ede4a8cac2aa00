"""Clinical sign-off: what each page may say about its review, the check's notice, and `medmassage sign`.

A page's review record (`clinical_review: {by, date, fingerprint}`) names a clinician of
data/clinicians.yml and the fingerprint of what they read (fingerprint.py). The page says it was
reviewed only while its content still has that fingerprint; after any change it says so, and the
check names the page and who can sign it again. A change never fails the check or the build:
an urgent safety fix must always be able to publish. Who may sign is enforced outside the
content, by the clinician's approval of the pull request (approvals.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from .content import Content, Entry
from .fingerprint import fingerprint
from .problems import Problem
from .schema import Clinician
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


REVIEW_KEY = re.compile(r"^clinical_review[ \t]*:")
AFTER_KEY = re.compile(r"^last_reviewed[ \t]*:")
CLOSING = re.compile(r"^(---|\.\.\.)[ \t]*$")


def review_line(by: str, day: date, print_: str) -> str:
    return f"clinical_review: {{by: {by}, date: {day.isoformat()}, fingerprint: {print_}}}"


def with_review(text: str, line: str) -> str:
    """The page's text with its review record set to `line`, every other line kept as it was.

    An existing record (one line, or a block of indented lines under it) is replaced; otherwise
    the record goes after `last_reviewed`, or at the end of the front matter.
    """
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    end = next(i for i in range(1, len(lines)) if CLOSING.match(lines[i].rstrip("\r\n")))
    start = next((i for i in range(1, end) if REVIEW_KEY.match(lines[i])), None)
    if start is not None:
        stop = _block_end(lines, start, end)
        return "".join([*lines[:start], line + newline, *lines[stop:]])
    after = next((i for i in range(1, end) if AFTER_KEY.match(lines[i])), None)
    at = _block_end(lines, after, end) if after is not None else end
    return "".join([*lines[:at], line + newline, *lines[at:]])


def _block_end(lines: list[str], start: int, end: int) -> int:
    """The line after a top-level field's value: its indented lines, and blank lines between them."""
    stop = start + 1
    while stop < end:
        if lines[stop][:1] in (" ", "\t"):
            stop += 1
            continue
        later = next((i for i in range(stop, end) if lines[i].strip()), end)
        if lines[stop].strip() == "" and later < end and lines[later][:1] in (" ", "\t"):
            stop = later
            continue
        break
    return stop


class SignError(Exception):
    """Why nothing was signed, in words for the person signing."""


def sign(
    content: Content, settings: Settings | None, docs_dir: Path, pages: list[Path], by: str, today: date
) -> list[Path]:
    """Write `by`'s review, dated `today`, into each page; every page is checked before any is written."""
    reviews = Reviews(content, settings)
    if by not in reviews.clinicians:
        known = ", ".join(sorted(reviews.clinicians)) or "none yet"
        raise SignError(f"'{by}' is not a clinician in data/clinicians.yml (its ids: {known}). Add them there first.")
    writes = []
    for page in pages:
        try:
            path = page.resolve().relative_to(docs_dir.resolve()).as_posix()
        except ValueError:
            raise SignError(f"{page}: not a page of this site's {docs_dir.name}/ folder.") from None
        entry = content.pages.get(path)
        if entry is None:
            raise SignError(f"{page}: no such page, or it could not be read. Run the check to see why.")
        line = review_line(by, today, fingerprint(entry, content, settings))
        writes.append((page, with_review(entry.document.text, line)))
    for page, text in writes:
        page.write_bytes(text.encode("utf-8"))
    return [page for page, _ in writes]
