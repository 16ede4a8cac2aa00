"""A page cannot say that it lists its sources when it lists none.

Readers trust a page more when it says where its facts come from, so the words must be true:
a page with no `sources:` (the home page, the index pages, the benefits page) may not say that
its sources are listed. The status line under each page's title says so only when the page has
sources (templates/_status.md.j2); this rule reads what editors write in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.problems import Problem
from ..project.content import Content
from .rules import body_lines

CLAIMS_LISTED_SOURCES = re.compile(
    r"\b(?:sources|references)[ \t]+(?:are[ \t]+)?(?:listed|below|at[ \t]+the[ \t]+(?:end|bottom))\b"
    r"|\blisted[ \t]+(?:sources|references)\b",
    re.IGNORECASE,
)
"""Words that promise a list of sources: "the sources listed at the end", "references below"."""


def check_listed_sources(content: Content) -> Iterator[Problem]:
    for entry in content.pages.values():
        if getattr(entry.record, "sources", None):
            continue
        for number, line in body_lines(entry):
            if CLAIMS_LISTED_SOURCES.search(line):
                yield Problem(
                    entry.path,
                    number,
                    "this line says the page lists its sources, but the page has none. Take the words out, "
                    "or put the facts on a condition or technique page that lists its sources.",
                )
