"""Run `mkdocs build` in this process, timing the project's hooks; write a JSON report.

    python benchmarks/build_runner.py REPORT.json [mkdocs build options...]

The hook module's `on_*` functions are wrapped with timers as MkDocs loads it, so the
build itself is the real one: same CLI, same configuration, same hooks.
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections.abc import Callable
from types import ModuleType
from unittest import mock

from mkdocs.__main__ import cli
from mkdocs.config.config_options import Hooks


def timed(function, totals: dict[str, float], by_event: dict[str, float]):
    """Count the CPU seconds spent in `function`: steadier than the clock on a busy machine."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            totals["hooks_s"] += spent
            by_event[function.__name__] = by_event.get(function.__name__, 0.0) + spent

    return wrapper


def timing_loader(totals: dict[str, float], by_event: dict[str, float]) -> Callable[[Hooks, str, str], ModuleType]:
    """MkDocs' hook loader, with the timers put on each hook module it loads."""
    load_hook = Hooks._load_hook

    def load_timed(self, name: str, path: str) -> ModuleType:
        module = load_hook(self, name, path)
        if not getattr(module, "_benchmark_timed", False):
            for attribute in [a for a in vars(module) if a.startswith("on_") and callable(getattr(module, a))]:
                setattr(module, attribute, timed(getattr(module, attribute), totals, by_event))
            module._benchmark_timed = True
        return module

    return load_timed


def main(report: str, mkdocs_args: list[str]) -> None:
    totals: dict[str, float] = {"hooks_s": 0.0}
    by_event: dict[str, float] = {}
    with mock.patch.object(Hooks, "_load_hook", timing_loader(totals, by_event)):
        cli.main(args=["build", *mkdocs_args], standalone_mode=False)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"peak_rss_mb": peak_kib / 1024, **totals, "hooks_by_event_s": by_event}
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(result, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
