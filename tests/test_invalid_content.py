"""Every kind of bad input a pull request could bring: exact messages, files and lines, nothing built.

Each case is a folder under fixtures/invalid/: files laid over the minimal valid project,
and `expected.txt` with every problem the check must report, one `path:line: message` a line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, run_check, run_mkdocs

CASES = sorted(path for path in (FIXTURES / "invalid").iterdir() if path.is_dir())
PROBLEM_LINE = re.compile(r"^\S+:\d+: ", re.MULTILINE)


def problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if PROBLEM_LINE.match(line)]


def case_env(case: Path) -> dict[str, str]:
    env_file = case / "env"
    return dict(line.split("=", 1) for line in env_file.read_text().split()) if env_file.exists() else {}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_exact_problems(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", case)
    result = run_check(project, **case_env(case))
    assert result.returncode == 1
    assert problems(result.stderr) == (case / "expected.txt").read_text().splitlines()
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_fails_with_the_same_problems_and_writes_nothing(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", case)
    result = run_mkdocs(project, "build", "--strict", **case_env(case))
    assert result.returncode != 0
    assert problems(result.stderr) == (case / "expected.txt").read_text().splitlines()
    assert "Traceback" not in result.stderr + result.stdout
    assert not (project / "site").exists()


def test_failed_build_keeps_the_last_good_site(project: Path) -> None:
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    built = (project / "site" / "conditions" / "sciatica" / "index.html").read_text()
    page = project / "docs" / "conditions" / "sciatica.md"
    page.write_text(page.read_text().replace("id: sciatica", "idd: sciatica"))
    assert run_mkdocs(project, "build", "--strict").returncode != 0
    assert (project / "site" / "conditions" / "sciatica" / "index.html").read_text() == built
