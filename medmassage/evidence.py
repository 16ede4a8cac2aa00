"""Evidence, not hope: a page says massage may help only with research about massage behind it.

A condition's `evidence:` says how strong the research on massage for it is, with sources that
are themselves about massage (`about_massage: true`), or says plainly that there is little
research. A technique it lists carries the sources that support that pairing, or is shown as the
practice's own approach. This module checks both, and finds where the page says massage may help,
which is where the page shows what the research says (render.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import markers
from .content import Content, Entry
from .problems import Problem
from .schema import Condition, Evidence, Source

HEADING = re.compile(r"#{2,6}[ \t]")
MAY_HELP = re.compile(r"\bmay help\b", re.IGNORECASE)
"""A section that says how massage may help, such as `## How medical massage may help`."""
LITTLE_RESEARCH = "little-research"
ABOUT_MASSAGE = re.compile(r"\bmay help\b|\bwhat massage can\b", re.IGNORECASE)
"""Where "What the research says" goes: under the "may help" section, or the one that says there is little research.
Each pattern is searched in a heading's text, not matched across it, so the time is linear in the line."""


def may_help_offset(body: str, words: re.Pattern[str] = MAY_HELP) -> int | None:
    """The line of the body (from 0) that heads its "may help" section, outside code blocks; None if it has none."""
    return next(
        (
            line.offset
            for line in markers.lines(body)
            if not line.in_code and HEADING.match(line.text) and words.search(line.text)
        ),
        None,
    )


def is_supported(evidence: Evidence, condition: Condition) -> bool:
    """Whether the evidence names a source about massage, or says plainly that there is little research."""
    if evidence.strength == LITTLE_RESEARCH:
        return True
    about_massage = {source.id for source in condition.sources if source.about_massage}
    return any(id_ in about_massage for id_ in evidence.sources)


def check_evidence(content: Content) -> Iterator[Problem]:
    for entry in content.pages.values():
        if isinstance(entry.record, Condition):
            yield from _check_condition(entry, entry.record)


def _check_condition(entry: Entry, condition: Condition) -> Iterator[Problem]:
    meta = entry.document.meta
    evidence = condition.evidence
    heading = may_help_offset(entry.document.body)
    if evidence is None and heading is not None:
        yield Problem(
            entry.path,
            entry.document.body_line + heading,
            "this section says massage may help, but the page does not say what research on massage finds. "
            "Add evidence: with its strength, a summary and a source about massage, or strength: little-research.",
        )
    if evidence is not None and not is_supported(evidence, condition):
        yield Problem(
            entry.path,
            meta.line_of(("evidence", "strength")),
            f"the research is rated '{evidence.strength}', but evidence: names no source about massage. Add one "
            "to its sources: (marked about_massage: true), or write strength: little-research and claim no benefit.",
        )
    yield from _not_about_massage(entry, condition)


def _not_about_massage(entry: Entry, condition: Condition) -> Iterator[Problem]:
    """Sources that back a claim about massage but are not about massage themselves."""
    by_id = {source.id: source for source in condition.sources}
    cited: list[tuple[tuple, str, str]] = []
    if condition.evidence is not None:
        cited += [(("evidence", "sources", i), "evidence", id_) for i, id_ in enumerate(condition.evidence.sources)]
    for index, item in enumerate(condition.techniques):
        field = f"the technique '{item.id}'"
        cited += [(("techniques", index, "sources", i), field, id_) for i, id_ in enumerate(item.sources)]
    for loc, field, id_ in cited:
        source = by_id.get(id_)
        if source is not None and not source.about_massage:  # an unknown id is check_references' to report
            yield Problem(
                entry.path,
                entry.document.meta.line_of(loc),
                f"the source '{id_}' backs {field}, but it is not marked about_massage: true. Cite a trial, "
                "review or guideline about massage here, and mark it so only if it is one.",
            )


def place(body: str, box: str) -> str:
    """`box` under the body's "may help" heading, so the claim and its evidence are read together; else at the end."""
    offset = may_help_offset(body, ABOUT_MASSAGE)
    if offset is None:
        return f"{body.rstrip()}\n\n{box}"
    lines = [line.text for line in markers.lines(body)]
    head, tail = "".join(lines[: offset + 1]), "".join(lines[offset + 1 :])
    return f"{head.rstrip()}\n\n{box}\n{tail.lstrip(chr(10))}"


def backing(entry: Entry, other: Entry) -> list[Source] | None:
    """The sources that support a condition-technique pairing, [] for the practice's own approach,
    None when the two pages are not such a pair."""
    condition, technique = (entry, other) if isinstance(entry.record, Condition) else (other, entry)
    record, technique_id = condition.record, getattr(technique.record, "id", None)
    if not isinstance(record, Condition) or isinstance(technique.record, Condition) or technique_id is None:
        return None
    if not record.lists_technique(technique_id):
        return None
    ids = record.technique_sources(technique_id)
    return [source for id_ in ids for source in record.sources if source.id == id_]
