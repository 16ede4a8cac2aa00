"""Small helpers for the tests: edit a file in place, find a free port, name a venv tool, use the site's settings."""

from __future__ import annotations

import socket
import sys
from pathlib import Path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tool(name: str) -> str:
    """A command installed beside this Python, such as zizmor."""
    return str(Path(sys.executable).with_name(name))


def with_site_config(config: Path) -> None:
    """The real mkdocs.yml, with the fixture's own nav: the site's settings on the fixture's pages."""
    real = (Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
    fixture = config.read_text(encoding="utf-8")
    config.write_text(real[: real.index("\nnav:")] + fixture[fixture.index("\nnav:"):], encoding="utf-8")
