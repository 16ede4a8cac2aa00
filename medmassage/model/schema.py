"""The typed records that every page's front matter must match.

The schema lives here, once. `python -m medmassage schema` exports it as JSON Schema
for editors' tools; the check validates every page against these models. A field that
names another page or a data file entry says so in its type with `Reference`, and the
check finds it there (see references.py).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    UrlConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .references import Reference

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="A short lowercase name with hyphens, such as `back-and-neck-pain`."),
]
PLAIN_TEXT = r"^[^<>\x00-\x08\x0b-\x1f\x7f]*$"
"""No markup and no control characters (a terminal escape in a title would reach every log that names it)."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=PLAIN_TEXT)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120, pattern=PLAIN_TEXT)]
Summary = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=40, max_length=200, pattern=PLAIN_TEXT),
    Field(description="One plain sentence, used as the page's description in search results."),
]
DOI_PATTERN = r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$"
Doi = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=DOI_PATTERN, max_length=200),
    Field(
        description="A DOI such as `10.1002/14651858.CD004871.pub5`: '10.', digits, '/', then letters, "
        "digits and - . _ ; ( ) / : only (Crossref's pattern for modern DOIs)."
    ),
]


def _no_duplicates(items: list) -> list:
    seen = set()
    for item in items:
        if item in seen:
            raise ValueError(f"'{item}' is listed twice")
        seen.add(item)
    return items


Unique = AfterValidator(_no_duplicates)
TextList = Annotated[list[Text], Unique]
TechniqueId = Annotated[Id, Reference("techniques")]
BodyAreaId = Annotated[Id, Reference("body_areas")]
BenefitId = Annotated[Id, Reference("benefits")]
SourceId = Annotated[Id, Reference("sources", local=True)]


