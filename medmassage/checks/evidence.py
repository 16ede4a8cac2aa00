"""Evidence, not hope: a page says massage may help only with research about massage behind it.

A "may help" section needs `evidence:` from research about massage, or a plain statement that
there is little research; a source that backs a claim about massage must itself be about massage.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.problems import Problem
from ..model.schema import Condition
from ..project.content import Content, Entry
from ..project.evidence import is_supported, may_help_offset


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
