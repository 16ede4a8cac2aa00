"""How the site words each level of warning sign, from the practice's emergency settings."""

from __future__ import annotations

from dataclasses import dataclass

from ..project.settings import Emergency


@dataclass(frozen=True)
class Urgency:
    """How a level of warning sign is headed and introduced on the page, in the practice's own words."""

    heading: str
    lead: str


def urgency_words(emergency: Emergency) -> dict[str, Urgency]:
    """The heading and lead of each level, most urgent first, naming the configured number and services."""
    return {
        "emergency": Urgency(
            f"Emergency: call {emergency.number} or go to {emergency.department} now",
            f"Call {emergency.number} or go to {emergency.department} straight away if you have any of these:",
        ),
        "urgent": Urgency(
            "Urgent: get medical help today", f"If you have any of these, get help the same day: {emergency.same_day}."
        ),
        "before_massage": Urgency(
            "See a doctor before you have massage", "See a doctor before you book a massage if you have any of these:"
        ),
    }
