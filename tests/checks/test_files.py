"""docs/ holds only what a page needs, and no content or theme folder holds a link or an odd file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from medmassage.checks.files import check_folders
from medmassage.project.paths import regular_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def problems(root: Path) -> list[str]:
    return [f"{p.path}:{p.message}" for p in check_folders(root, root / "docs", [root / "data"])]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "docs/images").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "docs/index.md").write_text("---\n---\n")
    return tmp_path


def _saved(kind: str) -> bytes:
    """A real 8 × 8 image of the kind, as an image editor would save it."""
    saved = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 100, 50)).save(saved, kind)
    return saved.getvalue()


def test_pages_images_and_pdfs_pass(root: Path) -> None:
    (root / "docs/images/a.png").write_bytes(_saved("PNG"))
    (root / "docs/images/b.JPG").write_bytes(_saved("JPEG"))
    (root / "docs/images/c.webp").write_bytes(_saved("WEBP"))
    (root / "docs/images/d.gif").write_bytes(_saved("GIF"))
    leaflet = PdfWriter()
    leaflet.add_blank_page(72, 72)
    leaflet.write(root / "docs/leaflet.pdf")
    assert problems(root) == []


@pytest.mark.parametrize(
    ("name", "content", "start"),
    [
        ("page.html", b"<script>", "docs/page.html:'page.html' is not a kind of file a page can use"),
        ("x.js", b"alert(1)", "docs/x.js:'x.js' is not a kind of file"),
        ("x.css", b"body{}", "docs/x.css:'x.css' is not a kind of file"),
        ("x.svg", b"<svg onload=alert(1)>", "docs/x.svg:'x.svg' is not a kind of file"),
        ("CNAME", b"evil.example", "docs/CNAME:'CNAME' is not a kind of file"),
        (".htaccess", b"", "docs/.htaccess:the name '.htaccess' has characters"),
        ("fake.png", b"<html><script>", "docs/fake.png:the file's name ends in "),
        ("fake.webp", b"RIFF\0\0\0\0AVI ", "docs/fake.webp:the file's name ends in "),
        ("a b.png", PNG, "docs/a b.png:the name 'a b"),
        ("big.md", b"x" * (256 * 1024 + 1), "docs/big.md:this file is 257 KB, over the limit of 256 KB for a "),
    ],
)
def test_other_files_in_docs_are_refused(root: Path, name: str, content: bytes, start: str) -> None:
    (root / "docs" / name).write_bytes(content)
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(start), found


@pytest.mark.parametrize("link", ["docs/passwd.md", "docs/images", "data/benefits.yml", "docs", "data"])
def test_a_symbolic_link_anywhere_is_refused_and_never_followed(root: Path, tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    (outside / "secret").mkdir(parents=True)
    (outside / "secret/page.md").write_text("secret")
    target = root / link
    if target.is_dir():
        os.rename(target, tmp_path / "moved")
    elif target.exists():
        target.unlink()
    target.symlink_to(outside / "secret" if link in ("docs", "data", "docs/images") else "/etc/hostname")
    found = problems(root)
    assert len(found) == 1 and found[0].startswith(f"{link}:this is a symbolic link (to '{os.readlink(target)}')")
    assert all("secret" not in str(path) for path in regular_files(root / "docs", ".md"))


def test_a_pipe_is_refused_without_being_read(root: Path) -> None:
    os.mkfifo(root / "docs/pipe.md")
    assert problems(root) == ["docs/pipe.md:this is not a plain file (it is a device, a pipe or a socket). Remove it."]
    assert [path.name for path in regular_files(root / "docs", ".md")] == ["index.md"]
