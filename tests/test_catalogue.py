"""MESSAGES.md cannot drift: its examples are the fixtures' output, and every problem the code makes has a fixture.

The fixtures under fixtures/invalid/ and fixtures/warning/ are the examples: each line of their
expected output appears in the catalogue, each example there is some fixture's output, and every
place in the package that makes a problem is reached by a fixture, so a new message cannot reach
an editor without a fixture, and so without an entry that says what to do.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_invalid_content import case_env

from medmassage.model.problems import Problem
from support import FIXTURES, ROOT, check, make_project

CATALOGUE = (ROOT / "MESSAGES.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "medmassage"
PROBLEM_LINE = re.compile(r"^\S+:\d+: ")
CASES = sorted(path for kind in ("invalid", "warning") for path in (FIXTURES / kind).iterdir() if path.is_dir())
NOT_FROM_FIXTURES = {
    ("site/approvals.py", ""): "the pull request's sign-off step, which reads the reviews on GitHub "
    "(tests/site/test_approvals.py)",
    ("site/build.py", "MkDocs cannot use this file"): "in the preview only, when MkDocs refuses a config that the "
    "check accepts (tests/project/test_messages.py)",
    (
        "checks/files.py",
        "not a plain file",
    ): "a device, pipe or socket, which git cannot hold (tests/checks/test_files.py)",
    ("project/frontmatter.py", "TOO_DEEP)"): "a safety net behind the nesting limit, which yaml-deep-nesting shows",
    ("site/generator_warnings.py", ""): "MkDocs' own warnings, placed at a line (tests/checks/test_links.py)",
    (
        "cli/linkcheck.py",
        "",
    ): "the weekly check of sources' addresses, which asks other sites (tests/cli/test_linkcheck.py)",
    (
        "project/config.py",
        "str(error)",
    ): "a maintainer's content_types.py that cannot be loaded (tests/model/test_kinds.py)",
    ("checks/markup.py", "TOO_DEEP_TO_RENDER"): "a safety net behind bounds.py's limits (tests/checks/test_bounds.py)",
}
"""Problems made where no fixture can reach: (module, a part of the call's source) and why."""


@dataclass(frozen=True)
class Entry:
    heading: str
    examples: list[str]
    text: str


def entries() -> list[Entry]:
    found = []
    for section in CATALOGUE.split("\n### ")[1:]:
        heading, _, text = section.partition("\n")
        blocks = re.findall(r"```text\n(.*?)```", text, re.DOTALL)
        found.append(Entry(heading, [line for block in blocks for line in block.splitlines()], text))
    return found


def fixture_output() -> dict[str, set[str]]:
    """Each line the fixtures expect, and the fixtures that expect it."""
    lines: dict[str, set[str]] = {}
    for case in CASES:
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
            lines.setdefault(line, set()).add(case.name)
    return lines


def test_every_fixture_message_is_in_the_catalogue() -> None:
    examples = {line for entry in entries() for line in entry.examples}
    assert sorted(set(fixture_output()) - examples) == []


def test_every_example_is_what_a_fixture_prints() -> None:
    output = fixture_output()
    stale = [line for entry in entries() for line in entry.examples if line not in output]
    assert stale == []


def test_every_entry_shows_an_example_says_what_to_do_and_names_its_fixtures() -> None:
    output = fixture_output()
    for entry in entries():
        assert entry.examples and all(PROBLEM_LINE.match(line) for line in entry.examples), entry.heading
        assert "**What to do:** " in entry.text, entry.heading
        named = set(re.findall(r"`([\w-]+)`", entry.text.split("```text")[0]))
        assert named == set().union(*(output[line] for line in entry.examples)), entry.heading


def problem_calls() -> dict[tuple[str, int], str]:
    """(module, line) of each `Problem(...)` call in the package, with the call's source."""
    calls = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Problem":
                segment = ast.get_source_segment(source, node)  # None only for a node without positions
                assert segment is not None, f"{path}:{node.lineno}"
                calls[path.relative_to(PACKAGE).as_posix(), node.lineno] = segment
    return calls


def excused(module: str, source: str) -> bool:
    return any(module == excused_module and part in source for excused_module, part in NOT_FROM_FIXTURES)


def test_every_problem_the_code_makes_is_reached_by_a_fixture(tmp_path: Path, monkeypatch) -> None:
    reached: set[tuple[str, int]] = set()
    made = Problem.__init__

    def noting_where(self, *args, **kwargs) -> None:
        caller = sys._getframe(1)
        called_from = Path(caller.f_code.co_filename)
        if PACKAGE in called_from.parents:
            reached.add((called_from.relative_to(PACKAGE).as_posix(), caller.f_lineno))
        made(self, *args, **kwargs)

    monkeypatch.setattr(Problem, "__init__", noting_where)
    for case in CASES:
        check(make_project(tmp_path / case.name, case), **case_env(case))
    calls = problem_calls()
    unreached = {
        f"medmassage/{module}:{line}: {source}"
        for (module, line), source in calls.items()
        if (module, line) not in reached and not excused(module, source)
    }
    assert sorted(unreached) == [], "add a fixture for each (and its example to MESSAGES.md)"


@pytest.mark.parametrize(("module", "part"), list(NOT_FROM_FIXTURES))
def test_each_excuse_still_names_a_problem_in_the_code(module: str, part: str) -> None:
    assert any(name == module and part in source for (name, _), source in problem_calls().items())
