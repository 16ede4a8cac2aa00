"""Check time per kilobyte of a page, as the page grows: flat for every adversarial family, or it is quadratic.

    python benchmarks/check_scaling.py [--sizes 1,4,16,64] [--families A,B] [--seconds 5] [--repeat 3] [--json FILE]

For each family of tests/adversarial.py and each size (KiB), the minimal fixture's sciatica page
gets a body of that family and size, and the whole check runs on the project in this process
(`check_project`, with the page time budget set to `--seconds`). The report gives milliseconds
per KiB at each size, the check of the fixture with an empty page taken off, and the ratio of
the largest size's figure to the next largest's (the smallest sizes take less time than the
noise of a busy machine): a scan linear in the page stays near 1, a quadratic one grows with the
size ratio. A page stopped by its budget shows as `budget`: the check answered in time, at its path.
With `--wrap` (1,900 by default) each body is cut into lines within the check's bounds, so that
every rule reads it; `--wrap 0` keeps the long runs whole, and the first bound refuses them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "checks")]

from adversarial import FAMILIES  # noqa: E402
from strategies import DATA, PAGES, TARGET, TARGET_FRONT  # noqa: E402
from test_fuzz import PROJECT, InMemory  # noqa: E402

from medmassage.checks import budget  # noqa: E402
from medmassage.checks.checker import check_project  # noqa: E402

KIB = 1024
SETTINGS = PROJECT.settings


def check_seconds(body: str) -> tuple[float, bool]:
    """(seconds the whole check took, whether the page went over its budget)."""
    pages = dict(PAGES)
    front = TARGET_FRONT.split("\n", 1)[1]
    pages[TARGET] = f"---\n{front}\n---\n{body}\n".encode()
    started = time.perf_counter()
    project = dataclasses.replace(InMemory.of(PROJECT, sorted(pages.items()), DATA), settings=SETTINGS)
    result = check_project(project)
    took = time.perf_counter() - started
    return took, any("the check stopped reading this page" in problem.message for problem in result.problems)


def wrapped(body: str, width: int) -> str:
    """The body cut into lines of `width` characters, with a blank line after every 200: within the check's bounds
    (bounds.py), so that every rule reads it instead of the first refusing it. 0 leaves it as it is."""
    if not width:
        return body
    lines = [line[start : start + width] for line in body.split("\n") for start in range(0, max(len(line), 1), width)]
    return "\n".join(line + ("\n" if index % 200 == 199 else "") for index, line in enumerate(lines))


def run(sizes: list[int], names: list[str], repeat: int = 1, width: int = 0) -> list[dict]:
    check_seconds("warm up")
    base = min(check_seconds("")[0] for _ in range(3))
    print(f"the check of the fixture with an empty page: {1000 * base:.0f} ms, taken off each figure below")
    rows = []
    for name in names:
        row: dict = {"family": name, "ms_per_kib": {}, "over_budget": []}
        for size in sizes:
            body = wrapped(FAMILIES[name](size * KIB), width)
            took, over = min(check_seconds(body) for _ in range(repeat))
            row["ms_per_kib"][size] = round(1000 * max(took - base, 0) / size, 2)
            if over:
                row["over_budget"].append(size)
        first, last = row["ms_per_kib"][sizes[-2] if len(sizes) > 1 else sizes[0]], row["ms_per_kib"][sizes[-1]]
        row["ratio"] = round(last / first, 2) if first and not row["over_budget"] else None
        rows.append(row)
        shown = "  ".join(
            f"{size:>3} KiB {'budget' if size in row['over_budget'] else row['ms_per_kib'][size]:>8}" for size in sizes
        )
        print(f"{name:<34} {shown}   ratio {row['ratio']}", flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16,64", help="page sizes in KiB, smallest first")
    parser.add_argument("--families", default="", help="comma-separated family names (default: all)")
    parser.add_argument("--seconds", type=float, default=budget.DEFAULT_SECONDS, help="the page time budget")
    parser.add_argument("--repeat", type=int, default=1, help="check each page this many times, keep the least")
    parser.add_argument("--wrap", type=int, default=1900, help="cut lines to this width, within the bounds (0: don't)")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [name for name in args.families.split(",") if name] or list(FAMILIES)
    global SETTINGS
    assert PROJECT.settings is not None, "the fixture project's settings load"
    checks = PROJECT.settings.content_checks.model_copy(update={"seconds_per_page": args.seconds})
    SETTINGS = PROJECT.settings.model_copy(update={"content_checks": checks})
    print(f"{'family':<34} " + "  ".join(f"{size:>3} KiB {'ms/KiB':>8}" for size in sizes))
    rows = run(sizes, names, args.repeat, args.wrap)
    worst = max(rows, key=lambda row: max(row["ms_per_kib"].values()))
    print(f"\nslowest check per KiB: {max(worst['ms_per_kib'].values())} ms ({worst['family']})")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
