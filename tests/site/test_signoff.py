"""Clinical sign-off that stays true: real builds of a fixture site with a fixture register of clinicians.

A page signed with `medmassage sign` names its reviewer near its title and in its JSON-LD while
its words are the ones signed; a change to what it tells readers withdraws the claim, in plain
words, and never fails the check or the build.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import FIXTURES, attr, build, check, edit, make_project, one, string

REGISTER = FIXTURES / "signoff"
SCIATICA = "docs/conditions/sciatica.md"
DEEP_TISSUE = "docs/techniques/deep-tissue.md"
TODAY = "2026-11-18"  # support.TOOL_ENV fixes the project's date
REVIEWED = "Reviewed by Alex Lee, Registered Physiotherapist (HCPC PH123456), on 18 November 2026."
CHANGED = "This page has changed since Alex Lee reviewed it on 18 November 2026; the changes are not yet reviewed."


def signed_project(tmp_path: Path, *pages: str) -> Path:
    project = make_project(tmp_path / "project", REGISTER)
    result = check(project, "sign", *(str(project / page) for page in pages), "--by", "alex-lee")
    assert result.returncode == 0, result.stderr
    return project


def built(project: Path, page: str) -> BeautifulSoup:
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = project / "site" / page.removeprefix("docs/").removesuffix(".md") / "index.html"
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def status(page: BeautifulSoup) -> str:
    return " ".join(one(page, ".page-status").get_text().split())


def web_page(page: BeautifulSoup) -> dict:
    [graph] = [json.loads(string(s)) for s in page.select('script[type="application/ld+json"]')]
    return next(node for node in graph["@graph"] if node["@type"] == "MedicalWebPage")


def test_sign_writes_one_line_and_keeps_the_rest_of_the_file(tmp_path):
    project = make_project(tmp_path / "project", REGISTER)
    page = project / SCIATICA
    edit(page, "review_every_months: 12\n", "review_every_months: 12  # yearly\n# A comment the editors keep\n")
    before = page.read_text(encoding="utf-8").splitlines()

    result = check(project, "sign", str(page), "--by", "alex-lee")

    assert result.returncode == 0, result.stderr
    after = page.read_text(encoding="utf-8").splitlines()
    assert after[:4] == before[:4] and after[5:] == before[4:]
    assert after[4].startswith(f"clinical_review: {{by: alex-lee, date: {TODAY}, fingerprint: sha256:")
    assert len(after[4].split("sha256:")[1].rstrip("}")) == 64


def test_sign_replaces_a_review_block_and_refuses_an_unknown_clinician(tmp_path):
    project = signed_project(tmp_path, SCIATICA)
    page = project / SCIATICA
    record = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("clinical_review"))
    by, day, print_ = (
        part.split(": ")[1] for part in record.removeprefix("clinical_review: {").rstrip("}").split(", ")
    )
    edit(
        page, record, f"clinical_review:\n  by: {by}\n  # signed in the clinic\n  date: {day}\n  fingerprint: {print_}"
    )

    assert check(project, "sign", str(page), "--by", "sam-okafor").returncode == 0
    text = page.read_text(encoding="utf-8")
    assert text.count("clinical_review") == 1 and "by: sam-okafor" in text and "signed in the clinic" not in text

    refused = check(project, "sign", str(page), "--by", "nobody")
    assert refused.returncode == 1
    assert "Nothing was signed: 'nobody' is not a clinician in data/clinicians.yml" in refused.stderr


def test_a_signed_page_names_its_reviewer_near_its_title_and_in_its_json_ld(tmp_path):
    project = signed_project(tmp_path, SCIATICA)

    page = built(project, SCIATICA)

    assert status(page) == REVIEWED
    assert attr(one(page, ".page-status a"), "href") == "../../reviewers/#alex-lee"
    node = web_page(page)
    assert node["lastReviewed"] == TODAY
    assert node["reviewedBy"] == {
        "@type": "Person",
        "name": "Alex Lee",
        "jobTitle": "Registered Physiotherapist",
        "identifier": "HCPC PH123456",
    }
    reviewers = BeautifulSoup((project / "site/reviewers/index.html").read_text(encoding="utf-8"), "html.parser")
    assert one(reviewers, "h1").get_text() == "Our clinical reviewers"
    assert one(reviewers, "#alex-lee").get_text() == "Alex Lee"
    assert [li.get_text() for li in reviewers.select("li") if "reviewed on" in li.get_text()] == [
        "Sciatica: reviewed on 18 November 2026"
    ]


def test_blank_lines_and_yaml_layout_keep_the_review(tmp_path):
    project = signed_project(tmp_path, SCIATICA)
    page = project / SCIATICA
    edit(page, "body_areas: [lower-back, legs]\n", "body_areas:\n  - lower-back\n  - legs\n\n")
    edit(page, "title: Sciatica\n", "")
    edit(page, "summary:", "title: 'Sciatica'\nsummary:")
    edit(page, "## What it is\n", "\n\n## What it is\n\n")
    edit(page, "The sciatic nerve runs", "The sciatic  nerve\nruns")

    result = check(project)
    assert "changed since" not in result.stderr
    assert status(built(project, SCIATICA)) == REVIEWED


@pytest.mark.parametrize(
    ("page", "file", "old", "new"),
    [
        (SCIATICA, SCIATICA, "Sciatica in both legs", "Sciatica in one leg"),
        (DEEP_TISSUE, DEEP_TISSUE, "A bleeding disorder", "A clotting disorder"),
        (SCIATICA, SCIATICA, "publisher: NHS", "publisher: NHS England"),
        (SCIATICA, "data/benefits.yml", "Pain relief", "Pain removal"),
        (SCIATICA, SCIATICA, "runs from the lower back", "runs from the upper back"),
        (SCIATICA, "mkdocs.yml", '    number: "999"', '    number: "112"'),
    ],
    ids=["warning-sign", "precaution", "source", "data-entry", "body", "emergency-number"],
)
def test_changing_one_word_withdraws_the_review_and_nothing_fails(tmp_path, page, file, old, new):
    project = signed_project(tmp_path, page)
    if file == "mkdocs.yml" and old not in (project / file).read_text(encoding="utf-8"):
        edit(project / file, "extra:\n", 'extra:\n  emergency:\n    number: "999"\n')
    edit(project / file, old, new)

    result = check(project)

    assert result.returncode == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "changed since" in line)
    assert warning.startswith(f"{page}:5: warning: this page has changed since Alex Lee reviewed it on {TODAY}")
    assert f"medmassage sign {page} --by alex-lee" in warning
    html = built(project, page)
    assert status(html).startswith(CHANGED)
    assert "reviewedBy" not in web_page(html) and "lastReviewed" not in web_page(html)


def test_a_comparison_row_the_page_shows_is_part_of_its_review(tmp_path):
    project = signed_project(tmp_path, "docs/comparison.md")
    edit(project / "data/comparison.yml", "relaxation: Swedish massage", "relaxation: Swedish or hot-stone massage")

    assert status(built(project, "docs/comparison.md")).startswith(CHANGED)


def test_a_made_up_fingerprint_claims_nothing(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "warning" / "review-withdrawn")
    edit(project / "data/clinicians.yml", "", "")

    page = built(project, SCIATICA)

    assert status(page).startswith("This page has changed since Alex Lee reviewed it on 1 November 2026")
    assert "reviewedBy" not in web_page(page)


def test_the_weekly_list_names_withdrawn_reviews_and_whom_to_ask(tmp_path):
    project = signed_project(tmp_path, SCIATICA)
    edit(project / SCIATICA, "Sciatica in both legs", "Sciatica in one leg")

    result = check(project, "due", "--days", "0", "--format", "markdown")

    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        f"- Sciatica, `{SCIATICA}`: changed since Alex Lee (@alexlee) reviewed it on {TODAY}; "
        "ask Alex Lee to sign it again"
    )
    assert "This issue can be closed" not in result.stdout


def test_without_a_register_no_page_claims_a_review_and_no_reviewers_page_is_built(tmp_path):
    project = make_project(tmp_path / "project")

    page = built(project, SCIATICA)

    assert status(page).startswith("Not yet reviewed by a clinician.")
    assert not (project / "site" / "reviewers").exists()
