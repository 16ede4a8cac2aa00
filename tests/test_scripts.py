"""The scripts a maintainer runs: which browser the tests use, and that they say so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT


def browser_setup(tmp_path: Path, chromium_path: str) -> subprocess.CompletedProcess:
    """scripts/setup-browser in a copy whose npm packages are already the locked versions, so npm stays out of it."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/setup-browser", tmp_path / "scripts")
    shutil.copy(ROOT / "package-lock.json", tmp_path)
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for name in ("axe-core", "lighthouse"):
        (tmp_path / "node_modules" / name).mkdir(parents=True)
        version = locked[f"node_modules/{name}"]["version"]
        (tmp_path / "node_modules" / name / "package.json").write_text(json.dumps({"version": version}))
    return subprocess.run([str(tmp_path / "scripts/setup-browser")], env={**os.environ, "CHROMIUM_PATH": chromium_path},
                          capture_output=True, text=True, timeout=60)


def test_a_browser_named_in_chromium_path_is_used_and_named(tmp_path):
    browser = tmp_path / "my-chrome"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)

    result = browser_setup(tmp_path, str(browser))

    assert (result.returncode, result.stdout) == (0, f"{browser}\n")
    assert result.stderr == f"Browser tests use the browser named in CHROMIUM_PATH: {browser}\n"


def test_a_chromium_path_that_is_not_a_program_is_refused(tmp_path):
    result = browser_setup(tmp_path, "/no/such/chrome")

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("CHROMIUM_PATH is '/no/such/chrome', which is not a program. "
                             "Name a Chromium or Chrome, or unset it.\n")
