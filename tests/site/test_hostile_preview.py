"""`mkdocs serve` with hostile content: MkDocs parses nothing an editor wrote, and the preview escapes every string.

Built in process the way `mkdocs serve` builds (its `on_startup` says "serve"), on a copy of
the minimal project with an alias bomb, a title that closes <title>, and a file whose name is HTML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils import meta

from support import FIXTURES, edit, make_project, recording

PLANTED_TITLE = "</title><script>window.planted = 1</script>"
HTML_NAME = "<img src=x onerror=alert(1)>.md"


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    project = make_project(tmp_path / "project", FIXTURES / "invalid" / "yaml-alias-bomb")
    edit(project / "docs/conditions/back-pain.md", "title: Back pain", f"title: '{PLANTED_TITLE}'")
    (project / "docs/conditions" / HTML_NAME).write_text("---\ntitle: x\n---\ntext\n", encoding="utf-8")
    parsed: list[str] = []
    real_get_data = meta.get_data
    monkeypatch.setattr(meta, "get_data", recording(real_get_data, parsed, lambda doc: doc))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return project / "site", parsed


def test_mkdocs_parses_no_front_matter_while_the_check_fails(preview) -> None:
    _, parsed = preview
    assert parsed and all(source == "" for source in parsed)


def test_the_preview_lists_the_problems_and_escapes_every_title_and_name(preview) -> None:
    site, _ = preview
    pages = {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    assert any("The preview is paused" in html for html in pages.values())
    for path, html in pages.items():
        assert "window.planted" not in html, path
        assert "<img src=x" not in html and '<img src="x"' not in html, path
    sciatica = pages[site / "conditions/sciatica/index.html"]
    assert sciatica.count("&lt;img src=x onerror=alert(1)&gt;") >= 2, (
        "the name is listed, escaped, in the menu and problems"
    )
