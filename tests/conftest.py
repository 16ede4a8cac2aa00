"""Shared helpers: copy a fixture project to a temporary folder and run the real tools on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_FIXTURE = FIXTURES / "valid" / "minimal"


def make_project(destination: Path, overlay: Path | None = None) -> Path:
    """A copy of the minimal valid project, with the files of `overlay` laid over it.

    An overlay's `DELETE` file lists paths to remove, and its `LINKS` file symbolic links to make,
    one `path -> target` a line (git could keep them, but a link in the repository is what the
    check refuses); `expected.txt` is not copied. The theme's overrides/ is copied, since a
    linked folder is refused too.
    """
    shutil.copytree(BASE_FIXTURE, destination)
    if overlay is not None:
        for source in sorted(overlay.rglob("*")):
            relative = source.relative_to(overlay)
            if source.is_file() and relative.name not in ("expected.txt", "DELETE", "LINKS", "env"):
                (destination / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination / relative)
        deletions = overlay / "DELETE"
        for line in deletions.read_text().split() if deletions.exists() else []:
            (destination / line).unlink()
    (destination / "hooks.py").symlink_to(ROOT / "hooks.py")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    for line in (overlay / "LINKS").read_text().splitlines() if overlay and (overlay / "LINKS").exists() else []:
        link, target = line.split(" -> ")
        (destination / link).parent.mkdir(parents=True, exist_ok=True)
        (destination / link).symlink_to(target)
    return destination


def tool_env(**extra: str | None) -> dict[str, str]:
    """The environment for a tool run; a None value removes that variable."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update(PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1", CONTENT_OVERDUE_REVIEWS="warn",
               SOURCE_DATE_EPOCH="1795000000")  # 2026-11-18, after every fixture's last review
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def run_check(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "medmassage", "--config", str(project / "mkdocs.yml"),
                           *(args or ("check",))], capture_output=True, text=True, env=tool_env(**env),
                          cwd=project)


def run_mkdocs(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], capture_output=True, text=True,
                          env=tool_env(**env), cwd=project)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")
