"""What `mkdocs serve` shows while the content has errors: each page lists them.

The preview keeps running, so an editor sees every problem in the browser as well as in the
terminal, and the page reloads by itself once the files are fixed. `mkdocs build` never shows
this page: it stops on the first error and writes nothing.
"""

from __future__ import annotations

from markupsafe import escape

from ..checks.checker import Result
from ..model.problems import Problem
from ..rendering.render import markdown_text

SHOWN = 20
"""Problems listed on each page. Every page shows the list, so a long one costs pages times problems:
one page renamed in a 1,000-page site breaks 1,000 links, and listing them all took minutes to preview."""


def error_page(errors: list[Problem]) -> str:
    """Markdown for a page that stands in for every page while `errors` are not fixed."""
    lines = [
        f'!!! failure "The preview is paused: the content check found {len(errors)} problem(s)"',
        "",
        "    Fix each one and save the file. This page reloads by itself once they are all fixed.",
        "",
    ]
    lines += [f"    - **{markdown_text(f'{p.path}:{p.line}')}** {markdown_text(p.message)}" for p in errors[:SHOWN]]
    if len(errors) > SHOWN:
        lines.append(f"    - And {len(errors) - SHOWN} more, all listed in the terminal where mkdocs serve runs.")
    return "\n".join(lines) + "\n"


def preview_title(result: Result, path: str, fallback: str) -> str:
    """The page's checked title, or MkDocs' own (from the file name), HTML-escaped.

    The theme writes titles into the page unescaped (in <title>, the menu and the header), and
    the preview has no Content-Security-Policy, so nothing an editor wrote may reach it raw.
    """
    entry = result.content.pages.get(path)
    return str(escape(entry.record.title if entry else fallback))
