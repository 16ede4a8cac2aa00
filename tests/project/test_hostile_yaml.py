"""Hostile YAML in front matter or a data file gets one plain message at its line, and nothing is built from it."""

from __future__ import annotations

import pytest

from medmassage.model.problems import FileProblems
from medmassage.model.registry import SITE
from medmassage.project.content import load_data
from medmassage.project.frontmatter import MAX_DEPTH, MAX_FRONT_MATTER, split

ANCHOR = "this line has a YAML anchor or alias"
TAG = "this line has a YAML tag"
DEEP = f"the fields and lists here are nested more than {MAX_DEPTH} levels deep"


def billion_laughs(levels: int = 12) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("front_matter", "line", "start"),
    [
        ("title: x\n" + billion_laughs(), 3, ANCHOR),
        ("title: x\nother: *undefined\n", 3, ANCHOR),
        ("base: &b {a: 1}\nmerged:\n  <<: *b\n", 2, ANCHOR),
        ("title: !!python/object/apply:os.system [echo hacked]\n", 2, TAG),
        ("keywords: !!set {a, b}\n", 2, TAG),
        ("title: !custom x\n", 2, TAG),
        ("title: !!binary aGk=\n", 2, TAG),
        ("keywords: " + "[" * 20 + "]" * 20 + "\n", 2, DEEP),
        ("keywords: " + "[" * 5000 + "]" * 5000 + "\n", 2, DEEP),
        ("".join("  " * i + f"k{i}:\n" for i in range(12)), 10, DEEP),
        ("title: " + "x" * MAX_FRONT_MATTER + "\n", 2, f"the front matter is {MAX_FRONT_MATTER + 8:,} characters long"),
        ("title: *important* note\n", 2, "this line is not valid YAML: a value starts with '*' or '&'"),
    ],
)
def test_hostile_front_matter_is_refused_at_its_line(front_matter: str, line: int, start: str) -> None:
    with pytest.raises(FileProblems) as refused:
        split("docs/p.md", f"---\n{front_matter}---\nbody\n")
    [found] = refused.value.problems
    assert (found.line, found.message[: len(start)]) == (line, start)


def test_nesting_a_page_needs_is_accepted() -> None:
    sources = "sources:\n  - id: a\n    title: t\n    authors: [[a, b]]\n"
    assert split("docs/p.md", f"---\n{sources}---\n").meta.data["sources"][0]["authors"] == [["a", "b"]]


def test_a_hostile_data_file_is_refused_at_its_line() -> None:
    text = "- id: pain-relief\n  name: &name Pain relief\n  description: *name\n"
    benefits = SITE.data_file("benefits")
    assert benefits is not None
    with pytest.raises(FileProblems) as refused:
        load_data(benefits, text.encode())
    found = refused.value.problems
    assert [(p.path, p.line, p.message[: len(ANCHOR)]) for p in found] == [("data/benefits.yml", 2, ANCHOR)]
