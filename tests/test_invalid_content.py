"""Every kind of bad input a pull request could bring: exact messages, files and lines, nothing built.

Each case is a folder under fixtures/invalid/: files laid over the minimal valid project,
and `expected.txt` with every problem the check must report, one `path:line: message` a line.
Both the check and the strict build run in this process; test_build.py runs the real commands.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import FIXTURES, build, check, make_project

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
    result = check(project, **case_env(case))
    assert result.returncode == 1
    assert problems(result.stderr) == (case / "expected.txt").read_text().splitlines()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_fails_with_the_same_problems_and_writes_nothing(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", case)
    result = build(project, **case_env(case))
    assert result.returncode == 1
    assert problems(result.stderr) == (case / "expected.txt").read_text().splitlines()
    assert "Nothing was built. Fix them and build again." in result.stderr
    assert not (project / "site").exists()

