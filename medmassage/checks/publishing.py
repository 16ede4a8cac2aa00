"""What must not go live: drafts, sentences left from an archetype, and placeholder practice details.

In publish mode (`python -m medmassage check --publish`, or a build with CONTENT_PUBLISH=1,
as the deploy runs) each is an error. Otherwise each is a warning, so an editor can still
preview a page while writing it (Hugo's drafts: previewable at once, published only when
someone says so).

A pull request's check (`check --merge`) sits between the two: a draft or an archetype
sentence is an error there, since once merged it would stop every deploy, urgent safety fixes
included, until someone finished the page. Placeholder practice details stay warnings: they
are the maintainer's set-up of the whole site, which the deploy checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..model.problems import Problem, Severity
from ..project.content import Content
from ..project.frontmatter import Located, split

PLACEHOLDER_WORD = re.compile(r"\bexample\b", re.IGNORECASE)
RESERVED_SUFFIXES = (".invalid", ".example", ".test", ".localhost")
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
PUBLISHED_DETAILS = (
    ("extra", "practice", "name"),
    ("extra", "practice", "email"),
    ("extra", "author", "name"),
    *(
        ("extra", "practice", detail)
        for detail in ("phone", "address", "opening_hours", "booking_url", "languages", "accessibility")
    ),
)
"""The settings that name the practice to every reader: none may stay a placeholder. The addresses
(site_url, repo_url and by default the practice's url) come from GitHub when the site is published."""
FICTIONAL_NUMBERS = re.compile(
    r"(?:0|\+?44)(?:2079460|1134960|1174960|1184960|1214960|1314960|1414960|1514960|1614960|1914980|1632960|7700900)"
    r"\d{3}|(?:\+?1)?\d{3}5550(?:1\d\d)"
)
"""Telephone numbers kept for drama and examples: Ofcom's UK ranges (020 7946 0xxx, 0161 496 0xxx, 07700 900xxx
and the others), and North America's 555-0100 to 555-0199."""
PROSE_KEYS = ("summary", "items")
"""Front matter fields of an archetype whose text is an instruction, never content."""
MIN_WORDS = 4
PRACTICE_BLANK = re.compile(r"\[Practice to fill in:[^\]]*\]?")
"""What an archetype asks the practice to write, such as its prices or how to cancel."""


def check_publishing(
    content: Content, root: Path, config: Located | None, config_name: str, publish: bool, merge: bool = False
) -> Iterator[Problem]:
    unfinished: Severity = "error" if publish or merge else "warning"
    yield from _drafts(content, unfinished)
    yield from _archetype_leftovers(content, root, unfinished)
    yield from _practice_blanks(content, "error" if publish else "warning")
    if config is not None:
        yield from _placeholders(config, config_name, "error" if publish else "warning")


def _drafts(content: Content, severity: Severity) -> Iterator[Problem]:
    for entry in content.pages.values():
        if entry.record.draft:
            yield Problem(
                entry.path,
                entry.document.meta.line_of(("draft",)),
                "this page is a draft (draft: true), so it cannot be published. When it is "
                "finished, delete the draft line.",
                severity,
            )


def _archetype_leftovers(content: Content, root: Path, severity: Severity) -> Iterator[Problem]:
    """A sentence of an archetype's instructions, still in a page: the page is not finished."""
    phrases = archetype_phrases(root, [c.archetype for c in content.registry.collections])
    if not phrases:
        return
    for entry in content.pages.values():
        for number, line in enumerate(entry.document.text.splitlines(), 1):
            flat = " ".join(line.split())
            for phrase in phrases:
                if phrase in flat:
                    yield Problem(
                        entry.path,
                        number,
                        f"'{_short(phrase)}' is left from the page template. Replace it with this page's own words.",
                        severity,
                    )
                    break


def _practice_blanks(content: Content, severity: Severity) -> Iterator[Problem]:
    """A `[Practice to fill in: …]` an archetype left for the practice (archetypes/first-visit.md), still there.

    Like the practice's details in mkdocs.yml, these are the practice's set-up, which the deploy checks:
    a warning until then, so the example site and pull requests still build.
    """
    for entry in content.pages.values():
        for number, line in enumerate(entry.document.text.splitlines(), 1):
            blank = PRACTICE_BLANK.search(line)
            if blank:
                yield Problem(
                    entry.path,
                    number,
                    f"'{_short(blank[0])}' is for the practice to fill in. Write the practice's own details "
                    "in its place before publishing.",
                    severity,
                )


def archetype_phrases(root: Path, archetypes: list[str]) -> list[str]:
    """The instruction sentences and placeholder values of every archetype that exists."""
    phrases: list[str] = []
    for name in archetypes:
        path = root / name
        if not path.is_file():
            continue
        try:
            document = split(name, path.read_text(encoding="utf-8"))
        except Exception:  # a broken archetype is `new`'s problem, not a page's
            continue
        phrases += _prose_values(document.meta.data)
        for paragraph in re.split(r"\n\s*\n", document.body):
            if not paragraph.lstrip().startswith("#"):
                phrases += re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split()))
    return sorted({p for p in phrases if len(p.split()) >= MIN_WORDS}, key=len, reverse=True)


def _prose_values(data: Any, key: str | None = None) -> list[str]:
    if isinstance(data, dict):
        return [text for k, value in data.items() for text in _prose_values(value, k)]
    if isinstance(data, list):
        return [text for value in data for text in _prose_values(value, key)]
    if isinstance(data, str) and key in PROSE_KEYS:
        return [" ".join(data.split())]
    return []


def _short(phrase: str, limit: int = 60) -> str:
    return phrase if len(phrase) <= limit else phrase[:limit].rsplit(" ", 1)[0] + " …"


def _placeholders(config: Located, config_name: str, severity: Severity) -> Iterator[Problem]:
    for loc in PUBLISHED_DETAILS:
        for where, value in _texts(_get(config.data, loc), loc):
            if is_placeholder(value) or (loc[-1] == "phone" and is_fictional_number(value)):
                yield Problem(
                    config_name,
                    config.line_of(where),
                    f"{'.'.join(loc)} is still a placeholder ('{value}'). Put in the practice's "
                    "real details before publishing.",
                    severity,
                )
                break


def _texts(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    """Each text in a setting, with where it is: the value itself, or each item of a list or group."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, key))


def is_fictional_number(telephone: str) -> bool:
    """A number from a range kept for drama and examples, which reaches no one."""
    return FICTIONAL_NUMBERS.fullmatch(re.sub(r"[^0-9+]", "", telephone)) is not None


def _hostname(address: str) -> str:
    try:
        return urlsplit(address).hostname or ""
    except ValueError:  # not an address at all; the settings' own validation says so
        return ""


def is_placeholder(value: str) -> bool:
    """An example name, or an address at a domain reserved for examples and tests."""
    if PLACEHOLDER_WORD.search(value):
        return True
    host = value.rsplit("@", 1)[1] if "@" in value and "//" not in value else _hostname(value)
    host = host.lower().rstrip(".")
    return (
        host.endswith(RESERVED_SUFFIXES)
        or host in RESERVED_DOMAINS
        or host.endswith(tuple("." + domain for domain in RESERVED_DOMAINS))
    )


def _get(data: Any, loc: tuple[str, ...]) -> Any:
    for key in loc:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
