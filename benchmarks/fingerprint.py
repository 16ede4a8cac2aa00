"""What clinical sign-off costs: fingerprinting every page, against the content check, in the same run.

    python benchmarks/fingerprint.py --sizes 100 1000

For each corpus size (corpus.py), the check's time, the time to fingerprint every page (as if every
page were signed: the real site's unsigned pages cost nothing), and their ratio; the median of
`--repeat` runs. Prints one JSON object per size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

from medmassage.checks.checker import check_project  # noqa: E402
from medmassage.project.config import load_project  # noqa: E402
from medmassage.project.fingerprint import fingerprint  # noqa: E402


def measure(size: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        root = build_corpus(Path(folder), size)
        project = load_project(root)
        checks, prints = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            result = check_project(project)
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            for entry in result.content.pages.values():
                fingerprint(entry, result.content, project.settings)
            prints.append(time.perf_counter() - started)
        check_s, print_s = statistics.median(checks), statistics.median(prints)
        return {
            "pages": len(result.content.pages),
            "check_s": round(check_s, 3),
            "fingerprint_all_s": round(print_s, 4),
            "per_page_ms": round(1000 * print_s / len(result.content.pages), 3),
            "fingerprint_to_check": round(print_s / check_s, 3),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        print(json.dumps({"size": size, **measure(size, args.repeat)}))


if __name__ == "__main__":
    main()
