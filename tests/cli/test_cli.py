"""The installed `medmassage` command: its version, options after the command, descriptions, `due` and `schema`."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

import medmassage
from medmassage.cli.main import build_parser
from support import ROOT, edit, make_project, real_site_today, tool, tool_env


def medmassage_command(*args: str, cwd: Path = ROOT, **env: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("medmassage"), *args], capture_output=True, text=True, env=tool_env(**env), cwd=cwd, timeout=120
    )


def test_the_installed_command_says_its_version():
    result = medmassage_command("--version")
    assert (result.returncode, result.stdout) == (0, f"medmassage {medmassage.__version__}\n")


def test_check_takes_the_config_after_the_command(tmp_path):
    project = make_project(tmp_path / "project")
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")

    result = medmassage_command("check", "--config", str(project / "mkdocs.yml"), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "docs/conditions/back-pain.md:4: the field 'last_reviewed' should be "
        "a date written as YYYY-MM-DD, for example 2026-11-27."
    )


def test_the_sites_own_check_and_review_list_run_from_the_installed_command():
    today = real_site_today()  # the real pages' own day, not the fixtures' day nor the calendar's
    checked = medmassage_command("check", "--config", "mkdocs.yml", SOURCE_DATE_EPOCH=today)
    due = medmassage_command("due", "--days", "60", SOURCE_DATE_EPOCH=today)

    *warnings, last = checked.stderr.splitlines()
    assert checked.returncode == 0, checked.stderr
    assert last.startswith("Content check passed")
    shipped = ("placeholder", "for the practice to fill in")  # the example practice's details and first visit
    assert all(": warning: " in line and any(words in line for words in shipped) for line in warnings), warnings
    assert due.returncode == 0, due.stderr
    assert " page(s) due for review by " in due.stderr


def test_the_exported_schema_is_current_and_a_stale_file_fails_the_check(tmp_path):
    assert medmassage_command("schema", "--check").returncode == 0

    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    edit(tmp_path / "schema/condition.schema.json", '"title": "Condition"', '"title": "Old condition"')
    result = medmassage_command("schema", "--check", "--output", str(tmp_path / "schema"))

    assert result.returncode == 1
    assert result.stderr == (
        f"{tmp_path}/schema/condition.schema.json: out of date with the page models. Run: medmassage schema\n"
    )
    assert '"Old condition"' in (tmp_path / "schema/condition.schema.json").read_text(encoding="utf-8")


@pytest.fixture
def overdue_project(tmp_path) -> Path:
    project = make_project(tmp_path / "project")
    edit(project / "docs/comparison.md", "next_review: 2027-06-01", "next_review: 2026-11-10")
    return project


def test_due_marks_an_overdue_page_and_exits_0(overdue_project):
    result = medmassage_command("due", "--days", "60", "--config", str(overdue_project / "mkdocs.yml"))

    assert result.returncode == 0
    assert "2026-11-10  overdue   docs/comparison.md  Medical or relaxation massage" in result.stdout.splitlines()
    assert result.stderr.splitlines()[-1].endswith("1 of them overdue.")


def test_due_fails_only_when_asked(overdue_project):
    result = medmassage_command("due", "--fail-if-due", "--config", str(overdue_project / "mkdocs.yml"))
    assert result.returncode == 1


def test_due_refuses_a_negative_number_of_days():
    result = medmassage_command("due", "--days", "-5")

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "medmassage due: error: argument --days: '-5' is not a number of days: give 0 or more, such as 60"
    )


def test_every_command_and_option_is_described_with_its_default():
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    undescribed = []
    for name, command in commands.choices.items():
        if not command.description:
            undescribed.append(name)
        text = command.format_help()
        for action in command._actions:
            if not action.help:
                undescribed.append(f"{name} {action.dest}")
            elif action.option_strings and action.default not in (None, argparse.SUPPRESS, False):
                if f"(default: {action.default})" not in " ".join(text.split()):
                    undescribed.append(f"{name} {action.dest} default")
    assert undescribed == []
