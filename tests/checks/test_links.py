"""Links inside the site are checked before anything is built, on the anchors MkDocs itself would find.

The fixtures under fixtures/invalid/ show each message (broken-anchor, renamed-heading,
missing-asset, links-that-name-no-page); these show that the check's anchors are MkDocs' own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_invalid_content import problems

from medmassage.project.config import PythonTag, SiteConfig
from medmassage.rendering.anchors import Anchors, MarkdownOptions, Unresolvable, anchor_ids
from support import FIXTURES, build, check, edit, environment, make_project

RECORD_ANCHORS = """
import json
from pathlib import Path

found = {}


def on_page_content(html, page, config, files):
    found[page.file.src_uri] = sorted(page.present_anchor_ids)
    Path(config.config_file_path).with_name("anchors.json").write_text(json.dumps(found))
    return html
"""
SLUGIFY = (
    "  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n"
)
HEADINGS = """
## Café crème

## Café crème

Text with its own anchor.
{ #own-anchor }
"""


def with_headings(project: Path) -> None:
    """Headings whose anchors depend on the slugify function, a repeated heading, and an attribute list."""
    edit(project / "mkdocs.yml", "  - toc\n", SLUGIFY)
    edit(project / "docs/conditions/sciatica.md", "## What it is\n", HEADINGS + "\n## What it is\n")


def test_the_check_finds_the_anchors_mkdocs_finds(project: Path) -> None:
    """Every page's anchors, from the layout's headings to the comparison table's raw HTML, as MkDocs lists them."""
    from medmassage.checks.checker import check_project
    from medmassage.project.config import load_project

    with_headings(project)
    (project / "record_anchors.py").write_text(RECORD_ANCHORS, encoding="utf-8")
    edit(project / "mkdocs.yml", "  - hooks.py\n", "  - hooks.py\n  - record_anchors.py\n")
    assert build(project).returncode == 0
    found_by_mkdocs = json.loads((project / "anchors.json").read_text())

    with environment():  # the build's date: the anchors of the same pages on the same day
        loaded = load_project(project / "mkdocs.yml")
        result = check_project(loaded)
    assert result.renderer is not None
    anchors = Anchors(result.content, MarkdownOptions.from_config(loaded.site), result.renderer)
    known = {path: anchors.of(path) for path in found_by_mkdocs}  # None: the check cannot know them
    assert {path: None if ids is None else sorted(ids) for path, ids in known.items()} == found_by_mkdocs
    assert {"café-crème", "café-crème_1", "own-anchor", "techniques-therapists-use", "references"} <= set(
        found_by_mkdocs["conditions/sciatica.md"]
    )
    assert "comparison-caption" in found_by_mkdocs["comparison.md"]


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("conditions/sciatica.md#café-crème_1", None),
        ("conditions/sciatica.md#own-anchor", None),
        ("conditions/sciatica.md#references", None),
        (
            "conditions/sciatica.md#cafe-creme",
            "docs/index.md:8: the link to 'conditions/sciatica.md#cafe-creme' points "
            "to a heading that conditions/sciatica.md does not have. Did you mean 'conditions/sciatica.md#café-crème'?",
        ),
    ],
)
def test_a_link_to_a_heading_passes_the_check_exactly_when_it_passes_mkdocs(project: Path, link: str, problem) -> None:
    with_headings(project)
    edit(project / "docs/index.md", "(conditions/sciatica.md)", f"({link})")
    checked, built = check(project), build(project)
    if problem is None:
        assert (checked.returncode, built.returncode) == (0, 0), checked.stderr + built.stderr
    else:
        assert problem in checked.stderr.splitlines()
        assert problem in built.stderr.splitlines()


def test_python_values_in_the_config_are_read_as_mkdocs_reads_them() -> None:
    config = {
        "markdown_extensions": [
            "attr_list",
            {
                "toc": {
                    "slugify": PythonTag("object/apply:pymdownx.slugs.slugify", {"kwds": {"case": "lower"}}),
                    "permalink": True,
                }
            },
        ]
    }
    options = MarkdownOptions.from_config(SiteConfig.of(config))
    assert options.extensions == ("toc", "tables", "fenced_code", "attr_list")
    assert anchor_ids("## Ünïcode Heading\n", options) == {"ünïcode-heading"}


