"""Scripts planted through a page body, front matter and a data file never run, even with the check bypassed.

The bypass exists only here, in process: the build's content check is replaced by one that
loads the valid fixture and then plants the scripts into what it loaded, reporting no problem,
as a check that missed something would. The sanitiser and the renderer's escaping of raw HTML
(`inert_html`) are bypassed too, so the body's script reaches the HTML and only the
Content-Security-Policy stands between it and the reader.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from medmassage.checks.checker import Result
from medmassage.html import sanitize
from medmassage.html.page_html import inline_scripts
from medmassage.model.registry import SITE
from medmassage.model.schema import ClinicalReview, Clinician, Topic
from medmassage.project.content import Data
from medmassage.project.frontmatter import Located
from medmassage.rendering import inert_html
from medmassage.site import build as site_build
from support import element, make_project

from .browsing import reading
from .site_server import serve

PLANTED = {
    "body": "window.plantedBody = true",
    "title": "window.plantedTitle = true",
    "keyword": "window.plantedKeyword = true",
    "reviewer": "window.plantedReviewer = true",
    "benefit": "window.plantedBenefit = true",
    "cell": "window.plantedCell = true",
}
PAGES = ["conditions/sciatica/", "comparison/", "techniques/deep-tissue/"]


def script(name: str) -> str:
    return f"<script>{PLANTED[name]}</script>"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def plant(result: Result) -> Result:
    """The fixture's content with a script in a body, three front-matter fields and two data files."""
    content = result.content
    entry = content.pages["conditions/sciatica.md"]
    assert isinstance(entry.record, Topic), "the fixture's sciatica page is a condition, which has keywords"
    record = entry.record.model_copy(
        update={
            "title": f"Sciatica {script('title')}",
            "keywords": [*entry.record.keywords, script("keyword")],
            "clinical_review": ClinicalReview.model_construct(
                by="planted", date=date(2026, 11, 1), fingerprint="sha256:" + "0" * 64
            ),
        }
    )
    content.pages[entry.path] = dataclasses.replace(entry, record=record)
    reviewer = Clinician.model_construct(
        id="planted", name=script("reviewer"), credential="LMT", registration="LMT 1", github="planted"
    )
    clinicians = SITE.data_file("clinicians")
    assert clinicians is not None
    content.data["clinicians"] = Data(clinicians, Located([]), [reviewer])
    benefits = content.data["benefits"]
    first = benefits.value[0].model_copy(update={"name": script("benefit")})
    content.data["benefits"] = dataclasses.replace(benefits, value=[first, *benefits.value[1:]])
    comparison = content.data["comparison"]
    row = comparison.value.rows[0].model_copy(update={"medical": script("cell")})
    table = comparison.value.model_copy(update={"rows": [row, *comparison.value.rows[1:]]})
    content.data["comparison"] = dataclasses.replace(comparison, value=table)
    return Result(content, result.graph, [])


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path_factory.mktemp("planted") / "project")
    # The build renders the Markdown MkDocs reads from the file, so the body's script goes into the file;
    # plant() puts the same body in the checked content, and drops every problem the check finds.
    page = project / "docs" / "conditions" / "sciatica.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{script('body')}\n", encoding="utf-8")
    real_check = site_build.check_project
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_build, "check_project", lambda project, **options: plant(real_check(project, **options)))
        patch.setattr(sanitize, "sanitize_article", lambda html: html)
        patch.setattr(inert_html, "escape", lambda text, quote=True: text)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("SOURCE_DATE_EPOCH", "1795000000")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")))
    with serve(project / "site", prefix="/fixture/") as base_url:
        yield project / "site", base_url


def test_the_planted_body_script_reaches_the_html_but_is_not_in_the_policy(planted_site) -> None:
    site, _ = planted_site
    html = (site / "conditions/sciatica/index.html").read_text(encoding="utf-8")
    assert PLANTED["body"] in inline_scripts(html), "with the check and sanitiser bypassed, the script is there"
    policy = element(BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"}))
    for name, text in PLANTED.items():
        assert sha256(text) not in policy["content"], name


def test_no_planted_script_runs(browser, planted_site) -> None:
    _, base_url = planted_site
    names = [text.split(" = ")[0].removeprefix("window.") for text in PLANTED.values()]
    with reading(browser, base_url) as reader:
        for path in PAGES:
            page = reader.open(path)
            assert page.evaluate("names => names.filter(name => name in window)", names) == [], path
            reader.close(page)
    assert reader.trouble.csp_violations == ["conditions/sciatica/: script-src-elem blocked inline"]
    assert reader.trouble.console_errors == [] or all(
        "Content Security Policy" in e for e in reader.trouble.console_errors
    )
