"""Content that builds but deserves a look: each case's warnings, exact, from the check and from the build.

Each case is a folder under fixtures/warning/, laid over the minimal valid project like the
invalid cases, with `expected.txt` listing every line the check prints about it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_invalid_content import case_env, problems

from support import FIXTURES, build, check, make_project

CASES = sorted(path for path in (FIXTURES / "warning").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_and_build_warn_and_succeed(case: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", case)
    expected = (case / "expected.txt").read_text().splitlines()
    checked = check(project, **case_env(case))
    assert (checked.returncode, problems(checked.stderr)) == (0, expected)
    built = build(project, **case_env(case))
    assert (built.returncode, problems(built.stderr)) == (0, expected)
