"""`medmassage sign`: a clinician's review written into each page's front matter, every other line kept."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..project.content import Content
from ..project.fingerprint import fingerprint
from ..project.settings import Settings
from ..project.signoff import Reviews

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
