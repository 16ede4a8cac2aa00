"""Nothing in docs/ shadows a file the build writes: the theme's bundle, its styles, the 404 page, the search index.

The fixture `shadows-build-output` shows the refusal in the check and the strict build
(test_invalid_content.py); here the theme's script bundle, whose name changes with each theme
release, found from the installed theme, and the same refusals in the preview.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config

from medmassage.checks.build_outputs import WRITTEN_BY_THE_BUILD, shadowing, theme_files
from support import FIXTURES, build, check, make_project

PNG = FIXTURES / "invalid" / "missing-asset" / "docs" / "images" / "sciatic-nerve.png"
BUNDLE = next(path for path in sorted(theme_files("material")) if path.startswith("assets/javascripts/bundle."))


def test_the_theme_files_come_from_the_installed_theme() -> None:
    files = theme_files("material")
    assert BUNDLE.endswith(".min.js") and BUNDLE in files
    # what MkDocs does not copy: templates (404.html is rendered, and listed apart), hidden icons, code
    assert not [path for path in files if path.endswith((".html", ".py")) or path.startswith(".") or "/." in path]
    assert "404.html" in WRITTEN_BY_THE_BUILD
    assert any(path.startswith("assets/stylesheets/main.") for path in files)
    assert theme_files("no-such-theme") == frozenset()


@pytest.mark.parametrize("inside", ["", "/x.png"], ids=["file", "folder"])
def test_an_image_named_like_the_theme_bundle_is_refused_by_the_check_and_the_build(inside: str, tmp_path) -> None:
    project = make_project(tmp_path / "project")
    target = project / "docs" / (BUNDLE + inside)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PNG, target)
    expected = f"docs/{BUNDLE}:1: the build writes the site's own file '{BUNDLE}' here"
    checked = check(project)
    assert checked.returncode == 1 and expected in checked.stderr
    built = build(project)
    assert built.returncode == 1 and expected in built.stderr and "Traceback" not in built.stderr
    assert not (project / "site").exists()


def test_a_path_beneath_a_file_the_build_writes_is_reported_once_at_the_topmost_folder(tmp_path) -> None:
    docs = tmp_path / "docs"
    (docs / "extra.css" / "deeper").mkdir(parents=True)
    (docs / "extra.css" / "deeper" / "x.png").write_bytes(b"")
    (docs / "fine").mkdir()
    found = list(shadowing(tmp_path, docs, {"extra.css"}))
    assert [(problem.path, "folder would take its place" in problem.message) for problem in found] == [
        ("docs/extra.css", True)
    ]


def test_the_preview_shows_the_same_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = FIXTURES / "invalid" / "shadows-build-output"
    project = make_project(tmp_path / "project", case)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "preview"))
    config.plugins.on_startup(command="serve", dirty=False)
    build_site(config)
    shown = "\n".join(
        html.unescape(page.read_text(encoding="utf-8")) for page in (tmp_path / "preview").rglob("*.html")
    )
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line.split(": ", 1)[1] in shown
