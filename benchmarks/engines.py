"""Build the real site and generated corpora with MkDocs, ProperDocs and Zensical; report each against MkDocs.

    python benchmarks/engines.py [--sites real,1000] [--repeat 3] [--json FILE]

Every engine builds the same copy of the project, each in a fresh child process, and the
runs take turns (MkDocs, ProperDocs, Zensical, then the next round in a shifted order), so a
busy spell on this shared machine slows all of them alike. The least time of each is kept,
and the table gives each engine's time as a ratio to MkDocs' from the same run.

MkDocs and ProperDocs run the hooks. Zensical ignores `hooks:`, so it builds the tree that
`python -m medmassage render` writes, and `finish` gives its pages their last pass: its time is
the sum of the three steps, and its build is cold (`--clean` empties Zensical's cache first), as
MkDocs, which keeps none, always builds. After the timed runs, `verify` checks each engine's site.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus import REPO, build_corpus, link_project
from scale import child_env, run, table

VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Engine:
    name: str
    steps: tuple[tuple[str, ...], ...]
    """Commands run in the project's folder, one after another; the engine's time is their sum."""
    site: str
    """The folder it builds the site into, under the project's."""
    warm_up: tuple[tuple[str, ...], ...] = ()
    """Commands run first and not timed."""


MEDMASSAGE = (sys.executable, "-m", "medmassage")
ENGINES = (
    Engine("MkDocs", ((sys.executable, "-m", "mkdocs", "build", "--site-dir", "site-mkdocs"),), "site-mkdocs"),
    Engine(
        "ProperDocs",
        ((str(VENV_BIN / "properdocs"), "build", "-f", "mkdocs.yml", "--site-dir", "site-properdocs"),),
        "site-properdocs",
    ),
    Engine(
        "Zensical",
        (
            (*MEDMASSAGE, "render", "rendered"),
            (str(VENV_BIN / "zensical"), "build", "--clean", "-f", "rendered/mkdocs.yml"),
            (*MEDMASSAGE, "--config", "rendered/mkdocs.yml", "finish", "rendered/site"),
        ),
        "rendered/site",
        warm_up=(("rm", "-rf", "rendered"),),
    ),
)


@dataclass(frozen=True)
class Row:
    site: str
    seconds: dict[str, float]
    """The least wall-clock time of each engine's build, by engine name."""
    verified: dict[str, bool]
    """Whether `verify` found the engine's site complete."""

    def ratio(self, engine: str) -> float:
        return self.seconds[engine] / self.seconds[ENGINES[0].name]


def real_site(folder: Path) -> Path:
    """A copy of this repository's site, its hooks and content package linked as a corpus links them."""
    folder.mkdir(parents=True)
    for name in ("docs", "data"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    link_project(folder)
    return folder


def project(site: str, folder: Path) -> tuple[str, Path]:
    """The name and folder of a site to build: the real one, or a corpus of N conditions."""
    if site == "real":
        return "real site", real_site(folder / "real")
    corpus = folder / f"conditions-{site}"
    corpus.mkdir()
    build_corpus(corpus, int(site))
    return f"{site} conditions", corpus


def measure(site: str, project: Path, repeat: int) -> Row:
    times: dict[str, list[float]] = {engine.name: [] for engine in ENGINES}
    for round_ in range(repeat):
        for engine in ENGINES[round_ % len(ENGINES) :] + ENGINES[: round_ % len(ENGINES)]:
            for step in engine.warm_up:
                run(list(step), project)
            times[engine.name].append(sum(run(list(step), project)[0] for step in engine.steps))
    verified = {engine.name: run_verify(project, engine.site) for engine in ENGINES}
    return Row(site, {name: min(seconds) for name, seconds in times.items()}, verified)


def run_verify(project: Path, site: str) -> bool:
    done = subprocess.run([*MEDMASSAGE, "verify", site], cwd=project, env=child_env(), capture_output=True, text=True)
    return done.returncode == 0


def report(rows: list[Row]) -> str:
    header = ("site", *(f"{e.name} s" for e in ENGINES), *(f"{e.name}/MkDocs" for e in ENGINES[1:]), "verify")
    return table(
        header,
        [
            (
                row.site,
                *(f"{row.seconds[e.name]:.2f}" for e in ENGINES),
                *(f"{row.ratio(e.name):.2f}" for e in ENGINES[1:]),
                ", ".join(f"{name} {'passes' if ok else 'FAILS'}" for name, ok in row.verified.items()),
            )
            for row in rows
        ],
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sites",
        default="real,1000",
        type=lambda text: text.split(","),
        help="comma-separated: 'real' for this repository's site, a number N for a "
        "generated corpus of N conditions (at least 3)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per engine and site; the least is kept")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="medmassage-engines-") as scratch:
        folder = Path(scratch)
        rows = []
        for site in args.sites:
            rows.append(measure(*project(site, folder), args.repeat))
            print(f"built {rows[-1].site}: {rows[-1].seconds}", file=sys.stderr)
    print(report(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
