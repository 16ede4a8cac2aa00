"""The command line: the same checks as the MkDocs build, without MkDocs.

python -m medmassage check              check every page and data file
python -m medmassage check --publish    the same, failing on drafts and placeholders, as the deploy does
python -m medmassage check --merge      the same, failing on drafts, as a pull request's check does
python -m medmassage due --days 30      list pages whose review falls due soon
python -m medmassage schema             write the front matter JSON Schema
python -m medmassage new condition ID --title "…"   start a page from archetypes/condition.md
python -m medmassage render OUT_DIR     write the site as plain Markdown, for any engine, without hooks
python -m medmassage finish SITE_DIR    the last pass over a built site: policy, safe links, sanitiser
python -m medmassage verify SITE_DIR    check a built site against the content; exit 1 on any gap
python -m medmassage links              ask every source's address whether it still answers
python -m medmassage sign PAGE... --by ID   record a clinician's review of each page (signoff.py)
python -m medmassage approvals --pull N --base SHA --head SHA   require each signer's approval (approvals.py)
python -m medmassage codeowners         write the clinical part of .github/CODEOWNERS from the sign-offs
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from .. import __version__
from ..checks.checker import check_project
from ..checks.reporter import report
from ..checks.review import Due, due_within
from ..model.registry import SITE, Collection
from ..project.config import load_project
from ..project.signoff import withdrawn_markdown
from ..site.build import nothing_built
from ..site.export import finish_site, render_tree
from ..site.scaffold import ScaffoldError, new_page
from ..site.verify import verify_site
from . import signoff_commands


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "schema" and not args.config.is_file():
        print(f"{args.config}: no such file. Run this from the folder that holds mkdocs.yml.", file=sys.stderr)
        return 2
    commands = {
        "check": run_check,
        "due": run_due,
        "schema": run_schema,
        "new": run_new,
        "render": run_render,
        "finish": run_finish,
        "verify": run_verify,
        "links": run_links,
        **signoff_commands.COMMANDS,
    }
    return commands[args.command](args)


def build_parser() -> argparse.ArgumentParser:
    """Every command with its description, and every option with its default.

    `--config` may come before the command or after it: each command's copy of the option leaves
    the value alone unless it is given there.
    """
    formatter = argparse.ArgumentDefaultsHelpFormatter
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="the site's mkdocs.yml (default: mkdocs.yml)",
    )
    parser = argparse.ArgumentParser(prog="medmassage", description=__doc__.split("\n\n")[0], formatter_class=formatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=summary, description=description, parents=[config], formatter_class=formatter
        )

    check = command(
        "check",
        "check every page and data file; exit 1 on any error",
        "Check every page and data file as the build does, and print each problem as "
        "`path:line: message`. Exit 1 on any error; warnings alone exit 0.",
    )
    check.add_argument(
        "--preflight",
        action="store_true",
        help="say nothing unless MkDocs could not even start on the config file (YAML it cannot "
        "read, a navigation it refuses); then check everything, as before a build",
    )
    check.add_argument(
        "--publish",
        action="store_true",
        help="publish mode, as the deploy runs: drafts, archetype sentences and placeholder "
        "practice details are errors, not warnings",
    )
    check.add_argument(
        "--merge",
        action="store_true",
        help="as a pull request's check runs: drafts and archetype sentences are errors, since "
        "merged they would stop every deploy; placeholder practice details stay warnings",
    )
    due = command(
        "due",
        "list the pages whose review falls due within N days",
        "List the pages whose next review falls within --days days, soonest first; a review "
        "already missed is marked 'overdue'. Then the pages whose clinical review a change has "
        "withdrawn, with the clinician to ask. Exit 0, unless --fail-if-due and a page is listed.",
    )
    due.add_argument("--days", type=_days, default=30, help="how many days ahead to look")
    due.add_argument("--fail-if-due", action="store_true", help="exit 1 if any page is listed, for a scheduled job")
    due.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="markdown: the list for the weekly review issue"
    )
    schema = command(
        "schema",
        "write the JSON Schema of each kind of page",
        "Write the JSON Schema of each kind of page's front matter, for editors' tools. "
        "With --check, write nothing and exit 1 if a file differs from what the models give.",
    )
    schema.add_argument(
        "--output",
        type=Path,
        metavar="FOLDER",
        help="folder for the schema files (default: schema/ beside the config file)",
    )
    schema.add_argument("--check", action="store_true", help="only check that the files are current")
    new = command(
        "new",
        "start a page of a kind, such as a condition, from its archetype",
        "Copy the archetype of a kind of page to a new page, fill in its id, title and date, "
        "and list it in the navigation. Never overwrites a page.",
    )
    new.add_argument("kind", help="the kind of page: " + ", ".join(c.noun for c in SITE.collections))
    new.add_argument("id", help="the page's id and file name, such as frozen-shoulder")
    new.add_argument("--title", required=True, help="the page title, in plain words")
    new.add_argument("--section", help="the nav section to list the page under (default: the kind's own)")
    render = command(
        "render",
        "write every page as plain Markdown, and a config without hooks",
        "Write the site as plain Markdown and a config without hooks, for any engine to build.",
    )
    render.add_argument("out_dir", type=Path, help="an empty or new folder")
    finish = command(
        "finish",
        "the last pass over a built site: policy, safe links, sanitiser",
        "Give a site that another engine built the last pass the hooks give: the "
        "Content-Security-Policy, safe outbound links and the sanitiser.",
    )
    finish.add_argument("site_dir", type=Path, help="the built site's folder")
    verify = command(
        "verify",
        "check a built site against the content; exit 1 on any gap",
        "Check that a built site has every page with all its content, structured data and "
        "policy, whichever engine built it. Exit 1 on any gap.",
    )
    verify.add_argument("site_dir", type=Path, help="the built site's folder")
    links = command(
        "links",
        "ask every source's address whether it still answers",
        "Ask every source's address in the pages' front matter whether it still answers, and "
        "list as `path:line: message` each one that is broken, has moved, or has an https:// "
        "home. Exit 1 if any is listed. Other sites change on their own, so this runs weekly "
        "(.github/workflows/source-links.yml), never in a pull request.",
    )
    links.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for each answer")
    links.add_argument("--retries", type=int, default=2, help="tries after no answer or a server error")
    signoff_commands.add_commands(command)
    return parser


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days: give 0 or more, such as 60")
    return int(text)


def run_check(args: argparse.Namespace) -> int:
    """With `--preflight` (scripts/build runs it before MkDocs), quiet unless MkDocs would stop before its hooks."""
    project = load_project(args.config.resolve())
    if args.preflight and not project.config_refused:
        return 0
    result = check_project(project, publish=True if args.publish else None, merge=args.merge)
    report(result.problems, sys.stderr)
    if result.errors and args.preflight:
        print(nothing_built(len(result.errors)), file=sys.stderr)
        return 1
    if result.errors:
        print(f"The content check found {len(result.errors)} problem(s). Nothing was published.", file=sys.stderr)
        return 1
    print(f"Content check passed: {len(result.content.pages)} pages.", file=sys.stderr)
    return 0


def run_due(args: argparse.Namespace) -> int:
    project = load_project(args.config.resolve())
    result = check_project(project)
    horizon = project.today + timedelta(days=args.days)
    due = due_within(result.content, horizon)
    docs = project.docs_dir.relative_to(project.root).as_posix()
    overdue = [item for item in due if item.due < project.today]
    withdrawn = withdrawn_markdown(result.renderer.reviews, docs) if result.renderer else ""
    if args.format == "markdown":
        print((due_markdown(due, docs, project.today, horizon) if due or not withdrawn else "") + withdrawn, end="")
    for item in due if args.format == "text" else ():
        status = "overdue " if item in overdue else "due soon"
        print(f"{item.due}  {status}  {docs}/{item.entry.path}  {item.entry.record.title}")
    for signed in result.renderer.reviews.withdrawn() if args.format == "text" and result.renderer else ():
        entry = signed.entry
        print(f"{signed.date}  changed   {docs}/{entry.path}  {entry.record.title}  (ask {signed.clinician.id})")
    print(f"{len(due)} page(s) due for review by {horizon}, {len(overdue)} of them overdue.", file=sys.stderr)
    if result.content.unparsed:
        print("Some pages could not be read; run the check to see why.", file=sys.stderr)
    return 1 if (due or withdrawn) and args.fail_if_due else 0


def run_links(args: argparse.Namespace) -> int:
    try:
        from .linkcheck import Politeness, check_addresses, citations, user_agent
    except ModuleNotFoundError as error:  # httpx comes with the test tooling, not with the site build
        print(f"The link check needs {error.name}: run scripts/setup --test first.", file=sys.stderr)
        return 2
    project = load_project(args.config.resolve())
    cited = citations(project)
    problems = check_addresses(cited, user_agent(project.site), Politeness(args.timeout, args.retries))
    for problem in problems:
        print(problem)
    addresses = len({c.url for c in cited})
    print(f"Asked {addresses} source address(es): {len(problems)} citation(s) to look at.", file=sys.stderr)
    return 1 if problems else 0


def due_markdown(due: list[Due], docs: str, today: date, horizon: date) -> str:
    """The body of the weekly review issue: one line a page, soonest first, overdue ones marked."""
    if not due:
        return f"No page is due for review by {horizon}. This issue can be closed.\n"
    lines = [
        f"These pages are due for review by {horizon}, soonest first. Check each against its sources, "
        "then update `last_reviewed` (and `clinical_review`, if a clinician reviewed it).",
        "",
    ]
    for item in due:
        late = " (overdue)" if item.due < today else ""
        lines.append(f"- {item.due}{late}: {item.entry.record.title}, `{docs}/{item.entry.path}`")
    return "\n".join(lines) + "\n"


def run_new(args: argparse.Namespace) -> int:
    try:
        created = new_page(args.config.resolve(), args.kind, args.id, args.title, args.section)
    except ScaffoldError as error:
        print(f"Nothing was created: {error}", file=sys.stderr)
        return 1
    listed = f"listed it under '{created.section}' in" if created.added_to_nav else "found it already listed in"
    print(
        f"Created {created.page} and {listed} {args.config.name}. Fill in its fields and text, "
        "then run: python -m medmassage check",
        file=sys.stderr,
    )
    return 0


def schema_text(kind: Collection) -> str:
    """The JSON Schema of a kind's front matter, titled with its noun, such as "Condition"."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **kind.model.model_json_schema(),
        "title": kind.noun.capitalize(),
    }
    return json.dumps(schema, indent=2, default=str) + "\n"


