"""Warnings the site generator logs itself, placed and worded like the check's own problems.

The check finds the mistakes an editor can make before MkDocs writes a page, so MkDocs should
have nothing left to warn about. If it does (a link that a maintainer's layout makes, a plugin's
warning), its message would say `Doc file 'x.md' contains ...`, with no line and without the
`docs/` prefix, and no pull request would show it. Here each such warning becomes a problem: shown
as `path:line:` where the file and line can be found, and annotated and summarised on GitHub
like the rest.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.problems import Problem

DOC_FILE = re.compile(r"^Doc file '(?P<page>[^']+)' (?P<rest>contains [^']*'(?P<url>[^']+)'.*)$", re.DOTALL)
NAV_ENTRY = re.compile(r"^A reference to '(?P<page>[^']+)' is included in the 'nav' configuration", re.DOTALL)
ADVICE = "Fix it here; if it looks right, tell a maintainer, since the content check should have found it."


@dataclass(frozen=True)
class Placement:
    """Where a project's files are, to place a generator's warning in them."""

    root: Path
    docs_dir: Path
    config_file: Path

    def problem(self, message: str) -> Problem:
        """The warning at its file and line; with no file it can name, a problem without one (path '')."""
        found = DOC_FILE.match(message)
        if found:
            page = self.docs_dir / found["page"]
            return Problem(
                self._shown(page),
                _line_of(page, found["url"]),
                f"MkDocs says this page {found['rest'].rstrip()} {ADVICE}",
                "warning",
            )
        found = NAV_ENTRY.match(message)
        if found:
            return Problem(
                self._shown(self.config_file),
                _line_of(self.config_file, found["page"]),
                f"MkDocs says: {message.rstrip()} {ADVICE}",
                "warning",
            )
        return Problem("", 0, f"MkDocs says: {message.rstrip()}", "warning")

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def _line_of(path: Path, text: str) -> int:
    """The first line of the file that holds `text`, or 1 (the link came from a layout, not the file)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if text in line), 1)


@dataclass(eq=False)
class PlacedWarnings(logging.Filter):
    """A filter on the generator's log handlers: each warning is placed, printed as `path:line: …`, and kept."""

    placement: Placement
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING or getattr(record, "placed", False):
            return True
        record.placed = True  # each handler sees the same record; place it once
        problem = self.placement.problem(record.getMessage())
        self.problems.append(problem)
        if problem.path:
            record.msg, record.args = f"{problem.path}:{problem.line}: {problem.message}", ()
        return True

    def install(self, logger: logging.Logger) -> None:
        for handler in logger.handlers:
            handler.addFilter(self)

    def uninstall(self, logger: logging.Logger) -> None:
        for handler in logger.handlers:
            handler.removeFilter(self)
