"""Fixtures for the browser tests: one strict build, served under a sub-path, read by Chromium.

Without Chromium, axe-core, Java or the Nu HTML Checker these tests are skipped when pytest is run
by hand; under CI, or from scripts/test (which installs them all), they fail instead, so they can
never be skipped there unnoticed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from .browsing import AXE, CHROMIUM, CHROMIUM_ARGS, JAVA, PHONE, VNU, Reader, reading, tools_required
from .site_build import ROOT, Site, build_site, site_project
from .site_server import serve
from .sweep import Sweep, run_sweep


def _missing_tools() -> list[str]:
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (Debian's chromium, or a browser named in CHROMIUM_PATH)")
    for package in (AXE, VNU):
        if not package.is_file():
            missing.append(f"{package.relative_to(ROOT)} (scripts/setup-browser)")
    if shutil.which(JAVA) is None:
        missing.append("java (Debian package default-jre-headless)")
    return missing


@pytest.fixture(scope="session", autouse=True)
def browser_tools() -> None:
    missing = _missing_tools()
    if not missing:
        return
    message = "The browser tests need " + " and ".join(missing) + "; scripts/test installs them."
    if tools_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    workdir = tmp_path_factory.mktemp("browser-site")
    project = site_project()
    folder = build_site(project, workdir / "site")
    with serve(folder) as base_url:
        yield Site(project, folder, base_url)


@pytest.fixture(scope="session")
def browser(browser_tools: None):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def reader_for(browser, site: Site) -> Iterator[Callable[..., Reader]]:
    """Makes readers for this test (see `reading`); each reader's context is closed when the test ends."""
    with ExitStack() as readers:
        yield lambda scheme="light", viewport=None: readers.enter_context(
            reading(browser, site.base_url, scheme, viewport)
        )


@pytest.fixture
def reader(reader_for) -> Reader:
    return reader_for()


@pytest.fixture
def phone_reader(reader_for) -> Reader:
    return reader_for(viewport=PHONE)


@pytest.fixture(scope="session")
def sweep(browser, site: Site) -> Sweep:
    """Every page in every view, swept once per session for whichever test asks first."""
    return run_sweep(browser, site)
