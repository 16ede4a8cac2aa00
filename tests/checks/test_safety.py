"""Safe guidance and honest pages, read back from real builds of the fixture site.

Warning signs are grouped most urgent first under headings that name the configured number;
a page says whether a clinician reviewed it and whether its review is overdue; drafts and
placeholders warn in a preview and fail in publish mode (drafts also in a pull request's check);
the reading level is measured.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from support import FIXTURES, ROOT, build, check, edit, element, make_project, one, real_site_today

LEVELS = """warning_signs:
  emergency:
    items: [Numbness around your genitals or your bottom]
    sources: [nhs-sciatica]
  urgent:
    items: [Back pain with a high temperature]
    sources: [nhs-sciatica]
  before_massage:"""
ABROAD = """  emergency:
    number: "112"
    department: the emergency department
    same_day: call your family doctor's practice for a same-day appointment
"""
PUBLISH_CASES = ["draft-in-publish-mode", "archetype-sentence-in-publish-mode", "placeholder-practice-in-publish-mode"]


def article(site: Path, page: str) -> Tag:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return element(BeautifulSoup(html, "html.parser").find("article"))


def add_page(project: Path, name: str, title: str, insert: str) -> None:
    """A plain page that shows one insert, listed in the navigation."""
    (project / f"docs/{name}.md").write_text(
        f"---\ntitle: {title}\nsummary: A page of the fixture site that shows one generated part, for a test.\n"
        f"last_reviewed: 2026-11-01\nreview_every_months: 12\n---\n\n<!-- insert: {insert} -->\n",
        encoding="utf-8",
    )
    edit(project / "mkdocs.yml", "  - comparison.md\n", f"  - comparison.md\n  - {name}.md\n")


def levels(page: Tag) -> list[tuple[str, str, list[str]]]:
    """(class, heading, signs) of each warning-sign callout, in page order."""
    return [
        (box["class"][-1], element(box.find("h3")).get_text(strip=True), [li.get_text() for li in box.find_all("li")])
        for box in page.select(".admonition.warning-signs")
    ]


@pytest.fixture
def leveled(tmp_path: Path) -> Path:
    """The fixture site with the sciatica page's signs at all three levels."""
    project = make_project(tmp_path / "project")
    edit(project / "docs/conditions/sciatica.md", "warning_signs:\n  before_massage:", LEVELS)
    return project


def test_emergency_signs_come_first_under_a_heading_that_names_the_number(leveled: Path) -> None:
    assert build(leveled).returncode == 0
    page = article(leveled / "site", "conditions/sciatica")
    assert levels(page) == [
        ("emergency", "Emergency: call 999 or go to A&E now", ["Numbness around your genitals or your bottom"]),
        ("urgent", "Urgent: get medical help today", ["Back pain with a high temperature"]),
        ("before-massage", "See a doctor before you have massage", ["Sciatica in both legs"]),
    ]
    lead = one(page, ".warning-signs.urgent p").get_text()
    assert lead == (
        "If you have any of these, get help the same day: ask your GP practice for an urgent appointment, or call 111."
    )
    headings = [h.get_text(strip=True) for h in page.find_all(["h2", "h3"])]
    assert (
        headings.index("When to get help")
        < headings.index("Emergency: call 999 or go to A&E now")
        < headings.index("What it is")
    )


def test_the_number_and_services_are_set_once_in_the_config_for_every_page(leveled: Path) -> None:
    edit(leveled / "mkdocs.yml", "  content_checks:\n", ABROAD + "  content_checks:\n")
    assert build(leveled).returncode == 0
    site = leveled / "site"
    assert levels(article(site, "conditions/sciatica"))[0][1] == (
        "Emergency: call 112 or go to the emergency department now"
    )
    assert levels(article(site, "conditions/back-pain"))[0][1] == "See a doctor before you have massage"
    urgent = one(article(site, "conditions/sciatica"), ".warning-signs.urgent p").get_text()
    assert urgent.endswith("call your family doctor's practice for a same-day appointment.")
    assert "999" not in (site / "conditions/sciatica/index.html").read_text(encoding="utf-8")


