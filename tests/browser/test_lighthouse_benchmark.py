"""benchmarks/lighthouse.py runs end to end: one Lighthouse run on one page of a tiny generated corpus.

The scores depend on the machine, so this checks only that the benchmark builds, picks the
page, runs the pinned Lighthouse in Chromium and reports every figure it promises.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .browsing import tools_required
from .site_build import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = {"performance", "accessibility", "best-practices", "seo"}


@pytest.fixture
def lighthouse_installed() -> None:
    if LIGHTHOUSE.exists():
        return
    message = f"{LIGHTHOUSE.relative_to(ROOT)} is missing; scripts/setup-browser installs it (npm ci)."
    if tools_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def test_lighthouse_benchmark_measures_the_largest_page_of_a_kind(lighthouse_installed, tmp_path: Path) -> None:
    report = tmp_path / "lighthouse.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "lighthouse.py"),
            "--size",
            "3",
            "--kinds",
            "table",
            "--runs",
            "1",
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONTENT_OVERDUE_REVIEWS": "warn"},
    )

    assert done.returncode in (0, 1), done.stderr
    results = json.loads(report.read_text(encoding="utf-8"))
    assert list(results) == ["table"]
    table = results["table"]
    # the largest page with a table: the matrix, or the referral page (its form, and the red flags of every condition)
    assert table["path"] in ("matrix/", "referrals/")
    assert table["lighthouse"] == "12.2.3"
    (run,) = table["runs"]
    assert CATEGORIES <= run.keys()
    assert all(0 <= run[category] <= 1 for category in CATEGORIES)
    assert run["transfer_kib"] > table["html_bytes"] / 1024 / 20
    assert run["lcp_ms"] > 0 and run["dom_elements"] > 0
    assert f"table ({table['path']})" in done.stdout
    assert (done.returncode == 1) == ("BELOW TARGET:" in done.stdout)
