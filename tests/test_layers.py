"""The package's folders are layers: each module imports only from its own folder and the folders below it."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

PACKAGE = ROOT / "medmassage"
LAYERS = ("model", "project", "rendering", "checks", "html", "site", "cli")
"""Bottom to top: what the content is, reading a project, rendering, the checks, the HTML pass,
the site commands, the command line."""


def imported(path: Path) -> set[str]:
    """The package modules a module imports, as dotted names."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names |= {module, *(f"{module}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return {name for name in names if name.startswith("medmassage.")}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()) == sorted(LAYERS)


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        if own is None:
            continue
        for name in sorted(imported(path)):
            other = layer_of(name)
            if other is not None and other > own:
                upward.append(f"{path.relative_to(ROOT)} imports {name}")
    assert upward == []


def test_only_the_hooks_import_mkdocs() -> None:
    found = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == "mkdocs" for name in _top_level_imports(path))
    ]
    assert found == []


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names
