"""Every built page is valid HTML, as the Nu HTML Checker (the npm package vnu-jar, run with Java) reads it.

One run of the checker reads every page, and first a canary page with a mistake the theme makes
(`autocomplete` on a checkbox), to show that the checker really reports errors. Only errors count:
its warnings about the Content-Security-Policy come from reading pages as files, whose address
has no origin for `'self'` to match.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browsing import JAVA, VNU

CANARY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Canary</title></head>
<body><input type="checkbox" id="toggle" autocomplete="off"></body>
</html>
"""


@dataclass(frozen=True)
class Report:
    canary: Path
    pages: list[Path]
    checked: list[Path]
    errors: dict[Path, list[str]]
    """`line: message` for each error, by file."""


@pytest.fixture(scope="module")
def report(site, tmp_path_factory: pytest.TempPathFactory) -> Report:
    canary = tmp_path_factory.mktemp("html-check") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = [site.file(path) for path in site.pages()]
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--verbose", str(canary), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        pytest.fail(f"the Nu HTML Checker did not report in JSON (exit {result.returncode}):\n{result.stderr}")
    errors: dict[Path, list[str]] = {}
    for message in messages:
        if message["type"] == "error":
            file = Path(unquote(urlsplit(message.get("url", "")).path))
            errors.setdefault(file, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    checked = [Path(line) for line in result.stdout.splitlines() if line.strip()]
    return Report(canary, pages, checked, errors)


def test_the_checker_reports_the_canarys_mistake(report: Report) -> None:
    [error] = report.errors.get(report.canary, [])
    assert error.startswith("3: Attribute “autocomplete” is only allowed when the input type is “color”")


def test_the_checker_reads_every_built_page(report: Report) -> None:
    assert len(report.pages) >= 6
    assert sorted(report.checked) == sorted([report.canary, *report.pages])


def test_every_built_page_is_valid_html(report: Report, site) -> None:
    errors = {
        file.relative_to(site.folder).as_posix(): lines
        for file, lines in report.errors.items()
        if file != report.canary
    }
    assert errors == {}
