"""The site's own settings, under `extra:` in mkdocs.yml, typed and checked like front matter.

MkDocs hands `extra` to the theme as it is, so a misspelt key used to show as an empty byline
("Published by .") and an empty publisher in the structured data. The check validates `extra`
against `Settings` and reports each mistake as `mkdocs.yml:line: message`, under the config
file's real name.

To add a setting, add a field to `Settings` or to one of its groups (with a default when the
setting is optional), then read it from `project.settings`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from ..model.schema import PLAIN_TEXT, Record, Text
from .frontmatter import Located
from .validation import validate


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", value):
        raise ValueError("write an email address, such as hello@example.org")
    return value


def _file_beside_config(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*\.py", value):
        raise ValueError("name a Python file in the same folder as mkdocs.yml, such as content_types.py")
    return value


def _telephone(value: str) -> str:
    if not TELEPHONE.fullmatch(value) or not 3 <= len(dialled(value)) <= 15:
        raise ValueError(
            "write a telephone number in digits, with spaces, brackets or hyphens if you like and a + only "
            "at the start, such as 0161 496 0000 or +44 161 496 0000"
        )
    return value


TELEPHONE = re.compile(r"\+?[0-9][0-9 ()-]*[0-9]")
"""A number as people write it: a leading + for the country code, then digits, spaces, brackets and hyphens."""


def dialled(telephone: str) -> str:
    """The number as a `tel:` link dials it: its digits, after a + if it starts with one."""
    return ("+" if telephone.startswith("+") else "") + re.sub(r"[^0-9]", "", telephone)


def _https(value: HttpUrl) -> HttpUrl:
    if value.scheme != "https":
        raise ValueError("write an https:// address: readers give their details there, so it must be encrypted")
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000, pattern=PLAIN_TEXT)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=PLAIN_TEXT)]
LongerText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=PLAIN_TEXT)]
Telephone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=30), AfterValidator(_telephone)]
HttpsUrl = Annotated[HttpUrl, AfterValidator(_https)]


def _postal_code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{1,11}", value):
        raise ValueError("write the postcode or ZIP code in letters, digits, spaces and hyphens only, such as SW1A 1AA")
    return value


def _logo_file(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.(png|jpe?g|webp)", value, re.IGNORECASE):
        raise ValueError("name an image in the docs folder, such as images/logo.png (a PNG, JPEG or WebP file)")
    return value


LogoFile = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_logo_file)]
PostalCode = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_postal_code)]


class Address(Record):
    """Where the practice is, as a letter would be addressed; shown on the contact page with a link to a map."""

    street: ShortText = Field(description="The building and street, such as '12 High Street'.")
    locality: ShortText = Field(description="The town or city.")
    region: ShortText | None = Field(None, description="The county or state, if readers need it.")
    postal_code: PostalCode
    country: ShortText | None = Field(None, description="The country, such as 'United Kingdom'.")

    def lines(self) -> list[str]:
        return [line for line in (self.street, self.locality, self.region, self.postal_code, self.country) if line]


class Practice(Record):
    """The practice that publishes the site: shown in every page's byline and structured data.

    The optional details below fill the contact page, the home page's "how to book" and the
    referral page, and the practice's schema.org data; a detail left out is not shown.
    """

    name: Text
    url: HttpUrl
    email: Email | None = None
    phone: Telephone | None = Field(
        None, description="The practice's telephone number as readers dial it, such as 020 7946 0000 or +1 555 0100."
    )
    address: Address | None = None
    opening_hours: Annotated[list[ShortText], Field(min_length=1, max_length=14)] | None = Field(
        None, description="One line for each day or group of days, such as 'Monday to Friday: 9am to 5pm'."
    )
    booking_url: HttpsUrl | None = Field(None, description="Where readers book online: an https:// address.")
    languages: Annotated[list[ShortText], Field(min_length=1, max_length=20)] | None = Field(
        None, description="The languages the therapists speak with clients, such as English or Welsh."
    )
    accessibility: Annotated[list[LongerText], Field(min_length=1, max_length=10)] | None = Field(
        None, description="How to get in and around: step-free access, parking, toilets, hearing loops."
    )
    logo: LogoFile | None = Field(
        None,
        description="The practice's logo, shown in every page's header: an image in docs/, such as images/logo.png.",
    )


class Author(Record):
    name: Text = Field(description="Who writes the pages, as the byline names them.")


def _phone_number(value: str) -> str:
    if not re.fullmatch(r"[0-9]{2,6}", value):
        raise ValueError("write the number with digits only, such as 999, 911 or 112")
    return value


PhoneNumber = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_phone_number)]


class Emergency(Record):
    """Where a reader should go, by how urgent a warning sign is, in words that fit the practice's country.

    Set once here and shown on every condition page; pages never write a number themselves.
    The default is the United Kingdom's, since the site's sources are mostly NHS pages. A
    practice in the United States, for example, would set 911, "the emergency room" and
    "call your doctor's office for a same-day appointment, or go to urgent care".
    """

    number: PhoneNumber = Field("999", description="The emergency phone number, such as 999, 911 or 112.")
    department: Text = Field("A&E", description="What readers call the hospital emergency department.")
    same_day: Text = Field(
        "ask your GP practice for an urgent appointment, or call 111",
        description="What to do for help the same day, as a phrase that follows 'get help today:'.",
    )


class Readability(Record):
    """The reading-level warning: a page whose prose reads above `target_grade` gets a warning."""

    target_grade: float = Field(8.0, ge=1, le=18, description="The highest Flesch-Kincaid grade a page may read at.")
    known_words: list[Text] = Field(
        [], description="Medical names a page cannot avoid; each counts as a one-syllable word."
    )


class ContentChecks(Record):
    overdue_reviews: Literal["warn", "error"] = Field(
        "warn", description="'warn' prints overdue reviews; 'error' fails the build."
    )
    publish: bool = Field(
        False,
        description="Publish mode: drafts, sentences left from an archetype and placeholder practice "
        "details fail the check instead of warning. The deploy sets CONTENT_PUBLISH=1.",
    )
    readability: Readability = Readability()
    seconds_per_page: float = Field(
        5.0,
        gt=0,
        le=120,
        description="How long the check may take to read one page; a page that takes longer is an error at its path.",
    )


class Lists(Record):
    per_page: int = Field(
        100,
        ge=10,
        le=1000,
        description=(
            "The most pages a generated list shows on one page. A longer list, such as the matrix of a "
            "large site, shows a summary by body area, and the build adds pages of its own for the rest."
        ),
    )


class Settings(Record):
    """Everything under `extra:` in mkdocs.yml. Unknown keys are errors, so a typo cannot pass unseen."""

    practice: Practice
    author: Author
    disclaimer: LongText
    content_checks: ContentChecks = ContentChecks()
    emergency: Emergency = Emergency()
    lists: Lists = Lists()
    content_types: Annotated[str, AfterValidator(_file_beside_config)] | None = Field(
        None, description="A Python file beside mkdocs.yml that declares more kinds of page; see registry.py."
    )


class ConfigFile(BaseModel):
    """The parts of mkdocs.yml that this package reads; MkDocs checks the rest."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    extra: Settings


def load_settings(config: Located, config_name: str) -> Settings:
    """The validated `extra:` settings; raises `FileProblems` with each mistake at its line of `config_name`."""
    return validate(ConfigFile, config, config_name, unknown="is not a setting this site uses").extra
