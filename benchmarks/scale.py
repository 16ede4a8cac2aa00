"""Build synthetic corpora of N condition pages with the real configuration and hooks; report how they scale.

    python benchmarks/scale.py --sizes 100,250,500,1000 [--json FILE] [--keep DIR] [--repeat K]

Each build runs `mkdocs build` in a fresh child process (benchmarks/build_runner.py), so
its peak memory is its own. A kept corpus rebuilds with a plain `mkdocs build` run in its folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus import build_corpus
from site_weight import first_visit, largest_by_kind, pages, search_index

RUNNER = Path(__file__).resolve().parent / "build_runner.py"
LARGEST_PAGE_GOAL = 150_000
"""Bytes: no page over 150 KB, whatever the number of conditions (issue 11)."""
INDEX_GOAL = 150 * 1024
"""Bytes sent: the search index under 150 KiB gzipped at 1,000 conditions (issue 11)."""


@dataclass(frozen=True)
class Row:
    pages: int
    site_pages: int
    build_s: float
    build_cpu_s: float
    hooks_s: float
    hooks_by_event_s: dict[str, float]
    """The hooks' CPU seconds by MkDocs event, from the build whose hooks took least."""
    check_s: float
    check_cpu_s: float
    median_html_bytes: int
    max_html_bytes: int
    peak_rss_mb: float
    largest_page: str
    largest_by_kind: dict[str, dict]
    search_index_bytes: int
    search_index_gzip_bytes: int
    first_visit: dict[str, int]
    """Bytes sent for a first visit to the home page: its HTML, styles, scripts and the search index."""


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of a command that must succeed."""
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr}")
    return wall, children_cpu() - cpu


def check(corpus: Path) -> dict[str, float]:
    wall, cpu = run([sys.executable, "-m", "medmassage", "--config", "mkdocs.yml", "check"], corpus)
    return {"check_s": wall, "check_cpu_s": cpu}


def build(corpus: Path) -> dict[str, Any]:
    report = corpus / "build-report.json"
    wall, cpu = run([sys.executable, str(RUNNER), str(report)], corpus)
    result = json.loads(report.read_text(encoding="utf-8"))
    report.unlink()
    return {"build_s": wall, "build_cpu_s": cpu, **result}


def reader_figures(corpus: Path) -> dict:
    """What the built corpus costs readers: the largest pages, the search index, a first visit."""
    site = corpus / "site"
    built = pages(site, corpus / "docs")
    index, index_sent = search_index(site)
    return {
        "site_pages": len(built),
        "median_html_bytes": int(statistics.median(page.bytes for page in built)),
        "max_html_bytes": built[0].bytes,
        "largest_page": built[0].path,
        "largest_by_kind": {
            kind: {"path": page.path, "bytes": page.bytes} for kind, page in largest_by_kind(built).items()
        },
        "search_index_bytes": index,
        "search_index_gzip_bytes": index_sent,
        "first_visit": first_visit(site, ""),
    }


def measure(size: int, folder: Path, repeat: int) -> Row:
    """Check and build the corpus `repeat` times; the least of each time is the one least disturbed."""
    corpus = folder / f"conditions-{size}"
    corpus.mkdir(parents=True)
    build_corpus(corpus, size)
    checks = [check(corpus) for _ in range(repeat)]
    builds = [build(corpus) for _ in range(repeat)]
    return Row(
        pages=size,
        check_s=least(checks, "check_s"),
        check_cpu_s=least(checks, "check_cpu_s"),
        build_s=least(builds, "build_s"),
        build_cpu_s=least(builds, "build_cpu_s"),
        hooks_s=least(builds, "hooks_s"),
        hooks_by_event_s=min(builds, key=lambda b: b["hooks_s"])["hooks_by_event_s"],
        peak_rss_mb=max(b["peak_rss_mb"] for b in builds),
        **reader_figures(corpus),
    )


def least(runs: list[dict[str, Any]], key: str) -> float:
    """The least of one figure over the runs: the run least disturbed by the rest of the machine."""
    return min(figures[key] for figures in runs)


def build_table(rows: list[Row]) -> str:
    header = (
        "pages",
        "site pages",
        "build s",
        "s/site page",
        "build CPU s",
        "hooks CPU s",
        "hooks %",
        "check s",
        "check CPU s",
        "median HTML B",
        "max HTML B",
        "peak RSS MB",
    )
    return table(
        header,
        [
            (
                r.pages,
                r.site_pages,
                f"{r.build_s:.2f}",
                f"{r.build_s / r.site_pages:.4f}",
                f"{r.build_cpu_s:.2f}",
                f"{r.hooks_s:.2f}",
                f"{100 * r.hooks_s / r.build_cpu_s:.1f}",
                f"{r.check_s:.2f}",
                f"{r.check_cpu_s:.2f}",
                r.median_html_bytes,
                r.max_html_bytes,
                f"{r.peak_rss_mb:.0f}",
            )
            for r in rows
        ],
    )


def reader_table(rows: list[Row]) -> str:
    header = ("pages", "largest page", "largest B", "index B", "index gzip B", "first visit gzip B", "of which index")
    return table(
        header,
        [
            (
                r.pages,
                r.largest_page or "/",
                r.max_html_bytes,
                r.search_index_bytes,
                r.search_index_gzip_bytes,
                r.first_visit["total"],
                f"{100 * r.first_visit['search_index'] / r.first_visit['total']:.0f}%",
            )
            for r in rows
        ],
    )


def goals(row: Row) -> str:
    """Whether the largest corpus meets the readers' goals."""

    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    return (
        f"Goals at {row.pages} conditions: largest page {row.max_html_bytes / 1000:.1f} KB, under "
        f"{LARGEST_PAGE_GOAL / 1000:.0f} KB: {verdict(row.max_html_bytes < LARGEST_PAGE_GOAL)}; search index "
        f"{row.search_index_gzip_bytes / 1024:.1f} KiB gzipped, under {INDEX_GOAL / 1024:.0f} KiB: "
        f"{verdict(row.search_index_gzip_bytes < INDEX_GOAL)}"
    )


