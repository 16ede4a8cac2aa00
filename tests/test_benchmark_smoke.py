"""Every script under benchmarks/ runs end to end on tiny inputs, so none can silently break.

scale.py drives corpus.py, build_runner.py and site_weight.py; serve_latency.py is run here too.
lighthouse.py needs Chromium, so its smoke test is with the browser tests (tests/browser/).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT, run_mkdocs, tool_env

BENCHMARKS = ROOT / "benchmarks"
KEYS = {
    "pages",
    "build_s",
    "hooks_s",
    "check_s",
    "median_html_bytes",
    "max_html_bytes",
    "peak_rss_mb",
    "largest_page",
    "largest_by_kind",
    "search_index_bytes",
    "search_index_gzip_bytes",
    "first_visit",
}


def run_benchmark(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        env=tool_env(PYTHONPATH=None),
        cwd=cwd,
        timeout=300,
    )


def test_benchmark_reports_every_size_and_keeps_corpora_that_rebuild(tmp_path: Path) -> None:
    report, kept = tmp_path / "scale.json", tmp_path / "corpora"
    done = run_benchmark("scale.py", "--sizes", "5,10", "--json", str(report), "--keep", str(kept), cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [row["pages"] for row in rows] == [5, 10]
    for row in rows:
        assert KEYS <= row.keys()
        assert row["site_pages"] > row["pages"]
        assert 0 < row["hooks_s"] < row["build_cpu_s"]
        assert {"on_pre_build", "on_page_markdown", "on_post_page"} <= row["hooks_by_event_s"].keys()
        assert sum(row["hooks_by_event_s"].values()) == pytest.approx(row["hooks_s"])
        assert 0 < row["check_s"]
        assert 0 < row["median_html_bytes"] <= row["max_html_bytes"]
        assert 0 < row["peak_rss_mb"] < 10_000
    assert "t(10)/t(5) = " in done.stdout
    page_met = "met" if rows[1]["max_html_bytes"] < 150_000 else "NOT met"
    index_met = "met" if rows[1]["search_index_gzip_bytes"] < 150 * 1024 else "NOT met"
    assert (
        f"Goals at 10 conditions: largest page {rows[1]['max_html_bytes'] / 1000:.1f} KB, under 150 KB: "
        f"{page_met}; search index {rows[1]['search_index_gzip_bytes'] / 1024:.1f} KiB gzipped, under 150 KiB: "
        f"{index_met}"
    ) in done.stdout.splitlines()
    assert rows[0]["search_index_bytes"] < rows[1]["search_index_bytes"]

    corpus = kept / "conditions-10"
    assert_reader_figures(rows[1], corpus / "site")
    shutil.rmtree(corpus / "site")
    rebuilt = run_mkdocs(corpus, "build", PYTHONPATH=None)
    assert rebuilt.returncode == 0, rebuilt.stderr
    conditions = [page for page in (corpus / "docs" / "conditions").glob("*.md") if page.name != "index.md"]
    assert len(conditions) == 10
    for page in conditions:
        assert (corpus / "site" / "conditions" / page.stem / "index.html").is_file()


def assert_reader_figures(row: dict, site: Path) -> None:
    """The figures match the built files: the largest page, each kind's, the index, the first visit."""
    files = {
        p.relative_to(site).as_posix().removesuffix("index.html"): p.stat().st_size
        for p in site.rglob("*.html")
        if p.name != "404.html"
    }
    largest = max(files, key=files.__getitem__)
    assert (row["largest_page"], row["max_html_bytes"]) == (largest, files[largest])
    kinds = row["largest_by_kind"]
    assert set(kinds) == {"home", "condition", "technique", "table", "other"}
    assert kinds["home"] == {"path": "", "bytes": files[""]}
    assert kinds["table"]["path"] == "matrix/"
    assert kinds["condition"]["path"].startswith("conditions/")
    assert kinds["condition"]["bytes"] == max(
        size
        for path, size in files.items()
        if (site.parent / "docs" / f"{path.rstrip('/')}.md").is_file() and path.startswith("conditions/")
    )
    index = site / "search" / "search_index.json"
    assert row["search_index_bytes"] == index.stat().st_size
    assert 0 < row["search_index_gzip_bytes"] < row["search_index_bytes"]
    visit = row["first_visit"]
    assert visit["search_index"] == row["search_index_gzip_bytes"]
    assert 0 < visit["html"] < files[""]
    stylesheets_and_scripts = sum(
        p.stat().st_size for p in (site / "assets").rglob("*.min.*") if p.suffix in (".css", ".js")
    )
    assert 0 < visit["assets"] < stylesheets_and_scripts
    assert visit["total"] == visit["html"] + visit["assets"] + visit["search_index"]


def test_serve_latency_times_each_edit_until_the_page_shows_it(tmp_path: Path) -> None:
    done = run_benchmark("serve_latency.py", "--size", "3", "--edits", "2", "--timeout", "60", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "mkdocs serve on a generated corpus of 3 conditions; editing docs/conditions/" in done.stdout
    edits = re.search(r"edit to served page, s: (\S+), (\S+)\n", done.stdout)
    assert edits, done.stdout
    assert all(0 < float(seconds) < 60 for seconds in edits.groups())


def test_the_fuzzing_script_reports_examples_and_crashes(tmp_path: Path) -> None:
    report = tmp_path / "fuzz.json"
    done = run_benchmark("fuzz_check.py", "--examples", "20", "--adversarial", "3", "--json", str(report), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(report.read_text())
    assert (figures["projects"], figures["bodies"], figures["crashes"], figures["disagreements"]) == (20, 20, 0, 0)
    assert figures["adversarial"] == 3
    assert "crashes: 0   check/sanitiser disagreements: 0" in done.stdout


def test_the_fingerprint_benchmark_times_every_page_against_the_check(tmp_path: Path) -> None:
    done = run_benchmark("fingerprint.py", "--sizes", "5", "--repeat", "1", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["size"] == 5 and figures["pages"] > 5
    assert figures["check_s"] > 0 and figures["fingerprint_all_s"] > 0
    assert figures["fingerprint_to_check"] > 0


def test_the_differential_script_reports_examples_and_disagreements(tmp_path: Path) -> None:
    report = tmp_path / "differential.json"
    done = run_benchmark("differential.py", "--examples", "20", "--json", str(report), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = json.loads(report.read_text())
    assert (figures["examples"], figures["disagreements"], figures["crashes"]) == (20, 0, 0)
    assert "disagreements: 0   crashes: 0" in done.stdout


def test_the_scaling_script_reports_time_per_kib_for_each_family(tmp_path: Path) -> None:
    report = tmp_path / "scaling.json"
    families = "run of '[',claim word"
    done = run_benchmark(
        "check_scaling.py", "--sizes", "1,2", "--families", families, "--json", str(report), cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(report.read_text())
    assert [row["family"] for row in rows] == ["run of '['", "claim word"]
    assert all(set(row["ms_per_kib"]) == {"1", "2"} for row in rows)