def test_an_emergency_number_must_be_digits(leveled: Path) -> None:
    edit(leveled / "mkdocs.yml", "  content_checks:\n", '  emergency:\n    number: "9 1 1"\n  content_checks:\n')
    result = check(leveled)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "mkdocs.yml:33: the field 'number' in 'emergency': write the number with digits only, such as 999, 911 or 112."
    )


def test_a_page_says_near_the_top_that_no_clinician_has_reviewed_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert build(project).returncode == 0
    page = article(project / "site", "conditions/sciatica")
    status = one(page, "p.page-status")
    assert status.get_text() == (
        "Not yet reviewed by a clinician. The practice's editors wrote this page from the sources listed at the end."
    )
    assert status.find_previous_sibling("h1") is not None


def test_readers_of_an_overdue_page_see_that_its_review_is_overdue(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = build(project, SOURCE_DATE_EPOCH="1830000000")  # 2027-12-28: every fixture page is overdue
    assert result.returncode == 0, result.stderr
    page = article(project / "site", "conditions/sciatica")
    assert (
        one(page, "p.page-status")
        .get_text()
        .endswith(
            "Its next check was due on 1 November 2027 and is overdue, so check anything important with your doctor."
        )
    )
    assert "Review overdue since: 1 November 2027" in one(page, "p.page-review").get_text()


@pytest.mark.parametrize("case", PUBLISH_CASES)
def test_without_publish_mode_each_problem_is_a_warning_and_the_site_builds(case: str, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "invalid" / case)
    expected = [
        line.replace(": ", ": warning: ", 1)
        for line in (FIXTURES / "invalid" / case / "expected.txt").read_text().splitlines()
    ]
    checked = check(project)
    built = build(project)
    assert checked.returncode == 0 and built.returncode == 0, built.stderr
    assert [line for line in checked.stderr.splitlines() if ": warning: " in line] == expected
    published = check(project, "check", "--publish")
    assert published.returncode == 1
    assert published.stderr.splitlines()[:-1] == (FIXTURES / "invalid" / case / "expected.txt").read_text().splitlines()


@pytest.mark.parametrize("case", ["draft-in-publish-mode", "archetype-sentence-in-publish-mode"])
def test_a_pull_request_cannot_merge_an_unfinished_page(case: str, tmp_path: Path) -> None:
    """Merged, a draft would stop every deploy, urgent fixes included, until someone finished it."""
    project = make_project(tmp_path / "project", FIXTURES / "invalid" / case)
    merging = check(project, "check", "--merge")
    assert merging.returncode == 1
    assert merging.stderr.splitlines()[:-1] == (FIXTURES / "invalid" / case / "expected.txt").read_text().splitlines()


def test_a_pull_request_may_keep_the_placeholder_practice_which_the_deploy_refuses(tmp_path: Path) -> None:
    case = FIXTURES / "invalid" / "placeholder-practice-in-publish-mode"
    merging = check(make_project(tmp_path / "project", case), "check", "--merge")
    assert merging.returncode == 0, merging.stderr
    assert [line for line in merging.stderr.splitlines() if ": warning: " in line] == [
        line.replace(": ", ": warning: ", 1) for line in (case / "expected.txt").read_text().splitlines()
    ]


def test_a_hard_page_gets_one_reading_level_warning_at_its_hardest_paragraph(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    hard = (
        "Comprehensive multidisciplinary rehabilitation programmes frequently incorporate individualised "
        "progressive resistance, proprioceptive retraining and neurophysiological desensitisation. "
    )
    easy = "Keep moving. Walk a little each day. Rest when you need to, then get up and move again. "
    edit(
        project / "docs/conditions/sciatica.md",
        "The sciatic nerve runs from the lower back down each leg.",
        f"The sciatic nerve runs from the lower back down each leg.\n\n{easy * 3}\n\n{hard * 2}",
    )
    result = check(project)
    assert result.returncode == 0
    [warning] = [line for line in result.stderr.splitlines() if "reads at grade" in line]
    assert warning.startswith("docs/conditions/sciatica.md:29: warning: this page reads at grade ")
    assert "aim for 8 or below" in warning


def test_every_technique_fills_the_comparison_row_that_asks_for_them(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    edit(
        project / "data/comparison.yml",
        'medical: "[[deep-tissue]] and [[myofascial-release|myofascial work]]"',
        "medical_from: techniques",
    )
    assert build(project).returncode == 0
    row = element(element(article(project / "site", "comparison").find("tbody")).find("tr"))
    assert element(row.find("td")).get_text() == "Deep tissue and Myofascial release"
    assert [a["href"] for a in element(row.find("td")).find_all("a")] == [
        "../techniques/deep-tissue/",
        "../techniques/myofascial-release/",
    ]


def test_a_comparison_row_needs_text_or_a_collection_not_both(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    edit(
        project / "data/comparison.yml",
        "    relaxation: Swedish massage",
        "    medical_from: techniques\n    relaxation: Swedish massage",
    )
    result = check(project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "data/comparison.yml:6: item 1 in 'rows': give either medical (the "
        "text) or medical_from (techniques), not both or neither."
    )


def test_body_areas_run_in_their_data_order_with_conditions_before_techniques(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    add_page(project, "body-areas", "Browse by body area", "body-areas-list")
    assert build(project).returncode == 0
    page = article(project / "site", "body-areas")
    assert [h.get_text(strip=True) for h in page.find_all("h2")] == ["Lower back", "Legs"]
    lower_back = element(page.find("h2", id="lower-back"))
    paragraphs = [p.get_text() for p in element(lower_back.find_next_sibling("div")).find_all("p", limit=2)]
    assert paragraphs == ["Conditions: Back pain, Sciatica", "Techniques: Deep tissue, Myofascial release"]


def test_the_matrix_says_listed_or_not_listed_never_not_used(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    add_page(project, "matrix", "At a glance", "condition-technique-matrix")
    assert build(project).returncode == 0
    cells = {span.get_text() for span in article(project / "site", "matrix").select("td .visually-hidden")}
    assert cells == {"Listed, the practice's own approach", "Not listed"}


def test_the_matrix_tells_a_researched_technique_from_the_practices_own_approach(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    add_page(project, "matrix", "At a glance", "condition-technique-matrix")
    back_pain = project / "docs" / "conditions" / "back-pain.md"
    edit(back_pain, "techniques: [myofascial-release]", "techniques:\n  - {id: myofascial-release, sources: [review]}")
    edit(
        back_pain,
        "sources:\n",
        "sources:\n  - {id: review, title: A review, publisher: A journal, year: 2020, "
        "doi: 10.1000/review, about_massage: true}\n",
    )
    assert build(project).returncode == 0
    rows = {
        element(row.th).get_text(strip=True): [span.get_text() for span in row.select("td .visually-hidden")]
        for row in article(project / "site", "matrix").select("tbody tr")
    }
    assert rows["Back pain"][1] == "Listed, tested in research"
    assert "Listed, tested in research" not in rows["Sciatica"]


def test_due_writes_the_weekly_issue_in_markdown(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = check(project, "due", "--days", "400", "--format", "markdown", SOURCE_DATE_EPOCH="1812000000")
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0].startswith("These pages are due for review by 2028-07-07, soonest first.")
    assert lines[2] == "- 2027-06-01 (overdue): Medical or relaxation massage, `docs/comparison.md`"
    assert "- 2027-11-01: Back pain, `docs/conditions/back-pain.md`" in lines


def test_on_the_real_site_one_config_change_moves_every_emergency_heading(tmp_path: Path) -> None:
    project = tmp_path / "site"
    for folder in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace(
            '    number: "999"\n    department: A&E\n', '    number: "112"\n    department: the emergency unit\n'
        ),
        encoding="utf-8",
    )
    (project / "hooks.py").symlink_to(ROOT / "hooks.py")
    assert build(project, SOURCE_DATE_EPOCH=real_site_today()).returncode == 0
    headings = {}
    for page in sorted((project / "site" / "conditions").glob("*/index.html")):
        first = one(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"), "article .warning-signs h3")
        headings[page.parent.name] = first.get_text(strip=True).removesuffix("¶")
    emergency = {name for name, heading in headings.items() if heading.startswith("Emergency")}
    assert len(emergency) >= 5
    assert {headings[name] for name in emergency} == {"Emergency: call 112 or go to the emergency unit now"}
