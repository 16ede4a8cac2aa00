"""Performance budget: Lighthouse (mobile settings) on the built site, served with gzip as GitHub Pages does.

    python benchmarks/lighthouse.py [--runs N] [--json FILE]

Builds the site with `mkdocs build --strict` into a temporary folder, serves it on 127.0.0.1
under /medical-massage/, runs the Lighthouse pinned in package-lock.json (installed here with
`npm ci` when missing) against the home page and a condition page, and prints, for each page,
the total transfer size, the Largest Contentful Paint and the category scores, with the
median of N runs. Exits non-zero if a score is below its target. Not a test: figures depend
on the machine.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from site_build import build_site, site_project  # noqa: E402
from site_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def lighthouse(url: str) -> dict:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
         "--form-factor=mobile", "--throttling-method=simulate"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def figures(report: dict) -> dict:
    audits = report["audits"]
    return {
        "transfer_kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        **{name: report["categories"][name]["score"] for name in CATEGORIES},
    }


def failing_audits(report: dict) -> list[str]:
    return sorted(
        f"{report['categories'][name]['title']}: {audit_id}"
        for name in CATEGORIES if name != "performance"
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (1, None)
    )


def median(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the medians and every run here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)

    with tempfile.TemporaryDirectory() as workdir:
        project = site_project(Path(workdir))
        site = build_site(project, Path(workdir) / "site")
        condition = min(p.parent.name for p in (site / "conditions").glob("*/index.html"))
        pages = {"home": "", "condition": f"conditions/{condition}/"}
        results, problems = {}, []
        with serve(site, gzip=True) as base_url:
            for name, path in pages.items():
                reports = [lighthouse(base_url + path) for _ in range(args.runs)]
                runs = [figures(report) for report in reports]
                results[name] = {"path": path, "median": median(runs), "runs": runs,
                                 "failing_audits": failing_audits(reports[0])}

    print(f"Site: {project.description}; Lighthouse {reports[0]['lighthouseVersion']}, "
          f"{reports[0]['environment']['hostUserAgent'].split(') ')[-1]}; mobile, simulated throttling; "
          f"median of {args.runs} runs")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"{'page':<28} {'transfer KiB':>12} {'LCP ms':>7} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    for name, result in results.items():
        m = result["median"]
        print(f"{name + ' (' + result['path'] + ')':<28} {m['transfer_kib']:>12.1f} {m['lcp_ms']:>7.0f} "
              + " ".join(f"{m[c]:>14.2f}" for c in CATEGORIES))
        problems += [f"{name}: {c} {m[c]:.2f} < {TARGETS[c]}" for c in CATEGORIES if m[c] < TARGETS[c]]
        problems += [f"{name}: failing audit {audit}" for audit in result["failing_audits"]]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    for problem in problems:
        print("BELOW TARGET:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