class Record(BaseModel):
    """Base of every record: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    claims: ClassVar[bool] = True
    """Whether its text speaks for the site, so that the absolute-claim rule reads it (claims.py)."""


class Source(Record):
    """A published work the page rests on."""

    claims = False  # its title is the cited work's own words

    id: Id = Field(description="A short name for this source, used by `warning_signs` and `precautions`.")
    title: Text
    publisher: Text = Field(description="The publisher, or the journal for a paper.")
    year: int | None = Field(default=None, ge=1950, le=2100, description="The year it was published.")
    accessed: date | None = Field(default=None, description="For a web page that shows no date: when it was read.")
    url: Annotated[HttpUrl, UrlConstraints(max_length=500)] | None = Field(
        default=None, description="Its web address; https:// is expected, and http:// gives a warning."
    )
    doi: Doi | None = None
    about_massage: bool = Field(
        False,
        description="true only when the work itself studies or advises on massage: a trial, a systematic review "
        "or a guideline that speaks about massage. Only such a source can back a claim that massage may help.",
    )

    @model_validator(mode="after")
    def _has_locator(self) -> Source:
        if self.url is None and self.doi is None:
            raise ValueError("a source needs a url or a doi so readers can find it. Add one")
        if self.year is None and self.accessed is None:
            raise ValueError(
                "a source needs the year it was published or, for an undated web page, "
                "the date it was read (accessed). Add one"
            )
        return self


class SafetyNote(Record):
    """A list of warning signs or precautions, with the sources that back it."""

    claims = False  # safety guidance: "can cause permanent nerve damage" is a warning, not a promise

    items: TextList = Field(min_length=1)
    sources: Annotated[list[SourceId], Unique] = Field(
        min_length=1, description="Ids of entries in this page's `sources`."
    )


class AcceptedClaim(Record):
    """A sentence with an absolute claim that a reviewer decided must stay, and why."""

    claims = False

    text: Text = Field(description="The words of the sentence, exactly as the page has them.")
    reason: Text = Field(description="Why it stays, such as what the source says and who agreed.")


Day = date
"""`date`, under a name that a field called `date` cannot hide."""


FINGERPRINT = re.compile(r"sha256:[0-9a-f]{64}")
"""The form `medmassage sign` writes: the algorithm, then the digest in lowercase hexadecimal."""
GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
ClinicianId = Annotated[Id, Reference("clinicians")]


class ClinicalReview(Record):
    """A clinician's sign-off: who (an id in data/clinicians.yml), when, and a fingerprint of what they read.

    `medmassage sign` writes it (signoff.py); the page says it was reviewed only while its content
    still has this fingerprint (fingerprint.py).
    """

    by: ClinicianId = Field(description="The clinician's id in data/clinicians.yml.")
    date: Day = Field(description="The day they reviewed the page, written YYYY-MM-DD.")
    fingerprint: str = Field(
        description="`sha256:` and 64 hexadecimal digits: what the clinician reviewed, as `medmassage sign` wrote it.",
        json_schema_extra={"pattern": "^sha256:[0-9a-f]{64}$"},
    )

    @model_validator(mode="before")
    @classmethod
    def _not_the_old_form(cls, value: object) -> object:
        if isinstance(value, dict) and ({"name", "credential"} & value.keys()) and "by" not in value:
            raise ValueError(
                "this is the old form of a review, a name and credential that anyone could type. Delete it, "
                "add the clinician to data/clinicians.yml, and have them sign the page: "
                "python -m medmassage sign PAGE --by THEIR-ID (CONTRIBUTING.md, 'Clinical review')"
            )
        return value

    @field_validator("fingerprint")
    @classmethod
    def _as_sign_writes_it(cls, value: str) -> str:
        if not FINGERPRINT.fullmatch(value):
            raise ValueError(
                "it is not in the form that medmassage sign writes (sha256: and 64 digits and letters a to f). "
                "Never type a fingerprint: ask the clinician to sign the page again"
            )
        return value


class Clinician(Record):
    """An entry of data/clinicians.yml: a clinician who may sign pages, as readers can look them up."""

    claims = False  # names and titles, not the site's words

    id: Id
    name: Name = Field(description="Their name as readers see it, such as `Alex Lee`.")
    credential: Name = Field(description="Their profession, such as `Registered Physiotherapist`.")
    registration: Name = Field(description="The register and number a reader can look up, such as `HCPC PH123456`.")
    github: str = Field(description="Their GitHub login, whose approval of a pull request signs a page.")

    @field_validator("github")
    @classmethod
    def _a_github_login(cls, value: str) -> str:
        if len(value) > 39 or not GITHUB_LOGIN.fullmatch(value):
            raise ValueError(
                "it is not a GitHub login: letters, digits and single hyphens, at most 39, without the @. "
                "Copy it from their GitHub profile"
            )
        return value


class FrontMatter(Record):
    """Front matter shared by every page of the site."""

    title: Text
    summary: Summary
    draft: bool = Field(
        False,
        description="A page still being written: previewed with a draft banner, "
        "never published. `python -m medmassage new` starts pages as drafts.",
    )
    last_reviewed: date = Field(description="The day the editors last checked the page against its sources.")
    clinical_review: ClinicalReview | None = Field(
        None,
        description="Written by `medmassage sign` once a clinician has reviewed the page, never by hand: "
        "the page says it was reviewed while its content still matches the fingerprint.",
    )
    next_review: date | None = None
    review_every_months: int | None = Field(default=None, ge=1, le=36, validate_default=True)
    hide: list[Literal["navigation", "toc", "path", "footer"]] = []
    accepted_claims: list[AcceptedClaim] = Field(
        [],
        description="Sentences with an absolute claim (cure, guaranteed, permanent) that a reviewer accepted, "
        "each with the reason. The check lists them, so each acceptance is reviewed too.",
    )

    # Field validators, not a model validator: pydantic runs a model validator only once every
    # field is valid, so its problem would show only after all the others were fixed.

    @field_validator("next_review")
    @classmethod
    def _after_last_review(cls, value: date | None, info: ValidationInfo) -> date | None:
        last = info.data.get("last_reviewed")
        if value is not None and last is not None and value <= last:
            raise ValueError(f"it is {value}, which is not after last_reviewed ({last}). Give a later date")
        return value

    @field_validator("review_every_months")
    @classmethod
    def _one_review_schedule(cls, value: int | None, info: ValidationInfo) -> int | None:
        if "next_review" not in info.data:  # next_review has a problem of its own
            return value
        if value is not None and info.data["next_review"] is not None:
            raise ValueError("next_review is given too, but a page has one review schedule. Keep one of the two")
        if value is None and info.data["next_review"] is None:
            raise ValueError(
                "the page has no review schedule. Add review_every_months (a number of months) or next_review (a date)"
            )
        return value


class Topic(FrontMatter):
    """What condition and technique pages share: an id, a place in the body, sources."""

    id: Id
    body_areas: Annotated[list[BodyAreaId], Unique] = Field(min_length=1, description="Ids from data/body_areas.yml.")
    benefits: Annotated[list[BenefitId], Unique] = Field(min_length=1, description="Ids from data/benefits.yml.")
    keywords: TextList = Field(min_length=1, description="Words a reader might search for.")
    sources: list[Source] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _unique_source_ids(cls, sources: list[Source]) -> list[Source]:
        ids = [source.id for source in sources]
        twice = next((id_ for id_ in ids if ids.count(id_) > 1), None)
        if twice:
            raise ValueError(f"two sources have the id '{twice}'. Give each source its own id")
        return sources


URGENCY = ("emergency", "urgent", "before_massage")
"""The levels of a warning sign, most urgent first: the order the page shows them in."""


class WarningSigns(Record):
    """A condition's warning signs, each at the level of urgency its sources give it."""

    emergency: SafetyNote | None = Field(
        None, description="Signs the sources say need the emergency number or the emergency department now."
    )
    urgent: SafetyNote | None = Field(
        None, description="Signs the sources say need medical help the same day (an urgent appointment or 111)."
    )
    before_massage: SafetyNote | None = Field(
        None, description="Signs the sources say need a doctor's check, so before booking a massage."
    )

    @model_validator(mode="after")
    def _at_least_one_level(self) -> WarningSigns:
        if not self.levels():
            raise ValueError("give at least one level: emergency, urgent or before_massage")
        return self

    def levels(self) -> list[tuple[str, SafetyNote]]:
        """(level, note) for each level given, most urgent first."""
        return [(level, getattr(self, level)) for level in URGENCY if getattr(self, level) is not None]


