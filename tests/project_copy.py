"""Temporary copies of a fixture project, and the real commands run on them in a clean environment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
BUILD_DATE_EPOCH = "1795737600"
"""2026-11-27, so review dates in the fixtures are neither overdue nor in the future."""


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without GitHub's variables or tokens, so nothing reaches a real job summary."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GITHUB_", "GH_", "ZIZMOR_")) and key != "CONTENT_OVERDUE_REVIEWS"}
    env.update(PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH)
    env.update(extra)
    return env


def copy_fixture(tmp_path: Path, case: str = "valid/minimal") -> Path:
    """A copy of a fixture project beside the real hooks.py, ready to check, build or serve."""
    project = tmp_path / "site-project"
    shutil.copytree(FIXTURES / case, project)
    shutil.copy(REPO / "hooks.py", project / "hooks.py")
    return project


def with_site_config(project: Path) -> Path:
    """Give a fixture copy the real mkdocs.yml and overrides/, keeping only the fixture's own nav."""
    real = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    fixture = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(real[: real.index("\nnav:")] + fixture[fixture.index("\nnav:"):],
                                        encoding="utf-8")
    shutil.copytree(REPO / "overrides", project / "overrides")
    return project


def run(args: list[str], cwd: Path, timeout: float = 180, **env: str) -> subprocess.CompletedProcess[str]:
    """`python <args>` in `cwd`, with its output captured as text."""
    return subprocess.run([sys.executable, *args], cwd=cwd, env=clean_env(**env), capture_output=True,
                          text=True, timeout=timeout, check=False)


def tool(name: str) -> str:
    """A command installed beside this Python, such as zizmor."""
    return str(Path(sys.executable).with_name(name))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
