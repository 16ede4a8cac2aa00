"""The scale benchmark runs end to end on small corpora, and a corpus it keeps builds with plain `mkdocs build`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_mkdocs, tool_env

KEYS = {"pages", "build_s", "hooks_s", "check_s", "median_html_bytes", "max_html_bytes", "peak_rss_mb"}


def test_benchmark_reports_every_size_and_keeps_corpora_that_rebuild(tmp_path: Path) -> None:
    report, kept = tmp_path / "scale.json", tmp_path / "corpora"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--sizes", "5,10", "--json", str(report),
         "--keep", str(kept)],
        capture_output=True, text=True, env=tool_env(PYTHONPATH=None), cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [row["pages"] for row in rows] == [5, 10]
    for row in rows:
        assert KEYS <= row.keys()
        assert row["site_pages"] > row["pages"]
        assert 0 < row["hooks_s"] < row["build_cpu_s"]
        assert 0 < row["check_s"]
        assert 0 < row["median_html_bytes"] <= row["max_html_bytes"]
        assert 0 < row["peak_rss_mb"] < 10_000
    assert "t(10)/t(5) = " in done.stdout

    corpus = kept / "conditions-10"
    shutil.rmtree(corpus / "site")
    rebuilt = run_mkdocs(corpus, "build", PYTHONPATH=None)
    assert rebuilt.returncode == 0, rebuilt.stderr
    conditions = [page for page in (corpus / "docs" / "conditions").glob("*.md") if page.name != "index.md"]
    assert len(conditions) == 10
    for page in conditions:
        assert (corpus / "site" / "conditions" / page.stem / "index.html").is_file()
