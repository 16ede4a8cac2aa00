"""The test harness: fixture projects, the tools run on them in process or as commands, and small helpers.

Most tests run the content check and MkDocs in this process (MkDocs' own tests do the same:
`load_config`, then `build.build`), which takes milliseconds. A few end-to-end tests run the
real commands, as an editor or CI would, through `run_check` and `run_mkdocs`.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from bs4 import PageElement, Tag
from review_dates import last_review, source_date_epoch

if TYPE_CHECKING:
    from medmassage.model.schema import FrontMatter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_FIXTURE = FIXTURES / "valid" / "minimal"

TOOL_ENV = {
    "NO_MKDOCS_2_WARNING": "1",
    "CONTENT_OVERDUE_REVIEWS": "warn",
    "SOURCE_DATE_EPOCH": "1795000000",  # 2026-11-18, after every fixture's last review
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
}
"""What every tool run sees: a fixed build date, and no GitHub Actions; a None value removes the variable."""


def real_site_today() -> str:
    """SOURCE_DATE_EPOCH for a test of the real site: the day of its latest review, whatever the calendar says."""
    return source_date_epoch(last_review(ROOT / "docs"))


def make_project(destination: Path, overlay: Path | None = None) -> Path:
    """A copy of the minimal valid project, with the files of `overlay` laid over it.

    An overlay's `DELETE` file lists paths to remove, and its `LINKS` file symbolic links to make,
    one `path -> target` a line (git could keep them, but a link in the repository is what the
    check refuses); `expected.txt` and `env` are not copied. The theme's overrides/ is copied,
    since a linked folder is refused too.
    """
    shutil.copytree(BASE_FIXTURE, destination)
    if overlay is not None:
        for source in sorted(overlay.rglob("*")):
            relative = source.relative_to(overlay)
            if source.is_file() and relative.name not in ("expected.txt", "DELETE", "LINKS", "env"):
                (destination / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination / relative)
        deletions = overlay / "DELETE"
        for line in deletions.read_text().split() if deletions.exists() else []:
            (destination / line).unlink()
    (destination / "hooks.py").symlink_to(ROOT / "hooks.py")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    for line in (overlay / "LINKS").read_text().splitlines() if overlay and (overlay / "LINKS").exists() else []:
        link, target = line.split(" -> ")
        (destination / link).parent.mkdir(parents=True, exist_ok=True)
        (destination / link).symlink_to(target)
    return destination


def tool_env(**extra: str | None) -> dict[str, str]:
    """The environment for a command: this one, with TOOL_ENV and `extra` applied."""
    env: dict[str, str | None] = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(TOOL_ENV)
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


@contextmanager
def environment(**extra: str | None) -> Iterator[None]:
    """TOOL_ENV and `extra` applied to this process while the block runs."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(tool_env(**extra))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass(frozen=True)
class Run:
    """What a tool run returned and printed."""

    returncode: int
    stdout: str
    stderr: str


def check(project: Path, *args: str, config: str = "mkdocs.yml", **env: str | None) -> Run:
    """`python -m medmassage --config <project>/<config> check` (or `args`), in this process."""
    from medmassage.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with environment(**env), redirect_stdout(out), redirect_stderr(err):
        code = main(["--config", str(project / config), *(args or ("check",))])
    return Run(code, out.getvalue(), err.getvalue())


def build(project: Path, config: str = "mkdocs.yml", **env: str | None) -> Run:
    """`scripts/build`, in this process: the check's preflight, then `mkdocs build --strict`.

    MkDocs' log lines are in `stderr` as the command prints them. The preflight speaks only when
    MkDocs could not start on the config file (test_build.py runs the real script).
    """
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    preflight = check(project, "check", "--preflight", config=config, **env)
    if preflight.returncode != 0:
        return Run(preflight.returncode, "", preflight.stderr)
    err = io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with environment(**env), redirect_stderr(err):
            loaded = load_config(config_file=str(project / config), strict=True)
            loaded.plugins.on_startup(command="build", dirty=False)
            try:
                build_site(loaded)
                code = 0
            except Abort as abort:
                print(abort, file=err)
                code = 1
            finally:
                loaded.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
    if code == 0:
        assert_verified(project, config, project / "site", **env)
    return Run(code, "", err.getvalue())


def assert_verified(project: Path, config: str, site: Path, **env: str | None) -> None:
    """Every site a test builds with the hooks is checked against its content, as the publish workflow checks.

    A build from a config without the hooks is what `verify` must reject (tests/site/test_engines.py).
    """
    from medmassage.project.config import load_project
    from medmassage.site.verify import verify_site

    if "hooks.py" not in (project / config).read_text(encoding="utf-8"):
        return
    report = io.StringIO()
    with environment(**env):
        gaps = verify_site(load_project(project / config), site, report)
    assert gaps == [], f"the site built in {project} lacks what its content needs:\n" + "\n".join(
        map(str, gaps) if gaps else [report.getvalue()]
    )


