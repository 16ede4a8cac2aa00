"""Build the site the browser tests look at: the real docs/, mkdocs.yml, hooks and theme overrides."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from review_dates import last_review, source_date_epoch

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Project:
    config_file: Path
    docs_dir: Path
    description: str


def site_project() -> Project:
    return Project(ROOT / "mkdocs.yml", ROOT / "docs", "this repository's docs/")


def build_site(project: Project, destination: Path) -> Path:
    """Standalone, without tests/support.py, since benchmarks/lighthouse.py imports this module too.

    Built on the day of the project's latest review, not the calendar's, so no page falls due as time passes.
    """
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NO_MKDOCS_2_WARNING": "1",
        "CONTENT_OVERDUE_REVIEWS": "warn",
        "SOURCE_DATE_EPOCH": source_date_epoch(last_review(project.docs_dir)),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.config_file), "-d", str(destination)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.config_file.parent,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed for {project.description}:\n{result.stderr}")
    verified = subprocess.run(
        [sys.executable, "-m", "medmassage", "--config", str(project.config_file), "verify", str(destination)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.config_file.parent,
    )
    if verified.returncode != 0:
        raise RuntimeError(
            f"the site built from {project.description} lacks what its content needs:\n{verified.stderr}"
        )
    return destination


@dataclass(frozen=True)
class Site:
    project: Project
    folder: Path
    base_url: str

    @property
    def prefix(self) -> str:
        """The sub-path the site is served under, such as `/medical-massage/`."""
        return urlsplit(self.base_url).path

    def pages(self) -> list[str]:
        """The address of every built page relative to the site's base, 404.html included."""
        paths = []
        for file in sorted(self.folder.rglob("*.html")):
            relative = file.relative_to(self.folder).as_posix()
            paths.append(relative.removesuffix("index.html"))
        return paths

    def file(self, path: str) -> Path:
        return self.folder / path / "index.html" if path == "" or path.endswith("/") else self.folder / path

    def has(self, path: str) -> bool:
        return self.file(path).is_file()

    def html(self, path: str) -> str:
        return self.file(path).read_text(encoding="utf-8")

    def first_with(self, html: str) -> str:
        """The first page whose HTML has `html` in it, such as `class="comparison"`."""
        found = [path for path in self.pages() if html in self.html(path)]
        assert found, f"no built page has {html} in it"
        return found[0]

    def first(self, section: str) -> str:
        """The first topic page in a section, such as `conditions/`."""
        topics = [p for p in self.pages() if p.startswith(section) and p != section]
        assert topics, f"the build has no pages under {section}"
        return topics[0]
