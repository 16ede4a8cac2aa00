"""Messages that lead to the fix: YAML out of line, values YAML reads as something else, dates that do not exist.

The fixtures under fixtures/invalid/ show each message on a whole project; these show the
cases beside them on a few lines of YAML.
"""

from __future__ import annotations

import io

import pytest

from medmassage.model.problems import FileProblems
from medmassage.model.schema import FrontMatter
from medmassage.project.frontmatter import parse_yaml
from medmassage.project.validation import validate


def yaml_problems(text: str) -> list[str]:
    with pytest.raises(FileProblems) as failed:
        parse_yaml("page.md", text)
    return [str(problem) for problem in failed.value.problems]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "sources:\n  - id: a\n    title: T\n   publisher: P\n",
            "page.md:4: 'publisher:' is indented 1 space fewer than 'title:' on line 3, so it lines up with no field "
            "above it. Line it up with the field it belongs with.",
        ),
        (
            "title: A\n  summary: B\n",
            "page.md:2: 'summary:' is indented 2 spaces more than 'title:' on line 1. Line it up with 'title:'.",
        ),
        (
            "keywords:\n  - a\n    - b\n",
            "page.md:3: this list item is indented 2 spaces more than the item on line 2 ('- a'), "
            "so YAML reads both as "
            "one value, 'a - b'. Line up its dash (-) with that one.",
        ),
        (
            "sources:\n  - id: a\n    title: T\n - id: b\n",
            "page.md:4: this list item is indented 1 space fewer than the item on line 2 ('- id: a'). Line up its dash "
            "(-) with that one.",
        ),
    ],
)
def test_a_line_out_of_line_is_named_with_how_far(text: str, message: str) -> None:
    assert yaml_problems(text) == [message]


def test_a_colon_in_a_value_still_gets_the_advice_to_quote_it() -> None:
    assert yaml_problems("title: A\nsummary: Sciatica: a guide\n") == [
        "page.md:2: this line is not valid YAML: a value contains a colon (:). Put the whole value in quotes."
    ]


def test_wrapped_text_is_not_mistaken_for_a_list_item() -> None:
    assert parse_yaml("page.md", "summary: Pain that runs\n  down the leg - often\n").data == {
        "summary": "Pain that runs down the leg - often"
    }


def front_matter_problems(text: str) -> list[str]:
    """The problems of the fields this text gives (it leaves out the others a page needs)."""
    with pytest.raises(FileProblems) as failed:
        validate(FrontMatter, parse_yaml("page.md", text), "page.md")
    return [str(problem) for problem in failed.value.problems if "is missing. Add it" not in problem.message]


PAGE = "title: T\nsummary: {summary}\nlast_reviewed: {reviewed}\nreview_every_months: 12\n"
SUMMARY = "A summary long enough for the check, in one plain sentence."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2027-02-29", "is 2027-02-29, a day that does not exist: February 2027 has 28 days. Check the date."),
        ("2026-04-31", "is 2026-04-31, a day that does not exist: April 2026 has 30 days. Check the date."),
        ("2026-00-10", "is 2026-00-10, but there is no month 00. Write the month as 01 to 12, in YYYY-MM-DD order."),
        ("27/11/2026", "should be a date written as YYYY-MM-DD, for example 2026-11-27."),
    ],
)
def test_a_date_that_does_not_exist_says_why(value: str, message: str) -> None:
    problems = front_matter_problems(PAGE.format(summary=SUMMARY, reviewed=value))
    assert problems == [f"page.md:3: the field 'last_reviewed' {message}"]


@pytest.mark.parametrize(
    ("written", "reads"), [("no", "true or false"), ("On", "true or false"), ("1984", "a number"), ("3.5", "a number")]
)
def test_a_word_yaml_reads_as_something_else_gets_quotes(written: str, reads: str) -> None:
    problems = front_matter_problems(
        f"title: {written}\n" + PAGE.split("\n", 1)[1].format(summary=SUMMARY, reviewed="2026-11-01")
    )
    assert problems == [
        f"page.md:1: the field 'title' should be text, but YAML reads {written}, written without "
        f'quotes, as {reads}. Put it in quotes: "{written}".'
    ]


def test_a_blank_value_is_called_empty() -> None:
    assert front_matter_problems(PAGE.replace("title: T", "title:").format(summary=SUMMARY, reviewed="2026-11-01")) == [
        "page.md:1: the field 'title' is empty. Write its value after the colon."
    ]


def test_a_page_with_no_review_schedule_is_told_to_add_one() -> None:
    text = PAGE.replace("review_every_months: 12\n", "").format(summary=SUMMARY, reviewed="2026-11-01")
    assert front_matter_problems(text) == [
        "page.md:1: the field 'review_every_months': the page has no review schedule. Add review_every_months "
        "(a number of months) or next_review (a date)."
    ]


def test_a_config_mkdocs_refuses_for_a_reason_of_its_own_is_shown_in_the_preview(project) -> None:
    """The preview rebuilds with the last config MkDocs could read; a refusal the check cannot explain is listed."""
    from medmassage.project.config import load_project
    from medmassage.site.build import Build
    from support import environment

    with environment():
        preview = Build.start(
            load_project(project / "mkdocs.yml"), io.StringIO(), refused="Aborted with 1 configuration errors!"
        )
    assert [str(problem) for problem in preview.result.errors] == [
        "mkdocs.yml:1: MkDocs cannot use this file: Aborted with 1 configuration errors. Undo your last change to "
        "it, or fix what MkDocs names in the terminal."
    ]
