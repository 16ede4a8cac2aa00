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

from .frontmatter import Located
from .schema import PLAIN_TEXT, Record, Text
from .validation import validate


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", value):
        raise ValueError("write an email address, such as hello@example.org")
    return value


def _file_beside_config(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*\.py", value):
        raise ValueError("name a Python file in the same folder as mkdocs.yml, such as content_types.py")
    return value


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_email)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000, pattern=PLAIN_TEXT)]


class Practice(Record):
    """The practice that publishes the site: shown in every page's byline and structured data."""

    name: Text
    url: HttpUrl
    email: Email | None = None


class Author(Record):
    name: Text = Field(description="Who writes the pages, as the byline names them.")


class ContentChecks(Record):
    overdue_reviews: Literal["warn", "error"] = Field(
        "warn", description="'warn' prints overdue reviews; 'error' fails the build.")


class Settings(Record):
    """Everything under `extra:` in mkdocs.yml. Unknown keys are errors, so a typo cannot pass unseen."""

    practice: Practice
    author: Author
    disclaimer: LongText
    content_checks: ContentChecks = ContentChecks()
    content_types: Annotated[str, AfterValidator(_file_beside_config)] | None = Field(
        None, description="A Python file beside mkdocs.yml that declares more kinds of page; see registry.py.")


class ConfigFile(BaseModel):
    """The parts of mkdocs.yml that this package reads; MkDocs checks the rest."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    extra: Settings


def load_settings(config: Located, config_name: str) -> Settings:
    """The validated `extra:` settings; raises `FileProblems` with each mistake at its line of `config_name`."""
    return validate(ConfigFile, config, config_name, unknown="is not a setting this site uses").extra
