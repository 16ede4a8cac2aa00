"""The scripts a maintainer runs: which browser the tests use, and the preview's options and messages."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from pathlib import Path

from support import ROOT, free_port, lines_of, tool_env


def browser_setup(tmp_path: Path, chromium_path: str) -> subprocess.CompletedProcess:
    """scripts/setup-browser in a copy whose npm packages are already the locked versions, so npm stays out of it."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/setup-browser", tmp_path / "scripts")
    shutil.copy(ROOT / "package-lock.json", tmp_path)
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for name in ("axe-core", "vnu-jar", "lighthouse"):
        (tmp_path / "node_modules" / name).mkdir(parents=True)
        version = locked[f"node_modules/{name}"]["version"]
        (tmp_path / "node_modules" / name / "package.json").write_text(json.dumps({"version": version}))
    return subprocess.run(
        [str(tmp_path / "scripts/setup-browser")],
        env={**os.environ, "CHROMIUM_PATH": chromium_path},
        capture_output=True,
        text=True,
        timeout=60,
    )


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
    assert result.stderr == (
        "CHROMIUM_PATH is '/no/such/chrome', which is not a program. Name a Chromium or Chrome, or unset it.\n"
    )


def preview(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / "scripts/build"), "serve", *args],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=tool_env(),
    )


def test_the_preview_passes_its_options_to_mkdocs():
    port = free_port()
    process = preview("--dev-addr", f"127.0.0.1:{port}")
    try:
        serving = next((line for line in lines_of(process) if "Serving on" in line), "")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert f"Serving on http://127.0.0.1:{port}/" in serving


def test_a_busy_port_gets_a_plain_message_and_no_traceback():
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        address = f"127.0.0.1:{other.getsockname()[1]}"
        process = preview("--dev-addr", address)
        output, _ = process.communicate(timeout=120)

    assert process.returncode == 1
    assert output.splitlines()[-1] == (
        f"The preview cannot start: {address} is already in use, perhaps by another preview. Stop that one "
        "(Ctrl+C in its terminal), or choose another address: scripts/build serve --dev-addr 127.0.0.1:8001"
    )
    assert "Traceback" not in output
