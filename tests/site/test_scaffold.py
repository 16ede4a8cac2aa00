"""`python -m medmassage new`: a page from its archetype, listed in the navigation, that builds."""

from __future__ import annotations

import difflib
import shutil
from datetime import date

import pytest
from bs4 import BeautifulSoup

from medmassage.site import scaffold
from medmassage.site.scaffold import ScaffoldError, add_to_nav, fill
from support import ROOT, build, check, edit, element, make_project, one, real_site_today

CONDITION_ARCHETYPE = """\
---
# The page title, in plain words.
title: New condition
summary: One plain sentence that says what this condition is and how massage may help with it.
draft: true   # delete this line when the page is finished
last_reviewed: 2020-01-01   # the date a person last checked the page
review_every_months: 12
id: new-condition
body_areas: [lower-back]
benefits: [pain-relief]
keywords: [new condition]
techniques: [myofascial-release]
sources:
  - id: nhs-back-pain   # a short name for the source
    title: Back pain
    publisher: NHS
    year: 2023
    url: https://www.nhs.uk/conditions/back-pain/
warning_signs:
  before_massage:
    items:
      - A warning sign that needs a doctor before massage
    sources: [nhs-back-pain]
---
## What it is

Explain the condition in two or three short sentences.
"""

SECTIONED_NAV = """\
nav:
  - index.md
  # Conditions, grouped by what brings people in
  - Conditions:
      - Pain:
          - conditions/sciatica.md # the most asked-about
      - conditions/back-pain.md
  - Techniques:
      - techniques/myofascial-release.md
      - techniques/deep-tissue.md
  - comparison.md
"""


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("nav:")] + SECTIONED_NAV, encoding="utf-8")
    (project / "archetypes").mkdir()
    (project / "archetypes/condition.md").write_text(CONDITION_ARCHETYPE, encoding="utf-8")
    return project


def new(project, *args):
    return check(project, "new", *args)


def added_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_a_new_condition_builds_and_is_linked_in_the_navigation(project):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")

    result = new(project, "condition", "frozen-shoulder", "--title", "Frozen shoulder")

    assert (result.returncode, result.stderr) == (
        0,
        (
            "Created docs/conditions/frozen-shoulder.md and listed it under 'Conditions' in mkdocs.yml. "
            "Fill in its fields and text, then run: python -m medmassage check\n"
        ),
    )
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert added_lines(before, after) == ["+      - conditions/frozen-shoulder.md"]
    assert after.index("conditions/back-pain.md") < after.index("frozen-shoulder") < after.index("- Techniques:")
    assert "overdue_reviews: !ENV [CONTENT_OVERDUE_REVIEWS, warn]" in after

    built = build(project)

    assert built.returncode == 0, built.stderr
    home = BeautifulSoup((project / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"]: a.get_text(strip=True) for a in home.select("nav.md-nav--primary a.md-nav__link[href]")}
    assert links["conditions/frozen-shoulder/"] == "Frozen shoulder"
    page = BeautifulSoup(
        (project / "site/conditions/frozen-shoulder/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert element(page.h1).get_text(strip=True) == "Frozen shoulder"
    banner = one(page, "article .admonition.draft")
    assert one(banner, ".admonition-title").get_text() == "Draft: not published"
    assert (
        "docs/conditions/frozen-shoulder.md:5: warning: this page is a draft (draft: true), so it cannot be "
        "published. When it is finished, delete the draft line."
    ) in built.stderr.splitlines()


def test_the_page_is_the_archetype_with_id_title_and_date_filled_in(project):
    new(project, "condition", "frozen-shoulder", "--title", "Frozen shoulder: stiff and sore")

    page = (project / "docs/conditions/frozen-shoulder.md").read_text(encoding="utf-8")

    assert added_lines(CONDITION_ARCHETYPE, page) == [
        "-title: New condition",
        "+title: 'Frozen shoulder: stiff and sore'",
        "-last_reviewed: 2020-01-01   # the date a person last checked the page",
        "+last_reviewed: 2026-11-18   # the date a person last checked the page",
        "-id: new-condition",
        "+id: frozen-shoulder",
    ]


def test_a_named_section_gets_the_page_after_its_last_entry(project):
    result = new(project, "condition", "tennis-elbow", "--title", "Tennis elbow", "--section", "Pain")

    assert result.returncode == 0, result.stderr
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8").split("nav:\n")[1]
    assert nav.splitlines()[4:7] == [
        "          - conditions/sciatica.md # the most asked-about",
        "          - conditions/tennis-elbow.md",
        "      - conditions/back-pain.md",
    ]


def test_a_page_the_nav_already_lists_is_made_without_listing_it_twice(project):
    config = project / "mkdocs.yml"
    edit(config, "- conditions/back-pain.md\n", "- conditions/back-pain.md\n      - conditions/frozen-shoulder.md\n")
    before = config.read_text(encoding="utf-8")

    result = new(project, "condition", "frozen-shoulder", "--title", "Frozen shoulder")

    assert result.stderr == (
        "Created docs/conditions/frozen-shoulder.md and found it already listed in mkdocs.yml. "
        "Fill in its fields and text, then run: python -m medmassage check\n"
    )
    assert config.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["condition", "Frozen_Shoulder", "--title", "Frozen shoulder"],
            "'Frozen_Shoulder' cannot be an id. Use lowercase letters, digits and single hyphens "
            "(at most 60 characters) "
            "such as 'frozen-shoulder'. The id is also the file name.",
        ),
        (
            ["condition", "sciatica", "--title", "Sciatica again"],
            "docs/conditions/sciatica.md already exists, and each page needs its own id. "
            "Edit that page, or choose another id.",
        ),
        (
            ["condition", "deep-tissue", "--title", "Deep tissue"],
            "docs/techniques/deep-tissue.md already exists, and each page needs its own id. "
            "Edit that page, or choose another id.",
        ),
        (
            ["condition", "golfers-elbow", "--title", "Golfer's elbow", "--section", "Elbows"],
            "the nav: of mkdocs.yml has no section called 'Elbows'. "
            "The sections are: 'Conditions', 'Pain', 'Techniques'. "
            'Name one with --section "…".',
        ),
        (
            ["technique", "cupping", "--title", "Cupping"],
            "archetypes/technique.md is missing: it is the template for a new technique page.",
        ),
        (["condition", "frozen-shoulder", "--title", "  "], 'the title is empty. Give one with --title "…".'),
    ],
)
def test_refusals_say_why_and_change_nothing(project, args, message):
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}

    result = new(project, *args)

    assert (result.returncode, result.stderr) == (1, f"Nothing was created: {message}\n")
    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before


