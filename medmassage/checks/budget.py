"""A time budget for each page: a page the check cannot finish in time is reported at its path, not waited for.

The scans of a page's text are written to run in time linear in its length, but the check also
hands each page to Python-Markdown, which is not: a line of a few thousand '[' takes it seconds,
and more takes it minutes. So every rule that reads one page, and one rendering of it with the
site's Markdown settings, run together under a deadline. A page past its deadline is an error at
its first body line, and leaves the content model, so no later rule (links, anchors, the build)
reads it again; other pages link to it as to any page that did not load.

How the work is stopped: Python cannot kill a thread, and a process for each page would cost
more than most pages take to check. A `SIGALRM` timer raises `OverBudget` inside the running
code, even inside a long regular-expression match (CPython's `re` checks for signals as it
runs), and the exception unwinds the page's work like any error, leaving only the page's
own, discarded, results half-built. Signals reach only the main thread, which is where `mkdocs
build`, `mkdocs serve`'s rebuilds and `python -m medmassage check` run; anywhere else (another
thread, a system without `SIGALRM`, a timer already set by someone else) nothing interrupts the
work, and a page that took longer than its budget is still reported once it ends.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from ..model.problems import Problem
from ..project.content import Content, Entry

DEFAULT_SECONDS = 5.0


class OverBudget(Exception):
    """Raised inside a page's work when its time is up."""


def over_budget(path: str, line: int, seconds: float) -> Problem:
    return Problem(
        path,
        line,
        f"the check stopped reading this page after {seconds:g} s, its time limit for one page, so the page "
        "cannot be published. Something in it makes Markdown slow to read: most often a long run of one "
        "punctuation character (such as '[', '`' or '<'), or many code fences. Remove it, or split the page.",
    )


def check_pages(
    content: Content, seconds: float, work: Callable[[Entry], Iterable[Problem]]
) -> tuple[list[Problem], set[str]]:
    """(problems, paths of pages over budget): `work` run on each page within `seconds`.

    The pages over budget are taken out of `content` and marked unparsed.
    """
    found: list[Problem] = []
    slow: set[str] = set()
    for path, entry in list(content.pages.items()):
        started = time.perf_counter()
        try:
            with deadline(seconds):
                problems = list(work(entry))
        except OverBudget:
            problems = None
        if problems is None or time.perf_counter() - started > seconds:
            slow.add(path)
            found.append(over_budget(path, entry.document.body_line, seconds))
        else:
            found += problems
    set_aside(content, slow)
    return found, slow


def set_aside(content: Content, paths: Iterable[str]) -> None:
    """Take pages out of the content model, as pages that did not load: no later rule reads them again."""
    for path in paths:
        if content.pages.pop(path, None) is not None:
            content.unparsed.add(path)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in the code run inside once `seconds` have passed, where a timer signal can."""
    if not _can_interrupt():
        yield
        return

    def time_is_up(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, time_is_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_interrupt() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