def run_schema(args: argparse.Namespace) -> int:
    registry = load_project(args.config.resolve()).registry if args.config.is_file() else SITE
    if registry is None:
        print("The site's kinds of page could not be read. Run: medmassage check", file=sys.stderr)
        return 1
    output = args.output or args.config.parent / "schema"
    files = {output / kind.schema_file: schema_text(kind) for kind in registry.kinds}
    if args.check:
        stale = [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path}: out of date with the page models. Run: medmassage schema", file=sys.stderr)
        if not stale:
            print(f"The {len(files)} schema files in {output} are current.", file=sys.stderr)
        return 1 if stale else 0
    output.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {path}", file=sys.stderr)
    return 0


def run_render(args: argparse.Namespace) -> int:
    if args.out_dir.exists() and any(args.out_dir.iterdir()):
        print(f"{args.out_dir} is not empty. Name a new or empty folder.", file=sys.stderr)
        return 2
    errors = render_tree(load_project(args.config.resolve()), args.out_dir, sys.stderr)
    if errors:
        print(f"The content check found {errors} problem(s). Nothing was written.", file=sys.stderr)
        return 1
    print(
        f"Wrote the pages and {args.config.name} to {args.out_dir}. Build it with any engine, "
        f"then run: python -m medmassage finish SITE_DIR",
        file=sys.stderr,
    )
    return 0


def run_finish(args: argparse.Namespace) -> int:
    if not args.site_dir.is_dir():
        print(f"{args.site_dir}: no such folder. Build the site first.", file=sys.stderr)
        return 2
    project = load_project(args.config.resolve())
    pages = finish_site(args.site_dir, project)
    print(f"Finished {len(pages)} page(s) in {args.site_dir}.", file=sys.stderr)
    return 0


def run_verify(args: argparse.Namespace) -> int:
    if not args.site_dir.is_dir():
        print(f"{args.site_dir}: no such folder. Build the site first.", file=sys.stderr)
        return 2
    gaps = verify_site(load_project(args.config.resolve()), args.site_dir, sys.stderr)
    if gaps is None:
        print("The content check found problems, listed above, so the site cannot be verified.", file=sys.stderr)
        return 1
    for gap in gaps:
        print(f"{args.site_dir.as_posix().rstrip('/')}/{gap}", file=sys.stderr)
    if gaps:
        print(f"The built site has {len(gaps)} gap(s), listed above. Do not publish it.", file=sys.stderr)
        return 1
    print(f"{args.site_dir} has every page, with all its content, structured data and policy.", file=sys.stderr)
    return 0
