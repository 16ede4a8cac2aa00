"""Files are what their names say, and only that: images decode to their end, and PDFs run nothing.

files.py checks a file's first bytes; that is not enough. A PNG with a web page appended is a
valid PNG to a browser and a valid HTML page to anything that sniffs (and to a reader who saves
it), and a PDF can carry JavaScript that runs when it opens, open another file or a web address
by itself, or hold other files attached. So:

- an image is decoded in full with Pillow (every frame of an animation), its pixel count is
  bounded before decoding (a small file can claim billions of pixels), and its container is
  walked to its end marker: PNG's IEND chunk, JPEG's end-of-image marker, GIF's trailer, WebP's
  RIFF size. Any byte after that end is refused.
- a PDF is read with pypdf, and every object in it, those packed in object streams included,
  is walked: a name that runs or opens something (JavaScript, actions on opening or on any event,
  launching a program, forms that submit, attached or embedded files, rich media) is refused, as
  is a PDF pypdf cannot read or that is encrypted (so could not be walked).
"""

from __future__ import annotations

import logging
import re
import struct
import warnings
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

MAX_PIXELS = 40_000_000
"""A 40-megapixel photograph is larger than any page shows; past it, a small file can claim billions of pixels."""
ACTIVE_PDF_NAMES = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/OpenAction": "an action that runs when the file opens",
    "/AA": "an action that runs on an event",
    "/Launch": "an action that starts another program",
    "/SubmitForm": "a form that sends data",
    "/ImportData": "an action that imports data",
    "/GoToR": "a link that opens another file",
    "/GoToE": "a link that opens an embedded file",
    "/EmbeddedFile": "an attached file",
    "/EmbeddedFiles": "an attached file",
    "/FileAttachment": "an attached file",
    "/RichMedia": "embedded media",
    "/XFA": "an XFA form, which can hold scripts",
}
HEX_ESCAPE = re.compile(r"#([0-9A-Fa-f]{2})")
MAX_PDF_OBJECTS = 100_000
logger = logging.getLogger("pypdf")
"""pypdf logs what it repairs as it reads; the check says what matters in its own words."""


def image_problem(path: Path, kind: str) -> str | None:
    """What is wrong with an image file (one of files.py's allowed kinds), or None."""
    data = path.read_bytes()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (
                        f"this image is {width:,} × {height:,} pixels, over the limit of {MAX_PIXELS // 1_000_000} "
                        "million. Save it again at a smaller size: a page shows it no larger than a screen."
                    )
                for frame in ImageSequence.Iterator(image):
                    frame.load()
    except (OSError, SyntaxError, ValueError, EOFError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        return f"this file cannot be read as {kind} to its end ({_reason(error)}). Save it again as {kind}."
    end = _image_end(data, path.suffix.lower())
    if end is None:
        return f"this file cannot be read as {kind} to its end (its end marker is missing). Save it again as {kind}."
    if end < len(data):
        return (
            f"this file has {len(data) - end:,} more bytes after the end of the image, which can hide another "
            f"kind of file (a web page or a script). Save the image again as {kind} from an image editor."
        )
    return None


def pdf_problem(path: Path) -> str | None:
    """What is wrong with a PDF file, or None."""
    quiet, logger.level = logger.level, logging.ERROR
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return "this PDF is encrypted, so the check cannot read it. Save it again without a password."
        found = _active_names(reader)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as error:
        return f"this PDF cannot be read ({_reason(error)}). Export it again as a PDF."
    finally:
        logger.level = quiet
    if found is None:
        return None
    return (
        f"this PDF contains {ACTIVE_PDF_NAMES[found]} ({found[1:]}), which runs or opens something by itself. "
        "Export it again without scripts, actions or attachments, for example with 'Print to PDF'."
    )


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:80].rstrip(".")
    return text or type(error).__name__


def _active_names(reader: PdfReader) -> str | None:
    """The first active name in any object of the PDF, as a key or as a value; None if there is none."""
    pending: list[object] = [reader.trailer]
    pending += [
        IndirectObject(number, generation, reader) for generation, numbers in reader.xref.items() for number in numbers
    ]
    pending += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
    seen: set[tuple[int, int]] = set()
    while pending:
        if len(seen) > MAX_PDF_OBJECTS:
            raise ValueError("too many objects")
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject | StreamObject):
            for key, value in item.items():
                if (name := _active(key)) is not None:
                    return name
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
        elif isinstance(item, NameObject) and (name := _active(item)) is not None:
            return name
    return None


def _active(name: object) -> str | None:
    plain = HEX_ESCAPE.sub(lambda match: chr(int(match[1], 16)), str(name))
    return plain if plain in ACTIVE_PDF_NAMES else None


def _image_end(data: bytes, suffix: str) -> int | None:
    """Where the image data ends, by the container's own structure; None if its end cannot be found."""
    if suffix == ".png":
        return _png_end(data)
    if suffix in (".jpg", ".jpeg"):
        return _jpeg_end(data)
    if suffix == ".gif":
        return _gif_end(data)
    if suffix == ".webp":
        size = struct.unpack_from("<I", data, 4)[0] if len(data) >= 8 else None
        return None if size is None else 8 + size + (size & 1)
    return None


def _png_end(data: bytes) -> int | None:
    offset = 8
    while offset + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, offset)
        offset += 12 + length
        if kind == b"IEND":
            return offset
    return None


def _jpeg_end(data: bytes) -> int | None:
    """Segments up to each start of scan, then the scan's data up to the next marker, until end of image."""
    offset = 2
    while offset + 2 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xD9:
            return offset + 2
        if marker == 0xFF:
            offset += 1
            continue
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            offset += 2
            continue
        if offset + 4 > len(data):
            return None
        offset += 2 + struct.unpack_from(">H", data, offset + 2)[0]
        if marker == 0xDA:
            offset = _after_scan(data, offset)
    return None


def _after_scan(data: bytes, offset: int) -> int:
    """The offset of the first marker after entropy-coded data: 0xFF not followed by 0x00 or a restart marker."""
    while True:
        offset = data.find(b"\xff", offset)
        if offset < 0 or offset + 1 >= len(data):
            return len(data)
        following = data[offset + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            offset += 2
        else:
            return offset


def _gif_end(data: bytes) -> int | None:
    if len(data) < 13:
        return None
    flags = data[10]
    offset = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while offset < len(data):
        block = data[offset]
        if block == 0x3B:
            return offset + 1
        if block == 0x21:
            offset = _sub_blocks(data, offset + 2)
        elif block == 0x2C:
            if offset + 10 > len(data):
                return None
            local = data[offset + 9]
            offset += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            offset = _sub_blocks(data, offset + 1)
        else:
            return None
        if offset < 0:
            return None
    return None


def _sub_blocks(data: bytes, offset: int) -> int:
    """The offset after a chain of GIF data sub-blocks (each a length byte and that many bytes, ending at 0)."""
    while offset < len(data):
        size = data[offset]
        offset += 1 + size
        if size == 0:
            return offset
    return -1
