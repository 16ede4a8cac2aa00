"""The hooks as MkDocs drives them: a thin adapter that keeps no state of its own between commands."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT, build, edit, make_project

ANOTHER_HOOK = """
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "conditions/sciatica.md":
        return markdown + "\\n\\nA sentence that another hook added.\\n"
    return markdown
"""


def test_a_page_shows_what_a_hook_before_ours_did_to_its_markdown(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    (project / "another_hook.py").write_text(ANOTHER_HOOK, encoding="utf-8")
    edit(project / "mkdocs.yml", "hooks:\n  - hooks.py", "hooks:\n  - another_hook.py\n  - hooks.py")

    result = build(project)

    assert result.returncode == 0, result.stderr
    page = (project / "site" / "conditions" / "sciatica" / "index.html").read_text(encoding="utf-8")
    assert "A sentence that another hook added." in page
    other = (project / "site" / "techniques" / "deep-tissue" / "index.html").read_text(encoding="utf-8")
    assert "A sentence that another hook added." not in other


def test_the_hooks_rebind_no_module_name() -> None:
    tree = ast.parse((ROOT / "hooks.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Global | ast.Nonlocal)]
