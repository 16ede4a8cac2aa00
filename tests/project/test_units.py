"""Small units, with inline inputs: dates, YAML line numbers, and GitHub's escaping rules."""

from __future__ import annotations

from datetime import date

from medmassage.checks.reporter import annotation, summary
from medmassage.model.problems import Problem
from medmassage.model.reviews import add_months
from medmassage.project import markers
from medmassage.project.frontmatter import parse_yaml, split


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(date(2026, 11, 27), 12) == date(2027, 11, 27)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 15), 3) == date(2028, 3, 15)


def test_yaml_values_know_their_file_lines() -> None:
    located = parse_yaml("x.yml", "a: 1\nlist:\n  - b: 2\n  - c: 3\n", first_line=10)
    assert located.line_of(("list", 1, "c")) == 13
    assert located.line_of(("list", 1, "missing")) == 13
    assert located.line_of(("nothing",)) == 10


def test_dates_stay_text_for_the_schema_to_read() -> None:
    assert parse_yaml("x.yml", "day: 2026-11-27\n").data == {"day": "2026-11-27"}


def test_body_starts_after_the_closing_fence() -> None:
    document = split("page.md", "---\ntitle: A\n---\n# Heading\n")
    assert document.meta.data == {"title": "A"}
    assert document.body == "# Heading\n"
    assert document.body_line == 4


def test_annotation_escapes_what_github_would_misread() -> None:
    problem = Problem("docs/a,b:c.md", 3, "50% of\nthis")
    assert annotation(problem) == "::error file=docs/a%2Cb%3Ac.md,line=3::50%25 of%0Athis"


def test_summary_lists_every_problem_in_a_table() -> None:
    problems = [Problem(f"docs/p{i}.md", i, "a | b") for i in range(12)]
    text = summary(problems)
    assert text.count("| `docs/p") == 12
    assert "| `docs/p11.md` | 11 | error: a \\| b |" in text


def test_markers_inside_fenced_code_are_left_alone() -> None:
    text = (
        "<!-- insert: a -->\n"
        "````md\n```\n<!-- insert: b -->\n```\n````\n"
        "~~~\n<!-- insert: c -->\n~~~~\n"
        "Text <!-- insert: d --> and more\n"
    )
    assert [(m.name, m.offset) for m in markers.markers(text)] == [("a", 0), ("d", 9)]
    assert markers.substitute(text, str.upper) == text.replace("<!-- insert: a -->", "A").replace(
        "<!-- insert: d -->", "D"
    )
