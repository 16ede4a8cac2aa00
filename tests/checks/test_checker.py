"""The checker: every rule runs on every page, and one mistake never hides another."""

from __future__ import annotations

from pathlib import Path

from support import check, edit, make_project


def test_a_page_with_an_unknown_field_still_has_its_references_and_links_checked(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    page = project / "docs" / "conditions" / "sciatica.md"
    edit(page, "review_every_months: 12\n", "review_every_months: 12\nseverity: high\n")
    edit(page, "techniques: [myofascial-release, deep-tissue]", "techniques: [myofascial-releese, deep-tissue]")
    edit(page, "The sciatic nerve runs", "See [the back pain page](back-pian.md). The sciatic nerve runs")

    result = check(project)

    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        "docs/conditions/sciatica.md:6: 'severity' is not a field this page can have. Remove it.",
        "docs/conditions/sciatica.md:11: 'myofascial-releese' in techniques is not an id in techniques/. "
        "Did you mean 'myofascial-release'?",
        "docs/conditions/sciatica.md:26: the link to 'back-pian.md' points to a page that does not exist. "
        "Did you mean 'back-pain.md'?",
    ]


def test_a_wrong_field_that_other_fields_name_leaves_no_knock_on_problems(tmp_path: Path) -> None:
    """A source list left out as wrong: the ids that warning signs cite from it are not reported as unknown."""
    project = make_project(tmp_path / "site")
    edit(project / "docs" / "conditions" / "sciatica.md", "    year: 2023\n", "    year: last year\n")

    result = check(project)

    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("docs/")] == [
        "docs/conditions/sciatica.md:15: the field 'year' in item 1 of 'sources' should be a whole number, "
        "written in digits."
    ]


def test_every_registered_rule_asks_only_for_what_a_check_knows() -> None:
    from medmassage.checks.checker import PAGE_RULES, RULES
    from medmassage.checks.rule import needs

    assert all(needs(rule) for rule in RULES)
    assert all(needs(rule, page=True) is not None for rule in PAGE_RULES.values())


def test_a_rule_that_asks_for_something_unknown_is_a_bug_found_at_once() -> None:
    import pytest

    from medmassage.checks.rule import needs

    def check_moods(content: object, weather: object) -> list[object]:
        return []

    with pytest.raises(TypeError, match=r"check_moods asks for \['weather'\]"):
        needs(check_moods)