def run_check(project: Path, *args: str, **env: str | None) -> subprocess.CompletedProcess:
    """The check as a command, end to end."""
    return subprocess.run(
        [sys.executable, "-m", "medmassage", "--config", str(project / "mkdocs.yml"), *(args or ("check",))],
        capture_output=True,
        text=True,
        env=tool_env(**env),
        cwd=project,
    )


def run_mkdocs(project: Path, *args: str, **env: str | None) -> subprocess.CompletedProcess:
    """MkDocs as a command, end to end; a site it builds is then verified."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], capture_output=True, text=True, env=tool_env(**env), cwd=project
    )
    if args[:1] == ("build",) and result.returncode == 0:
        site = Path(args[args.index("--site-dir") + 1]) if "--site-dir" in args else Path("site")
        assert_verified(project, "mkdocs.yml", project / site, **env)
    return result


def lines_of(process: subprocess.Popen[str]) -> Iterator[str]:
    """What a command started with `stdout=subprocess.PIPE` prints, line by line as it prints it."""
    assert process.stdout is not None, "the command was started without stdout=subprocess.PIPE"
    yield from process.stdout


Params = ParamSpec("Params")
Returned = TypeVar("Returned")


def recording(
    real: Callable[Params, Returned], seen: list[Any], noted: Callable[Params, Any]
) -> Callable[Params, Returned]:
    """`real`, which first appends `noted(*its arguments)` to `seen`: a spy to put in its place with monkeypatch."""

    def spy(*args: Params.args, **kwargs: Params.kwargs) -> Returned:
        seen.append(noted(*args, **kwargs))
        return real(*args, **kwargs)

    return spy


def body_only_record() -> FrontMatter:
    """The front matter of a page whose body alone a test checks: valid, and read by no body rule."""
    from medmassage.model.schema import FrontMatter

    return FrontMatter(
        title="A page",
        summary="A page whose body alone is checked, for a test of the body rules.",
        last_reviewed=date(2026, 11, 1),
        review_every_months=12,
    )


def built_pages(site: Path) -> dict[str, Path]:
    """Every page of a built site by its source file, as MkDocs names it in `src_uri` (`conditions/sciatica.md`)."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        if folder.split("/")[0] in ("search", "assets"):
            continue
        found["index.md" if folder == "." else f"{folder}.md"] = html
    return found


def files_in(folder: Path) -> dict[Path, bytes]:
    """Every file under a folder with its bytes, to show that a failed run changed nothing."""
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tool(name: str) -> str:
    """A command installed beside this Python, such as zizmor."""
    return str(Path(sys.executable).with_name(name))


def with_site_config(config: Path) -> None:
    """The real mkdocs.yml, with the fixture's own nav: the site's settings on the fixture's pages."""
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    fixture = config.read_text(encoding="utf-8")
    config.write_text(real[: real.index("\nnav:")] + fixture[fixture.index("\nnav:") :], encoding="utf-8")


def element(found: PageElement | None) -> Tag:
    """What a find, a `select_one` or a child such as `table.caption` found, where the test expects an element.

    BeautifulSoup answers None where nothing matches, and text where a search can match text: the
    test fails here, saying what it got, rather than at the next attribute it reads.
    """
    assert isinstance(found, Tag), f"expected an element, found {found!r}"
    return found


def one(root: Tag, selector: str) -> Tag:
    """The first element under `root` that the CSS `selector` matches; the test fails if none does."""
    found = root.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(found: PageElement | None, name: str) -> str:
    """The attribute `name` of an element, as one string: a missing attribute raises KeyError, as `tag[name]` does.

    BeautifulSoup gives the attributes HTML allows several values in (class, rel) as a list; the test
    fails if the attribute it reads as one value is one of those.
    """
    value = element(found)[name]
    assert isinstance(value, str), f"{name} holds several values: {value!r}"
    return value


def string(found: PageElement | None) -> str:
    """The text of an element that holds only text, such as a <script>; the test fails if it holds elements."""
    text = element(found).string
    assert text is not None, f"{found!r} holds more than text"
    return text


def preview_text(project: Path) -> str:
    """What `mkdocs serve` shows of a project whose check fails: its first build, as the preview builds it."""
    import html

    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    with environment(SOURCE_DATE_EPOCH="1795000000"):
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build_site(config)
    return "\n".join(html.unescape(page.read_text(encoding="utf-8")) for page in (project / "site").rglob("*.html"))
