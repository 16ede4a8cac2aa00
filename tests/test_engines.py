"""The site on other engines: ProperDocs, the maintained fork of MkDocs 1.6, runs the hooks as MkDocs does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from support import FIXTURES, ROOT, make_project, run_mkdocs, tool, tool_env

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def run_properdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    """ProperDocs reads mkdocs.yml only when told to: it looks for properdocs.yml first."""
    return subprocess.run([tool("properdocs"), "build", "--strict", "-f", "mkdocs.yml", *args],
                          capture_output=True, text=True, env=tool_env(), cwd=project)


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, with the generator tag (which names the engine) left out."""
    return {path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    mkdocs = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "mkdocs"))
    properdocs = run_properdocs(project, "--site-dir", str(tmp_path / "properdocs"))

    assert mkdocs.returncode == 0, mkdocs.stderr
    assert properdocs.returncode == 0, properdocs.stderr
    assert files(tmp_path / "properdocs") == files(tmp_path / "mkdocs")
    assert b"ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()


def test_properdocs_stops_on_bad_content_with_the_same_messages(tmp_path: Path) -> None:
    case = FIXTURES / "invalid" / "absolute-claim"
    project = make_project(tmp_path / "project", case)

    result = run_properdocs(project)

    assert result.returncode == 1
    assert (case / "expected.txt").read_text(encoding="utf-8").splitlines() == [
        line for line in result.stderr.splitlines() if line.startswith("docs/")]
    assert "Nothing was built." in result.stderr
    assert not (project / "site").exists()


def test_engine_benchmark_times_every_engine_on_each_site(tmp_path: Path) -> None:
    report = tmp_path / "engines.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "engines.py"), "--sites", "3",
                           "--repeat", "1", "--json", str(report)],
                          capture_output=True, text=True, env=tool_env(PYTHONPATH=None), cwd=tmp_path, timeout=300)

    assert done.returncode == 0, done.stderr
    [row] = json.loads(report.read_text(encoding="utf-8"))
    assert row["site"] == "3 conditions"
    assert set(row["seconds"]) == {"MkDocs", "ProperDocs", "Zensical", "Zensical, cache warm"}
    assert all(seconds > 0 for seconds in row["seconds"].values())
    assert "ProperDocs/MkDocs" in done.stdout.splitlines()[0]
