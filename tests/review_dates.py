"""The day the tests take for today, so that no test depends on the calendar.

Fixture projects are checked on a fixed day (SOURCE_DATE_EPOCH in support.TOOL_ENV). A project
whose review dates move on as editors review pages, the real site or a generated corpus, is
checked on the day of its latest review: then no page was reviewed "after today", and no page
falls due because the calendar moved on (on 2027-11-28 every page of the real site would).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def last_review(docs: Path) -> date:
    """The latest day a page under `docs` says it was reviewed, by the editors or by a clinician."""
    days: list[object] = []
    for page in sorted(docs.rglob("*.md")):
        found = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
        meta = yaml.safe_load(found.group(1)) if found else None
        if isinstance(meta, dict):
            review = meta.get("clinical_review")
            days += [meta.get("last_reviewed"), review.get("date") if isinstance(review, dict) else None]
    reviewed = [day for day in days if isinstance(day, date)]
    assert reviewed, f"no page under {docs} says when it was reviewed"
    return max(reviewed)


def source_date_epoch(day: date) -> str:
    """`day` as the tools read it from SOURCE_DATE_EPOCH (medmassage.project.config.build_date): midnight UTC."""
    return str(calendar.timegm(day.timetuple()))
