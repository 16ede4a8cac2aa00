"""What a pull request with a bad front matter field shows on GitHub: the check, with the workflow's environment."""

from __future__ import annotations

from support import check, edit

DATE_MESSAGE = "the field 'last_reviewed' should be a date written as YYYY-MM-DD, for example 2026-11-27."


def check_on_github(project, summary):
    return check(project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))


def test_a_bad_field_is_annotated_on_its_file_and_line_and_listed_in_the_summary(project, tmp_path):
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")
    summary = tmp_path / "summary.md"
    summary.write_text("## An earlier step\n", encoding="utf-8")

    result = check_on_github(project, summary)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"docs/conditions/back-pain.md:4: {DATE_MESSAGE}",
        f"::error file=docs/conditions/back-pain.md,line=4::{DATE_MESSAGE}",
        "The content check found 1 problem(s). Nothing was published.",
    ]
    assert summary.read_text(encoding="utf-8") == (
        "## An earlier step\n"
        "## Content check: 1 error(s), 0 warning(s)\n"
        "\n"
        "| File | Line | Problem |\n"
        "| --- | --- | --- |\n"
        f"| `docs/conditions/back-pain.md` | 4 | error: {DATE_MESSAGE} |\n"
    )


def test_the_summary_lists_every_problem_beyond_the_ten_annotations_github_shows(project, tmp_path):
    extra_fields = "".join(f"colour{n}: blue\n" for n in range(12))
    edit(project / "docs/index.md", "review_every_months: 12\n", "review_every_months: 12\n" + extra_fields)
    summary = tmp_path / "summary.md"

    result = check_on_github(project, summary)

    annotations = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    assert len(annotations) == len(rows) == 12
    assert rows[0] == "| `docs/index.md` | 6 | error: 'colour0' is not a field this page can have. Remove it. |"
    assert rows[-1] == "| `docs/index.md` | 17 | error: 'colour11' is not a field this page can have. Remove it. |"


def test_without_github_actions_the_check_prints_plain_lines_and_writes_no_summary(project, tmp_path):
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")
    summary = tmp_path / "summary.md"

    result = check(project, GITHUB_STEP_SUMMARY=str(summary))

    assert result.stderr.splitlines()[0] == f"docs/conditions/back-pain.md:4: {DATE_MESSAGE}"
    assert "::error" not in result.stderr
    assert not summary.exists()
