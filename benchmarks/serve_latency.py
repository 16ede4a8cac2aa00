"""Seconds from saving a page to `mkdocs serve` serving the change, on a temporary copy of a project.

    python benchmarks/serve_latency.py [--project DIR | --size N] [--page docs/PATH.md] [--edits 5] [--dirty]

The project's mkdocs.yml, docs/ and data/ are copied (by default this repository's); the code,
hooks.py, medmassage/ and overrides/, is always this repository's. --size N generates a corpus
of N conditions instead, as benchmarks/scale.py does. The server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from corpus import REPO, build_corpus, link_project
from mkdocs.config import load_config


def copy_project(source: Path, destination: Path) -> None:
    destination.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", destination / "mkdocs.yml")
    for folder in ("docs", "data"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, destination / folder)
    link_project(destination)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_url(project: Path, port: int, page: str) -> str:
    """The address `mkdocs serve` gives a docs page: under site_url's path, one folder per page."""
    site_url = load_config(str(project / "mkdocs.yml")).site_url or "/"
    relative = PurePosixPath(page).relative_to("docs").with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    path = "" if folder == PurePosixPath(".") else f"{folder}/"
    return f"http://127.0.0.1:{port}{urlsplit(site_url).path.rstrip('/')}/{path}"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `text`; polls every 20 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def measure(
    project: Path, page: str, edits: int, timeout: float, serve_options: list[str]
) -> tuple[float, list[float]]:
    """(seconds to the first served page, seconds from each saved edit to its page being served)."""
    port = free_port()
    url = page_url(project, port, page)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *serve_options]
    with open(project / "serve.log", "w", encoding="utf-8") as log:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        startup = wait_for(url, "</html>", timeout)
        latencies = []
        for _ in range(edits):
            marker = f"serve-latency-{uuid.uuid4().hex[:12]}"
            with open(project / page, "a", encoding="utf-8") as handle:
                handle.write(f"\nEdited for the serve check: {marker}.\n")
            latencies.append(wait_for(url, marker, timeout))
        return startup, latencies
    finally:
        server.terminate()
        server.wait(timeout=30)


def default_page(project: Path) -> str:
    pages = sorted((project / "docs" / "conditions").glob("*.md")) or sorted((project / "docs").rglob("*.md"))
    if not pages:
        sys.exit(f"{project}/docs has no pages yet: pass --project with a project that has some, or --size N.")
    return pages[0].relative_to(project).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--project", type=Path, default=REPO, help="folder with mkdocs.yml, docs/ and data/")
    source.add_argument("--size", type=int, help="generate a corpus of this many conditions instead")
    parser.add_argument("--page", help="the page to edit, e.g. docs/conditions/sciatica.md")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty: rebuild only the changed pages")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="medmassage-serve-") as scratch:
        project = Path(scratch) / "project"
        if args.size:
            project.mkdir()
            build_corpus(project, args.size)
        else:
            copy_project(args.project.resolve(), project)
        page = args.page or default_page(project)
        startup, latencies = measure(project, page, args.edits, args.timeout, ["--dirty"] if args.dirty else [])
    what = f"a generated corpus of {args.size} conditions" if args.size else f"a copy of {args.project}"
    print(f"mkdocs serve{' --dirty' if args.dirty else ''} on {what}; editing {page}")
    print(f"first page served after {startup:.2f} s")
    print("edit to served page, s: " + ", ".join(f"{s:.2f}" for s in latencies))
    print(f"median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
