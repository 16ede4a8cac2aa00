"""Bounds and the time budget: what would crash or stall Python-Markdown is refused at its line, in time, everywhere.

The fixtures under fixtures/invalid/ (body-*, number-too-long*, page-over-time-budget) show each
refusal in the check and the strict build (test_invalid_content.py); here the same refusals in the
preview, the limits at their edges, the budget's interruption, and generated hostile bodies run
through the check and, when it accepts them, the real build: never a traceback.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import markdown
import pytest
from adversarial import adversarial_body
from hypothesis import HealthCheck, given, settings
from strategies import TARGET, TARGET_TEXT

from medmassage.checks import bounds, budget
from medmassage.checks.markup import TOO_DEEP_TO_RENDER, check_body
from medmassage.model.problems import Problem
from medmassage.model.registry import PAGES, SITE
from medmassage.project.content import Content, Entry
from medmassage.project.frontmatter import Document, Located
from medmassage.rendering import body_markup
from support import FIXTURES, body_only_record, build, check, make_project, preview_text

CASES = [
    "body-line-too-long",
    "body-list-too-deep",
    "body-quote-too-deep",
    "body-emphasis-too-deep",
    "body-brackets-unclosed",
    "body-paragraph-too-long",
    "body-many-code-fences",
    "number-too-long",
    "number-too-long-in-data",
    "page-over-time-budget",
]


def entry_of(body: str) -> Entry:
    return Entry(TARGET, PAGES, Document(TARGET, Located({}), body, 1, body), body_only_record())


def messages(body: str) -> list[str]:
    return [problem.message for problem in bounds.check_page(entry_of(body))]


@pytest.mark.parametrize(
    ("at_limit", "past_limit"),
    [
        ("x" * bounds.MAX_LINE, "x" * (bounds.MAX_LINE + 1)),
        (
            "".join("    " * level + "- item\n" for level in range(bounds.MAX_LIST_DEPTH)),
            "".join("    " * level + "- item\n" for level in range(bounds.MAX_LIST_DEPTH + 1)),
        ),
        ("> " * bounds.MAX_QUOTE_DEPTH + "x", "> " * (bounds.MAX_QUOTE_DEPTH + 1) + "x"),
        ("*a " * bounds.MAX_EMPHASIS_DEPTH, "*a " * (bounds.MAX_EMPHASIS_DEPTH + 1)),
        ("[" * bounds.MAX_BRACKET_DEPTH, "(" * (bounds.MAX_BRACKET_DEPTH + 1)),
        ("a\n" * bounds.MAX_PARAGRAPH_LINES, "a\n" * (bounds.MAX_PARAGRAPH_LINES + 1)),
        ("```\n" * bounds.MAX_FENCE_LINES, "~~~\n" * (bounds.MAX_FENCE_LINES + 1)),
    ],
    ids=["line", "list", "quote", "emphasis", "brackets", "paragraph", "fences"],
)
def test_each_limit_allows_its_value_and_refuses_one_more(at_limit: str, past_limit: str) -> None:
    assert messages(at_limit) == []
    assert len(messages(past_limit)) == 1


def test_closed_emphasis_brackets_and_blank_lines_reset_the_counts() -> None:
    paragraph = "**bold** and *italic* and snake_case_name (see [a](b.md))\n" * 40
    assert messages(paragraph) == []
    assert messages(("(" * 10 + "\n\n") * 10) == []


def test_every_page_of_the_valid_fixtures_is_within_bounds() -> None:
    for page in (FIXTURES / "valid").rglob("docs/**/*.md"):
        body = page.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        assert messages(body) == [], page


def test_the_deadline_stops_a_runaway_regular_expression_and_reports_the_page() -> None:
    content = Content(SITE)
    content.pages[TARGET] = entry_of("a" * 40 + "!")
    started = time.perf_counter()

    def runaway(entry: Entry) -> list[Problem]:
        re.match(r"(a|aa)+$", entry.document.body)  # exponential on a run of a's that ends in something else
        return []

    found, slow = budget.check_pages(content, 0.2, runaway)
    assert time.perf_counter() - started < 5
    assert slow == {TARGET} and TARGET in content.unparsed and TARGET not in content.pages
    assert [problem.line for problem in found] == [1] and "0.2 s" in found[0].message


def slow_page(entry: Entry) -> list[Problem]:
    time.sleep(0.2)
    return []


def test_a_page_both_past_a_bound_and_over_its_budget_is_set_aside_once() -> None:
    content = Content(SITE)
    content.pages[TARGET] = entry_of("text")
    budget.check_pages(content, 0.05, slow_page)
    budget.set_aside(content, {TARGET})
    assert content.unparsed == {TARGET} and content.pages == {}


def test_outside_the_main_thread_a_slow_page_is_still_reported_once_it_ends() -> None:
    content = Content(SITE)
    content.pages[TARGET] = entry_of("text")
    results: list = []
    worker = threading.Thread(target=lambda: results.append(budget.check_pages(content, 0.05, slow_page)))
    worker.start()
    worker.join()
    assert results[0][1] == {TARGET}


def test_a_page_within_its_budget_keeps_its_problems_and_leaves_no_timer() -> None:
    content = Content(SITE)
    content.pages[TARGET] = entry_of("text")
    problem = Problem(TARGET, 1, "a problem")
    found, slow = budget.check_pages(content, 5, lambda entry: [problem])
    assert (found, slow) == ([problem], set())
    assert budget.signal.getitimer(budget.signal.ITIMER_REAL)[0] == 0


def test_a_page_python_markdown_cannot_render_is_a_problem_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def recursing(self: object, text: str) -> str:
        raise RecursionError

    monkeypatch.setattr(markdown.Markdown, "convert", recursing)
    entry = entry_of("a body no other test has parsed, so no cached parse answers")
    found = list(check_body(entry))
    assert [problem.message for problem in found] == [TOO_DEEP_TO_RENDER]
    assert body_markup.link_targets(entry.document.body) == ()


@pytest.mark.parametrize("case", CASES)
def test_the_preview_shows_the_same_refusal(case: str, tmp_path: Path) -> None:
    shown = preview_text(make_project(tmp_path / "project", FIXTURES / "invalid" / case))
    for line in (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line.split(": ", 1)[1] in shown


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(body=adversarial_body)
def test_the_check_answers_every_hostile_body_and_the_build_renders_what_it_accepts(
    body: str, tmp_path_factory
) -> None:
    project = make_project(tmp_path_factory.mktemp("fuzz") / "project")
    front = TARGET_TEXT.split("\n---\n", 1)[0]
    (project / "docs" / TARGET).write_text(f"{front}\n---\n{body}\n", encoding="utf-8")
    checked = check(project)
    assert "Traceback" not in checked.stderr
    if checked.returncode == 0:
        built = build(project)
        assert "Traceback" not in built.stderr and built.returncode == 0, built.stderr[-2000:]
