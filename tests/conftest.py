"""Fixtures shared by the tests; the helpers they use are in support.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the minimal valid project in a temporary folder."""
    return make_project(tmp_path / "project")
