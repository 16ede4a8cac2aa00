"""The generated page "Our clinical reviewers": each clinician of the register and the pages they signed."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from markupsafe import escape

from ..project.signoff import REVIEWERS_TITLE
from .render import Renderer, relative_path


def reviewers_page(renderer: Renderer, path: str, url: Callable[[str], str]) -> tuple[str, dict[str, Any]]:
    """The page's Markdown and the metadata the theme shows; links name source files, as on every page."""
    here = posixpath.dirname(path)
    markdown = renderer.env.get_template("reviewers.md.j2").render(
        title=REVIEWERS_TITLE,
        reviewers=renderer.reviews.by_clinician(),
        link=lambda entry: relative_path(entry.path, here),
    )
    meta = {
        "title": REVIEWERS_TITLE,
        "description": escape("The clinicians who review this site's pages, and the pages each has reviewed."),
    }
    return markdown, meta
