"""The check and the build, compared on many generated page bodies: disagreements, crashes and time.

    python benchmarks/differential.py [--examples 5000] [--seed 0] [--json FILE]

Runs the property of tests/rendering/test_differential.py with Hypothesis without stopping at the first
failure: each generated body (tests/strategies.py `parser_body`: fence tricks, nested brackets,
reference-style images, images inside links, autolinks, comments, attribute lists, raw HTML) is
checked and rendered with the site's configured Markdown, and every link or image the page renders
that the check did not see, or a body the check accepts that renders raw HTML, an image from another
site or a link with another scheme, is a disagreement. A crash is any exception. The report gives
both counts, the first few of each, and the time per example. Goal: 0 and 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "rendering")]

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from strategies import parser_body  # noqa: E402
from test_differential import disagreements  # noqa: E402

SHOWN = 5


def run(examples: int, chosen_seed: int) -> dict:
    crashes: list[str] = []
    found: list[str] = []
    times: list[float] = []

    @seed(chosen_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(parser_body)
    def each_body(body: str) -> None:
        started = time.perf_counter()
        try:
            problems = disagreements(body)
            if problems:
                found.append(f"body: {body!r:.500}\n" + "\n".join(problems))
        except Exception:  # noqa: BLE001 - a crash is what this script counts
            crashes.append(traceback.format_exc(limit=-3) + f"\nbody: {body!r:.500}")
        times.append(time.perf_counter() - started)

    started = time.perf_counter()
    each_body()
    total = time.perf_counter() - started
    ordered = sorted(times)
    return {
        "examples": len(times),
        "disagreements": len(found),
        "crashes": len(crashes),
        "seconds": round(total, 1),
        "ms_per_example_median": round(1000 * ordered[len(ordered) // 2], 2) if ordered else 0,
        "ms_per_example_max": round(1000 * ordered[-1], 2) if ordered else 0,
        "first_disagreements": found[:SHOWN],
        "first_crashes": crashes[:SHOWN],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    report = run(args.examples, args.seed)
    print(
        f"examples: {report['examples']}   disagreements: {report['disagreements']}   crashes: {report['crashes']}   "
        f"time: {report['seconds']} s (median {report['ms_per_example_median']} ms, "
        f"slowest {report['ms_per_example_max']} ms per example)"
    )
    for item in report["first_crashes"] + report["first_disagreements"]:
        print("\n" + item)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if report["crashes"] or report["disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())
