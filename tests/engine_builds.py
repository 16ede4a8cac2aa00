"""Helpers for tests that build the site with other engines: what a reader sees, and `finish` then `verify`."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

from support import run_check


class TextNodes(HTMLParser):
    """Every piece of text a reader sees, in order: scripts, styles and icons left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("script", "style", "svg")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style", "svg") and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def page_texts(site: Path) -> dict[str, list[str]]:
    """What a reader sees of each page, as a list of text pieces."""
    texts = {}
    for page in sorted(site.rglob("*.html")):
        parser = TextNodes()
        parser.feed(page.read_text(encoding="utf-8"))
        texts[page.relative_to(site).as_posix()] = parser.texts
    return texts


def finish_and_verify(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`finish` with the rendered tree's config, then `verify` against the sources in `project`."""
    finished = run_check(site.parent, "finish", str(site))
    assert finished.returncode == 0, finished.stderr
    return run_check(project, "verify", str(site))
