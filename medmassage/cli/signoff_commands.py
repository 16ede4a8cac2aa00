"""The sign-off commands: `sign`, `approvals` and `codeowners`, added to the CLI in one call."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..checks.checker import check_project
from ..checks.reporter import report
from ..project.config import load_project
from ..site.approvals import ApprovalError, check_approvals
from ..site.codeowners import CODEOWNERS, codeowners_text
from ..site.signing import SignError, sign


def add_commands(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    signing = command(
        "sign",
        "record a clinician's review of pages: who, today's date, and a fingerprint of what they read",
        "Write `clinical_review: {by: ID, date: TODAY, fingerprint: sha256:...}` into each page's front "
        "matter, leaving every other line as it was. The page then says it was reviewed until its content "
        "changes. Run it only for a clinician who has read the pages: their approval of the pull request "
        "on GitHub is what makes the sign-off count (CONTRIBUTING.md, 'Clinical review').",
    )
    signing.add_argument(
        "pages", nargs="+", type=Path, metavar="PAGE", help="a page's file, such as docs/conditions/sciatica.md"
    )
    signing.add_argument("--by", required=True, metavar="ID", help="the clinician's id in data/clinicians.yml")
    approvals = command(
        "approvals",
        "require each signing clinician's approval of the pull request (GitHub Actions)",
        "For each page whose review record this pull request adds or renews (compared with --base), "
        "require an approving review from that clinician's GitHub account on the pull request's latest "
        "commit (--head). Reads the reviews with `gh api`. Exit 1, naming who must approve, if one is missing.",
    )
    approvals.add_argument("--pull", required=True, type=int, metavar="N", help="the pull request's number")
    approvals.add_argument("--base", required=True, metavar="SHA", help="the base branch's commit")
    approvals.add_argument("--head", required=True, metavar="SHA", help="the pull request's latest commit")
    owners = command(
        "codeowners",
        "write the clinical part of .github/CODEOWNERS from the pages' sign-offs",
        "Make each signed page's reviewer a code owner of it, so that GitHub asks them to review any change. "
        "With --check, write nothing and exit 1 if the file is not current.",
    )
    owners.add_argument("--check", action="store_true", help="only check that the file is current")


def run_sign(args: argparse.Namespace) -> int:
    project = load_project(args.config.resolve())
    result = check_project(project)
    if result.errors:
        report(result.problems, sys.stderr)
        print(
            f"Nothing was signed: the content check found {len(result.errors)} problem(s), listed above. "
            "A page is signed as readers will see it, so fix them first.",
            file=sys.stderr,
        )
        return 1
    try:
        signed = sign(result.content, project.settings, project.docs_dir, args.pages, args.by, project.today)
    except SignError as error:
        print(f"Nothing was signed: {error}", file=sys.stderr)
        return 1
    for page in signed:
        print(f"Signed {page} for {args.by} on {project.today}.", file=sys.stderr)
    print("Commit the pages and ask the clinician to approve the pull request on GitHub.", file=sys.stderr)
    return 0


def run_approvals(args: argparse.Namespace) -> int:
    try:
        return check_approvals(args.config.resolve(), args.pull, args.base, args.head, sys.stderr)
    except ApprovalError as error:
        print(f"The sign-off could not be checked: {error}", file=sys.stderr)
        return 1


def run_codeowners(args: argparse.Namespace) -> int:
    project = load_project(args.config.resolve())
    result = check_project(project)
    if result.renderer is None or result.content.unparsed or "clinicians" in result.content.unusable_data:
        print("Some pages or data/clinicians.yml could not be read; run the check and fix them first.", file=sys.stderr)
        return 1
    path = project.root / CODEOWNERS
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    wanted = codeowners_text(current, result.renderer.reviews, project.docs_dir.relative_to(project.root).as_posix())
    if args.check:
        if current != wanted:
            print(f"{CODEOWNERS}: out of date with the pages' sign-offs. Run: medmassage codeowners", file=sys.stderr)
            return 1
        print(f"{CODEOWNERS} is current.", file=sys.stderr)
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(wanted, encoding="utf-8")
    print(f"Wrote {CODEOWNERS}", file=sys.stderr)
    return 0


COMMANDS = {"sign": run_sign, "approvals": run_approvals, "codeowners": run_codeowners}