def test_a_nav_written_without_indented_lists_gets_the_same_indent():
    config = "site_name: x\nnav:\n- Home: index.md\n- Techniques:\n  - techniques/a.md\n# the end\nextra: {}\n"

    assert add_to_nav(config, "Techniques", "techniques/b.md") == (
        "site_name: x\nnav:\n- Home: index.md\n- Techniques:\n  - techniques/a.md\n  - techniques/b.md\n"
        "# the end\nextra: {}\n"
    )


def test_a_quoted_section_name_is_found():
    config = "nav:\n  - 'Conditions': \n      - conditions/a.md\n"

    assert add_to_nav(config, "Conditions", "conditions/b.md").endswith("- conditions/a.md\n      - conditions/b.md\n")


def test_a_next_review_date_is_set_a_year_on():
    archetype = "---\ntitle: x\nid: x\nlast_reviewed: 2020-01-01\nnext_review: 2020-06-01\n---\nBody\n"

    page = fill(archetype, "knee-pain", "Knee pain", date(2026, 11, 27))

    assert page == (
        "---\ntitle: Knee pain\nid: knee-pain\nlast_reviewed: 2026-11-27\nnext_review: 2027-11-27\n---\nBody\n"
    )


def test_an_archetype_without_an_id_line_is_refused():
    with pytest.raises(ScaffoldError, match=r"^the archetype has no 'id:' line in its front matter\.$"):
        fill("---\ntitle: x\nlast_reviewed: 2020-01-01\n---\n", "a", "A", date(2026, 11, 27))


def test_an_edit_that_would_break_mkdocs_yml_is_put_back(project, monkeypatch):
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    monkeypatch.setattr(scaffold, "add_to_nav", lambda config, *args: config + "nav: [unclosed\n")

    with pytest.raises(
        ScaffoldError,
        match=r"^mkdocs\.yml could not be updated safely, so nothing was changed\. "
        r"Add the line '- conditions/x\.md' under 'Conditions'",
    ):
        scaffold.new_page(project / "mkdocs.yml", "condition", "x", "X")

    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before


def test_the_real_condition_archetype_makes_a_page_the_real_site_builds_with(tmp_path):
    project = tmp_path / "site"
    for folder in ("docs", "data", "archetypes", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "hooks.py").symlink_to(ROOT / "hooks.py")

    made = check(
        project,
        "new",
        "condition",
        "frozen-shoulder",
        "--title",
        "Frozen shoulder",
        "--section",
        "Posture and strain",
        SOURCE_DATE_EPOCH=real_site_today(),
    )
    built = build(project, SOURCE_DATE_EPOCH=real_site_today())

    assert made.returncode == 0, made.stderr
    assert built.returncode == 0, built.stderr
    sibling = project / "site/conditions/posture-correction/index.html"
    nav = BeautifulSoup(sibling.read_text(encoding="utf-8"), "html.parser").select("nav.md-nav--primary a[href]")
    assert {a["href"]: a.get_text(strip=True) for a in nav}["../frozen-shoulder/"] == "Frozen shoulder"


def test_a_new_page_previews_with_warnings_but_fails_the_publish_check(project):
    new(project, "condition", "frozen-shoulder", "--title", "Frozen shoulder")

    plain = check(project)
    published = check(project, "check", "--publish")

    page = "docs/conditions/frozen-shoulder.md"
    problems = [
        f"{page}:4: 'One plain sentence that says what this condition is and how …' is left from the page "
        "template. Replace it with this page's own words.",
        f"{page}:5: this page is a draft (draft: true), so it cannot be published. When it is finished, delete "
        "the draft line.",
        f"{page}:22: 'A warning sign that needs a doctor before massage' is left from the page template. "
        "Replace it with this page's own words.",
        f"{page}:27: 'Explain the condition in two or three short sentences.' is left from the page template. "
        "Replace it with this page's own words.",
    ]
    assert plain.returncode == 0
    assert [line for line in plain.stderr.splitlines() if line.startswith(page)] == [
        line.replace(": ", ": warning: ", 1) for line in problems
    ]
    assert published.returncode == 1
    assert published.stderr.splitlines()[:-1] == problems