def test_a_python_value_that_cannot_be_imported_leaves_the_anchors_to_mkdocs(project: Path) -> None:
    edit(project / "mkdocs.yml", "  - toc\n", "  - toc:\n      slugify: !!python/name:no_such_module.slugify\n")
    edit(project / "docs/index.md", "(conditions/sciatica.md)", "(conditions/sciatica.md#no-such-heading)")
    with pytest.raises(Unresolvable):
        MarkdownOptions.from_config(
            SiteConfig(markdown_extensions=[{"toc": {"slugify": PythonTag("name:no_such_module.slugify", "")}}])
        )
    assert check(project).returncode == 0


def test_anchors_of_a_page_with_other_mistakes_are_still_found(project: Path) -> None:
    """A misspelt insert on the linked page is one problem; the link to its heading is checked all the same."""
    edit(
        project / "docs/comparison.md",
        "<!-- insert: comparison-table -->",
        "<!-- insert: comparison-tabel -->\n\n## Which to choose",
    )
    edit(project / "docs/index.md", "(comparison.md)", "(comparison.md#which-to-chose)")
    assert problems(check(project).stderr) == [
        "docs/comparison.md:8: 'comparison-tabel' is not a known insert. Did you mean 'comparison-table'?",
        "docs/index.md:8: the link to 'comparison.md#which-to-chose' points to a heading that comparison.md does "
        "not have. Did you mean 'comparison.md#which-to-choose'?",
    ]


def test_a_warning_only_mkdocs_finds_is_placed_at_its_file_and_annotated(tmp_path: Path) -> None:
    """A link a maintainer's layout adds is not the check's to find; MkDocs' warning still reads like the rest."""
    project = make_project(tmp_path / "project", FIXTURES / "kinds")
    edit(
        project / "templates/exercise.md.j2",
        "Repeat {{ page.repetitions }} times.",
        "Repeat {{ page.repetitions }} times. See the [stretching guide](../stretching.md).",
    )
    summary = tmp_path / "summary.md"

    result = build(project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))

    assert result.returncode == 1
    message = (
        "MkDocs says this page contains a link '../stretching.md', but the target 'stretching.md' is not "
        "found among documentation files. Fix it here; if it looks right, tell a maintainer, since the "
        "content check should have found it."
    )
    assert f"WARNING -  docs/exercises/cat-cow.md:1: {message}" in result.stderr.splitlines()
    assert f"::warning file=docs/exercises/cat-cow.md,line=1::{message}" in result.stderr.splitlines()
    assert f"| `docs/exercises/cat-cow.md` | 1 | warning: {message} |" in summary.read_text()


def test_a_generator_warning_is_placed_on_the_line_that_holds_the_link(tmp_path: Path) -> None:
    from medmassage.site.generator_warnings import Placement

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/page.md").write_text("---\ntitle: T\n---\n\nSee [the other](other.md#part).\n")
    placement = Placement(tmp_path, tmp_path / "docs", tmp_path / "mkdocs.yml")
    problem = placement.problem(
        "Doc file 'page.md' contains a link 'other.md#part', but the doc 'other.md' does not contain an anchor '#part'."
    )
    assert (problem.path, problem.line, problem.severity) == ("docs/page.md", 5, "warning")
    assert placement.problem("Something else entirely.").path == ""


def test_an_address_python_cannot_read_is_a_problem_not_a_traceback(project: Path) -> None:
    """Found by fuzzing: `urlsplit` raises on `https://]` ("Invalid IPv6 URL")."""
    body = "See [this](https://]x) and <https://]>.\n\n## What it is\n"
    edit(project / "docs/conditions/sciatica.md", "## What it is\n", body)

    result = check(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "https://]" in line] == [
        "docs/conditions/sciatica.md:23: the address 'https://]' is not a complete web address. "
        "Copy it again from the browser's address bar.",
        "docs/conditions/sciatica.md:23: the address 'https://]x' is not a complete web address. "
        "Copy it again from the browser's address bar.",
    ]
