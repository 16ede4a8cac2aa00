"""Files are what they say, and only that: images decode to their end marker, PDFs carry nothing that runs.

The fixtures image-with-appended-data, image-does-not-decode, image-too-many-pixels,
pdf-with-actions and pdf-unreadable show the refusals in the check and the strict build
(test_invalid_content.py); here the edges of each format, and the same refusals in the preview.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from medmassage.checks.file_content import image_problem, pdf_problem
from support import FIXTURES, make_project, preview_text

CASES = [
    "image-with-appended-data",
    "image-does-not-decode",
    "image-too-many-pixels",
    "pdf-with-actions",
    "pdf-unreadable",
]


def saved(image: Image.Image, kind: str, **options) -> bytes:
    data = io.BytesIO()
    image.save(data, kind, **options)
    return data.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("progressive.jpg", saved(Image.effect_noise((64, 64), 40).convert("RGB"), "JPEG", progressive=True)),
        (
            "animated.gif",
            saved(Image.new("P", (8, 8), 1), "GIF", save_all=True, append_images=[Image.new("P", (8, 8), 2)]),
        ),
        ("odd.webp", saved(Image.new("RGB", (7, 3)), "WEBP")),
        ("grey.png", saved(Image.new("L", (5, 5)), "PNG")),
    ],
)
def test_real_images_pass_and_one_byte_more_does_not(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert image_problem(path, "an image") is None
    path.write_bytes(data + b"<")
    assert "1 more bytes after the end of the image" in (image_problem(path, "an image") or "")


def _pdf(tmp_path: Path, change) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    change(writer)
    path = tmp_path / "leaflet.pdf"
    writer.write(path)
    return path


def _launch_on_a_link(writer: PdfWriter) -> None:
    action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc")})
    link = DictionaryObject({NameObject("/Subtype"): NameObject("/Link"), NameObject("/A"): action})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


def _page_event(writer: PdfWriter) -> None:
    writer.pages[0][NameObject("/AA")] = DictionaryObject()


@pytest.mark.parametrize(
    ("change", "named"),
    [(_launch_on_a_link, "(Launch)"), (_page_event, "(AA)")],
    ids=["launch-in-a-link", "page-event"],
)
def test_an_action_anywhere_in_a_pdf_is_refused(tmp_path: Path, change, named: str) -> None:
    assert named in (pdf_problem(_pdf(tmp_path, change)) or "")


def test_a_name_spelt_with_escapes_is_still_read(tmp_path: Path) -> None:
    path = _pdf(tmp_path, lambda writer: None)
    raw = path.read_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /Names << /J#61vaScript 1 0 R >>", 1)
    path.write_bytes(raw)
    assert "JavaScript" in (pdf_problem(path) or "")


def test_a_plain_pdf_passes(tmp_path: Path) -> None:
    assert pdf_problem(_pdf(tmp_path, lambda writer: None)) is None


@pytest.mark.parametrize("case", CASES)
def test_the_preview_shows_the_same_refusal(case: str, tmp_path: Path) -> None:
    shown = preview_text(make_project(tmp_path / "project", FIXTURES / "invalid" / case))
    for line in (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line.split(": ", 1)[1] in shown
