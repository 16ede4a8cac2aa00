"""Every kind of bad input a pull request could bring: exact messages, files and lines, nothing built.

Each case is a folder under fixtures/invalid/: files laid over the minimal valid project,
and `expected.txt` with every problem the check must report, one `path:line: message` a line.
Both the check and the strict build run in this process; test_build.py runs the real commands.
The build starts from a site built before the mistake, which must stay as it was, byte for byte.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support import FIXTURES, build, check, files_in, make_project

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


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project's site, built before any mistake."""
    project = make_project(tmp_path_factory.mktemp("good") / "project")
    assert build(project).returncode == 0
    return project / "site"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_fails_with_the_same_problems_and_leaves_the_site(case: Path, tmp_path: Path, last_good_site) -> None:
    project = make_project(tmp_path / "project", case)
    shutil.copytree(last_good_site, project / "site")
    before = files_in(project / "site")
    result = build(project, **case_env(case))
    assert result.returncode == 1
    assert problems(result.stderr) == (case / "expected.txt").read_text().splitlines()
    assert "Nothing was built. Fix them and build again." in result.stderr
    assert files_in(project / "site") == before