EVIDENCE_STRENGTH = ("moderate", "low", "very-low", "little-research")
"""How strong the research on massage for a condition is, strongest first (GRADE's words, and one for none)."""


class Evidence(Record):
    """What research on massage for a condition says, in plain words, and the works about massage that say it."""

    strength: Literal["moderate", "low", "very-low", "little-research"] = Field(
        description="How strong the research on massage for this condition is. `little-research` when there "
        "are few or no good studies: the page then claims no benefit."
    )
    summary: Text = Field(description="One or two plain sentences: what the studies found, and for what.")
    sources: Annotated[list[SourceId], Unique] = Field(
        [],
        description="Ids of entries in this page's `sources` that are about massage (`about_massage: true`). "
        "Needed unless the strength is `little-research`.",
    )


class TechniqueLink(Record):
    """A technique a condition lists: a plain id is the practice's own approach; with `sources`, the research
    about massage that supports using it for the condition."""

    id: Id = Field(description="The id of the technique page.")
    sources: Annotated[list[SourceId], Unique] = Field(
        [],
        description="Ids of entries in this page's `sources`, about massage, that support this technique here.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_plain_id(cls, value: Any) -> Any:
        """`- myofascial-release` is `{id: myofascial-release}`: one shape, so a mistake gets one plain message."""
        return {"id": value} if isinstance(value, str) else value


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TECHNIQUE_ITEM_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": ID_PATTERN, "maxLength": 60, "description": "A technique page's id."},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "pattern": ID_PATTERN, "maxLength": 60},
                "sources": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            },
            "description": "A technique page's id, with the sources about massage that support it here.",
        },
    ]
}
"""What editors' tools are told: the plain id the model also accepts, or the id with its sources."""


def _one_link_per_technique(items: list[TechniqueLink]) -> list[TechniqueLink]:
    _no_duplicates([item.id for item in items])
    return items


TechniqueItem = Annotated[TechniqueLink, Reference("techniques"), WithJsonSchema(TECHNIQUE_ITEM_SCHEMA)]


class Condition(Topic):
    """A condition page: the techniques that treat it are entered here, once."""

    techniques: Annotated[list[TechniqueItem], AfterValidator(_one_link_per_technique)] = Field(
        min_length=1,
        description="The technique pages used for this condition. A plain id is the practice's own approach; "
        "`{id: ..., sources: [...]}` names the research about massage that supports it.",
    )
    evidence: Evidence | None = Field(
        None,
        description="How strong the research on massage for this condition is, with its sources. "
        "Needed when the page says how massage may help.",
    )
    warning_signs: WarningSigns = Field(description="Signs that need medical help, by how urgent they are.")

    def technique_sources(self, technique_id: str) -> list[str]:
        """The ids of the sources that support using this technique for the condition; none for the practice's own."""
        return next((list(item.sources) for item in self.techniques if item.id == technique_id), [])

    def lists_technique(self, technique_id: str) -> bool:
        return any(item.id == technique_id for item in self.techniques)


class Technique(Topic):
    """A technique page: the conditions it is used for are derived, never typed."""

    precautions: SafetyNote = Field(description="When the technique must be avoided or adapted.")


class BodyArea(Record):
    """An entry of data/body_areas.yml; shown to readers as a tag."""

    id: Id
    label: Text


class Benefit(Record):
    """An entry of data/benefits.yml: one of the clinical benefits."""

    id: Id
    name: Text
    description: Text


class ComparisonColumns(Record):
    medical: Text
    relaxation: Text


class ComparisonRow(Record):
    """One aspect of the comparison; `[[id]]` or `[[id|label]]` in a cell links to a page.

    `medical_from: techniques` fills the medical cell with every technique page, so a new
    technique appears in the table without anyone editing it.
    """

    aspect: Text
    medical: Text | None = None
    medical_from: Literal["techniques"] | None = Field(
        None, description="Instead of `medical`: fill the cell from the pages of this collection."
    )
    relaxation: Text

    @model_validator(mode="after")
    def _one_medical_cell(self) -> ComparisonRow:
        if (self.medical is None) == (self.medical_from is None):
            raise ValueError("give either medical (the text) or medical_from (techniques), not both or neither")
        return self


class Comparison(Record):
    """data/comparison.yml: the medical versus relaxation massage table."""

    caption: Text
    columns: ComparisonColumns
    rows: list[ComparisonRow] = Field(min_length=1)
