"""Each page rendered once by the check, with the site's Markdown settings, as the build will render it.

`bounds.py` refuses what is known to break Python-Markdown before it reads a page; rendering the
page here, under the page's time budget (budget.py), finds what is not known yet, so that a page
the build could not render is reported at its path by the check, in the preview and before the
strict build writes anything, not as a traceback from the middle of the build.
"""

from __future__ import annotations

from collections.abc import Iterator

from .anchors import MarkdownOptions
from .content import Entry
from .problems import Problem

TOO_DEEP_TO_RENDER = (
    "Markdown cannot read this page: something in it is nested too deep (lists, quotes or emphasis inside "
    "each other, or brackets). Flatten it: no page needs more than a few levels."
)


def check_renders(entry: Entry, options: MarkdownOptions | None) -> Iterator[Problem]:
    """Nothing if the page's body renders; a problem at its first body line if Python-Markdown cannot."""
    if options is None:
        return
    try:
        options.markdown().convert(entry.document.body)
    except RecursionError:
        yield Problem(entry.path, entry.document.body_line, TOO_DEEP_TO_RENDER)
