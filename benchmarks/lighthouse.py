"""Performance budget: Lighthouse (phone settings) on the built site, served with gzip as GitHub Pages does.

    python benchmarks/lighthouse.py [--size N] [--kinds home,condition,...] [--pages PATH,...] [--runs N] [--json FILE]

Builds this repository's site, or with --size N a generated corpus of N conditions (as
benchmarks/scale.py makes), with `mkdocs build --strict` in a temporary folder; serves it on
127.0.0.1 under /medical-massage/; and runs the Lighthouse pinned in package-lock.json
(installed with `npm ci` when missing) on the largest page of each kind (see site_weight.KINDS):
the home page, a condition, a technique, a page with a table, and any other page (the lists);
or, with --pages, the pages named (`--pages ,contact/` is the home page and the contact page).
For each page it prints the total transfer, the Largest Contentful Paint and the four category
scores, the median of N runs. Exits 1 if a score is below its target. Not a test: the figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import REPO, build_corpus
from site_weight import KINDS, largest_by_kind, pages

sys.path.insert(0, str(REPO / "tests"))
from browser.site_build import Project, build_site, site_project  # noqa: E402
from browser.site_server import serve  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def lighthouse(url: str) -> dict:
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            "--throttling-method=simulate",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    return {
        "transfer_kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "dom_elements": audits["dom-size"].get("numericValue", 0),
        **{name: report["categories"][name]["score"] for name in CATEGORIES},
    }


def failing_audits(report: dict) -> list[str]:
    return sorted(
        f"{report['categories'][name]['title']}: {audit_id}"
        for name in CATEGORIES
        if name != "performance"
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (1, None)
    )


def median(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def corpus_project(folder: Path, size: int) -> Project:
    config = build_corpus(folder, size)
    return Project(config, folder / "docs", f"a generated corpus of {size} conditions")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, help="measure a generated corpus of this many conditions instead")
    parser.add_argument(
        "--kinds",
        default=",".join(KINDS),
        type=lambda text: text.split(","),
        help=f"which kinds of page to measure, the largest of each (default: {','.join(KINDS)})",
    )
    parser.add_argument(
        "--pages",
        type=lambda text: text.split(","),
        help="measure these pages instead, by address under the site ('' is the home page), such as ,contact/",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the medians and every run here")
    args = parser.parse_args(argv)
    if unknown := set(args.kinds) - set(KINDS):
        parser.error(f"unknown kind(s): {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")
    if args.size is not None and args.size < 3:
        parser.error("--size must be at least 3")
    return args


def measure(
    project: Project, site: Path, kinds: list[str], runs: int, named: list[str] | None = None
) -> dict[str, dict]:
    every = pages(site, project.docs_dir)
    if named is not None:
        sample = {page.path or "home": page for page in every if page.path in named}
        if missing := set(named) - {page.path for page in sample.values()}:
            raise SystemExit(f"no such page(s) in the site: {', '.join(sorted(missing))}")
    else:
        sample = {kind: page for kind, page in largest_by_kind(every).items() if kind in kinds}
    results = {}
    with serve(site, gzip=True) as base_url:
        for kind, page in sample.items():
            reports = [lighthouse(base_url + page.path) for _ in range(runs)]
            each = [figures(report) for report in reports]
            results[kind] = {
                "path": page.path,
                "html_bytes": page.bytes,
                "median": median(each),
                "runs": each,
                "failing_audits": failing_audits(reports[0]),
                "lighthouse": reports[0]["lighthouseVersion"],
                "browser": reports[0]["environment"]["hostUserAgent"].split(") ")[-1],
            }
    return results


def print_results(results: dict[str, dict], description: str, runs: int) -> list[str]:
    """Print the table; return the scores and audits that miss their targets."""
    first = next(iter(results.values()))
    print(
        f"Site: {description}; Lighthouse {first['lighthouse']}, {first['browser']}; "
        f"phone, simulated throttling; median of {runs} run(s)"
    )
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    width = max(len(kind) + len(result["path"]) for kind, result in results.items()) + 4
    print(
        f"{'page':<{width}} {'HTML KB':>8} {'sent KiB':>9} {'LCP ms':>7} {'TBT ms':>7} "
        + " ".join(f"{c:>14}" for c in CATEGORIES)
    )
    problems = []
    for kind, result in results.items():
        m = result["median"]
        print(
            f"{kind + ' (' + (result['path'] or '/') + ')':<{width}} {result['html_bytes'] / 1000:>8.1f} "
            f"{m['transfer_kib']:>9.1f} {m['lcp_ms']:>7.0f} {m['tbt_ms']:>7.0f} "
            + " ".join(f"{m[c]:>14.2f}" for c in CATEGORIES)
        )
        problems += [f"{kind}: {c} {m[c]:.2f} < {TARGETS[c]}" for c in CATEGORIES if m[c] < TARGETS[c]]
        problems += [f"{kind}: failing audit {audit}" for audit in result["failing_audits"]]
    return problems


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory(prefix="medmassage-lighthouse-") as scratch:
        workdir = Path(scratch)
        project = corpus_project(workdir / "project", args.size) if args.size else site_project()
        site = build_site(project, workdir / "site")
        results = measure(project, site, args.kinds, args.runs, args.pages)
    problems = print_results(results, project.description, args.runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for problem in problems:
        print("BELOW TARGET:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
