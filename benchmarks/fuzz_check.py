"""Fuzz the content check: N generated projects and N generated page bodies, counting every crash.

    python benchmarks/fuzz_check.py [--examples 10000] [--adversarial 300] [--seed 0] [--json FILE]

Runs the two properties of tests/checks/test_fuzz.py with Hypothesis, without stopping at the first
failure: each generated project is checked (and, when it passes, rendered and sanitised as a
build would), and each generated body the check accepts is rendered and compared with what the
sanitiser keeps. A crash is any exception; a disagreement is a body the check accepts whose HTML
the sanitiser changes. The report gives both counts, the first few of each, and the time per
example. Goal: 0 and 0.

A third property draws bodies from tests/adversarial.py (long runs of each punctuation character,
deep nesting, many openers, repeated claim words) into a copy of the minimal project: the check
runs as the command does, and each body it accepts goes through the real strict build, in this
process. A traceback from either counts as a crash; the slowest check is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "checks")]

import markdown  # noqa: E402
from adversarial import adversarial_body  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from strategies import TARGET, TARGET_TEXT, markdown_body, projects  # noqa: E402
from test_fuzz import SITE_MARKDOWN, _elements, check_and_render  # noqa: E402

from medmassage.checks.markup import check_body  # noqa: E402
from medmassage.html.sanitize import sanitize_article  # noqa: E402
from medmassage.model.registry import PAGES  # noqa: E402
from medmassage.project.content import Entry  # noqa: E402
from medmassage.project.frontmatter import Document, Located  # noqa: E402
from support import body_only_record, build, check, make_project  # noqa: E402

SHOWN = 5


def run(examples: int, chosen_seed: int, adversarial: int = 0) -> dict:
    crashes: list[str] = []
    disagreements: list[str] = []
    counts = {"projects": 0, "bodies": 0, "accepted_bodies": 0, "projects_without_errors": 0}
    counts |= {"adversarial": 0, "adversarial_accepted_and_built": 0}
    slowest = [0.0]
    fuzz = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )

    @seed(chosen_seed)
    @fuzz
    @given(projects())
    def each_project(project) -> None:
        counts["projects"] += 1
        try:
            counts["projects_without_errors"] += not check_and_render(*project).errors
        except Exception:  # noqa: BLE001 - a crash is what this script counts
            crashes.append(traceback.format_exc(limit=-3) + f"\ninput: {project[0]!r:.2000}")

    @seed(chosen_seed)
    @fuzz
    @given(markdown_body)
    def each_body(body: str) -> None:
        counts["bodies"] += 1
        try:
            entry = Entry("page.md", PAGES, Document("page.md", Located({}), body, 1, body), body_only_record())
            if any(problem.severity == "error" for problem in check_body(entry)):
                return
            counts["accepted_bodies"] += 1
            html = markdown.markdown(body, **SITE_MARKDOWN)
            if _elements(sanitize_article(html)) != _elements(html):
                disagreements.append(f"body: {body!r:.500}\nhtml: {html!r:.500}")
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc(limit=-3) + f"\nbody: {body!r:.500}")

    @seed(chosen_seed)
    @settings(fuzz, max_examples=max(adversarial, 1))
    @given(adversarial_body)
    def each_adversarial_body(body: str) -> None:
        counts["adversarial"] += 1
        with tempfile.TemporaryDirectory() as folder:
            project = make_project(Path(folder) / "project")
            front = TARGET_TEXT.split("\n---\n", 1)[0]
            (project / "docs" / TARGET).write_text(f"{front}\n---\n{body}\n", encoding="utf-8")
            began = time.perf_counter()
            checked = check(project)
            slowest[0] = max(slowest[0], time.perf_counter() - began)
            outputs = [checked.stderr]
            if checked.returncode == 0:
                built = build(project)
                counts["adversarial_accepted_and_built"] += built.returncode == 0
                outputs.append(built.stderr)
            if any("Traceback" in output for output in outputs):
                crashes.append("\n".join(outputs)[-2000:] + f"\nbody: {body!r:.500}")

    started = time.perf_counter()
    each_project()
    projects_s = time.perf_counter() - started
    each_body()
    total_s = time.perf_counter() - started
    if adversarial:
        each_adversarial_body()
    return {
        **counts,
        "slowest_adversarial_check_s": round(slowest[0], 2),
        "crashes": len(crashes),
        "disagreements": len(disagreements),
        "seconds": round(total_s, 1),
        "ms_per_project": round(1000 * projects_s / max(counts["projects"], 1), 2),
        "ms_per_body": round(1000 * (total_s - projects_s) / max(counts["bodies"], 1), 2),
        "first_crashes": crashes[:SHOWN],
        "first_disagreements": disagreements[:SHOWN],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="examples for each of the two properties")
    parser.add_argument("--adversarial", type=int, default=300, help="hostile bodies checked and, if accepted, built")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    report = run(args.examples, args.seed, args.adversarial)
    print(
        f"projects checked: {report['projects']} ({report['projects_without_errors']} passed the check), "
        f"{report['ms_per_project']} ms each"
    )
    print(
        f"bodies checked:   {report['bodies']} ({report['accepted_bodies']} accepted), {report['ms_per_body']} ms each"
    )
    print(
        f"hostile bodies:   {report['adversarial']} ({report['adversarial_accepted_and_built']} accepted and built), "
        f"slowest check {report['slowest_adversarial_check_s']} s"
    )
    print(
        f"crashes: {report['crashes']}   check/sanitiser disagreements: {report['disagreements']}   "
        f"time: {report['seconds']} s"
    )
    for item in report["first_crashes"] + report["first_disagreements"]:
        print("\n" + item)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if report["crashes"] or report["disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())
