"""The site on other engines, and without the hooks.

ProperDocs, the maintained fork of MkDocs 1.6, runs the hooks as MkDocs does. Any other engine
builds the Markdown tree that `python -m medmassage render` writes; `finish` then gives the
built pages their last pass, and `verify` checks the result against the content.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from engine_builds import finish_and_verify, page_texts

from support import FIXTURES, ROOT, make_project, run_check, run_mkdocs, tool, tool_env

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def run_properdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    """ProperDocs reads mkdocs.yml only when told to: it looks for properdocs.yml first."""
    return subprocess.run(
        [tool("properdocs"), "build", "--strict", "-f", "mkdocs.yml", *args],
        capture_output=True,
        text=True,
        env=tool_env(),
        cwd=project,
    )


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, with the generator tag (which names the engine) left out."""
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    mkdocs = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "mkdocs"))
    properdocs = run_properdocs(project, "--site-dir", str(tmp_path / "properdocs"))

    assert mkdocs.returncode == 0, mkdocs.stderr
    assert properdocs.returncode == 0, properdocs.stderr
    assert files(tmp_path / "properdocs") == files(tmp_path / "mkdocs")
    assert b"ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()


def test_properdocs_stops_on_bad_content_with_the_same_messages(tmp_path: Path) -> None:
    case = FIXTURES / "invalid" / "absolute-claim"
    project = make_project(tmp_path / "project", case)

    result = run_properdocs(project)

    assert result.returncode == 1
    assert (case / "expected.txt").read_text(encoding="utf-8").splitlines() == [
        line for line in result.stderr.splitlines() if line.startswith("docs/")
    ]
    assert "Nothing was built." in result.stderr
    assert not (project / "site").exists()


def test_engine_benchmark_times_every_engine_on_each_site(tmp_path: Path) -> None:
    report = tmp_path / "engines.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "engines.py"),
            "--sites",
            "3",
            "--repeat",
            "1",
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=tool_env(PYTHONPATH=None),
        cwd=tmp_path,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    [row] = json.loads(report.read_text(encoding="utf-8"))
    assert row["site"] == "3 conditions"
    assert set(row["seconds"]) == {"MkDocs", "ProperDocs", "Zensical"}
    assert all(seconds > 0 for seconds in row["seconds"].values())
    assert row["verified"] == {"MkDocs": True, "ProperDocs": True, "Zensical": True}
    assert "ProperDocs/MkDocs" in done.stdout.splitlines()[0]


@pytest.fixture(scope="module")
def hooked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hooked") / "project")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project rendered to plain Markdown; each test builds a copy of it."""
    project = make_project(tmp_path_factory.mktemp("source") / "project")
    out = tmp_path_factory.mktemp("rendered") / "tree"
    result = run_check(project, "render", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_the_rendered_tree_builds_with_plain_mkdocs_finishes_and_verifies(
    rendered: Path, hooked_site: Path, tmp_path: Path
) -> None:
    tree = shutil.copytree(rendered, tmp_path / "tree")
    assert "hooks" not in (tree / "mkdocs.yml").read_text(encoding="utf-8")
    built = run_mkdocs(tree, "build", "--strict", PYTHONPATH=None)
    assert built.returncode == 0, built.stderr

    verified = finish_and_verify(hooked_site.parent, tree / "site")

    assert verified.returncode == 0, verified.stderr
    assert page_texts(tree / "site") == page_texts(hooked_site)


def test_verify_names_each_page_and_what_it_lacks_when_the_hooks_are_removed(hooked_site: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n  - hooks.py\n", ""), encoding="utf-8")
    assert run_mkdocs(project, "build").returncode == 0

    unhooked = run_check(project, "verify", "site")
    hooked = run_check(hooked_site.parent, "verify", "site")

    assert unhooked.returncode == 1
    gaps = unhooked.stderr.splitlines()
    for line in [
        'site/conditions/sciatica/index.html: missing "When to get help"',
        'site/conditions/sciatica/index.html: missing "See a doctor before you have massage" and the 3 line(s) '
        "under it",
        'site/conditions/sciatica/index.html: missing "References" and the 1 line(s) under it',
        "site/conditions/sciatica/index.html: missing \"Not yet reviewed by a clinician. The practice's editors "
        'wrote this page from the sources listed at the end."',
        'site/conditions/sciatica/index.html: missing "Last checked by the editors: 1 November 2026 · Next review '
        'due: 1 November 2027 · Not yet reviewed by a clinician"',
        "site/conditions/sciatica/index.html: missing its schema.org structured data (JSON-LD), or it differs "
        "from the content",
        "site/techniques/deep-tissue/index.html: no Content-Security-Policy: run `python -m medmassage finish` "
        "on the built site",
        'site/comparison/index.html: missing "Medical and relaxation massage compared" and 9 more line(s) under '
        '"Medical or relaxation massage"',
    ]:
        assert line in gaps
    assert gaps[-1] == f"The built site has {len(gaps) - 1} gap(s), listed above. Do not publish it."
    assert hooked.returncode == 0, hooked.stderr


ZENSICAL_THEME_WORDS = [
    ("Material for MkDocs", "Zensical"),  # the footer names the engine
    ("Table of contents", "On this page"),  # the heading of the page's contents
    ("Initializing search", None),  # Material's placeholder while the search index loads
    (None, "Skip to content"),  # the skip link, which Zensical also puts on 404.html
    (None, "Navigation"),  # the menu button's name; Material 9.8's is given by keyboard.js
    (None, "Search"),  # the search button's name (as for the menu) and Zensical's search box button
]
"""Every wording of the theme that differs on Zensical 0.0.73; MIGRATING.md lists them and the rest."""


def test_zensical_builds_the_rendered_tree_which_finishes_and_verifies(
    rendered: Path, hooked_site: Path, tmp_path: Path
) -> None:
    tree = shutil.copytree(rendered, tmp_path / "tree")
    built = subprocess.run(
        [tool("zensical"), "build", "--strict", "-f", "mkdocs.yml"],
        capture_output=True,
        text=True,
        env=tool_env(PYTHONPATH=None),
        cwd=tree,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr

    verified = finish_and_verify(hooked_site.parent, tree / "site")

    assert verified.returncode == 0, verified.stderr
    zensical, mkdocs = page_texts(tree / "site"), page_texts(hooked_site)
    assert zensical.keys() == mkdocs.keys()
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for page, texts in mkdocs.items():
        removed |= Counter(texts) - Counter(zensical[page])
        added |= Counter(zensical[page]) - Counter(texts)
    assert set(removed) == {old for old, _ in ZENSICAL_THEME_WORDS if old}
    assert set(added) == {new for _, new in ZENSICAL_THEME_WORDS if new}
