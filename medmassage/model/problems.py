"""Problems found in the content, and how to word them for an editor."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
"""An error stops the build; a warning is shown and annotated, and the build goes on."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or, for a warning, should look at)."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {label}{self.message}"


class FileProblems(Exception):
    """A file that cannot be used, and every reason why.

    Loaders raise it instead of returning a value or a list of problems; the loop that
    reads all files catches it, records the problems and goes on to the next file.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(map(str, self.problems)))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' Did you mean ...?' suffix for a mistyped id or field, or ''."""
    close = closest(word, choices)
    return f" Did you mean '{close}'?" if close else ""


def closest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


LISTED = 8
"""How many valid ids a message lists when none is close to the one written."""


def did_you_mean_or_list(word: str, choices: Iterable[str], listing: str = "The ids there are") -> str:
    """' Did you mean ...?', or else the valid choices (the first few, if there are many), after `listing`."""
    choices = sorted(choices)
    hint = did_you_mean(word, choices)
    if hint or not choices:
        return hint
    shown = ", ".join(f"'{choice}'" for choice in choices[:LISTED])
    more = f", and {len(choices) - LISTED} more" if len(choices) > LISTED else ""
    return f" {listing}: {shown}{more}."