def table(header: tuple, rows: list[tuple]) -> str:
    lines = [header, *rows]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    text = ["  ".join(str(cell).rjust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    return "\n".join([text[0], "  ".join("-" * w for w in widths), *text[1:]])


def ratios(rows: list[Row]) -> str:
    """Build time of the largest corpus against each smaller one, beside the ratio of their page counts."""
    largest = rows[-1]
    return "\n".join(
        f"t({largest.pages})/t({r.pages}) = {largest.build_s / r.build_s:.2f} wall, "
        f"{largest.build_cpu_s / r.build_cpu_s:.2f} CPU  (pages x{largest.pages / r.pages:g})"
        for r in rows[:-1]
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,250,500,1000",
        type=lambda text: sorted({int(n) for n in text.split(",")}),
        help="comma-separated numbers of condition pages (at least 3 each)",
    )
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--keep", type=Path, help="generate the corpora here and leave them in place")
    parser.add_argument(
        "--repeat", type=int, default=1, help="checks and builds per size; the least of each time is kept"
    )
    args = parser.parse_args(argv)
    if min(args.sizes) < 3:
        parser.error("each size must be at least 3")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} is not empty")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="medmassage-scale-") as scratch:
        folder = (args.keep or Path(scratch)).resolve()
        rows = []
        for size in args.sizes:
            rows.append(measure(size, folder, args.repeat))
            print(f"built {size} conditions in {rows[-1].build_s:.2f} s", file=sys.stderr)
    print(build_table(rows))
    print("\nWhat readers download (first visit: the home page, its styles and scripts, the search index):")
    print(reader_table(rows))
    print(goals(rows[-1]))
    if len(rows) > 1:
        print("\n" + ratios(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n", encoding="utf-8")
    if args.keep:
        print(f"\nCorpora kept in {args.keep}; rebuild one with `mkdocs build` in its folder.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
