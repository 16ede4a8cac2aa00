"""What may sit in the content folders: docs/ holds only what a page needs, and no folder holds a link.

MkDocs publishes every file under docs/ and follows symbolic links, so an `.html` file would be
published with no policy, a `.js` file would count as the site's own script, and a link to
`/etc/passwd` would publish the building machine's file. The check walks docs/, data/ and the
theme's overrides/ without following links, before anything reads or writes a file:

- any symbolic link (to a file or a folder), and anything that is not a plain file, is an error;
- docs/ holds pages (.md), images (.png, .jpg, .jpeg, .gif, .webp) and PDFs, each under a size
  limit, named so that it works in a web address, and whose content is what its name says.
  SVG is left out on purpose: an SVG file can carry a script.
"""

from __future__ import annotations

import math
import os
import re
import stat
from pathlib import Path

from ..model.problems import Problem
from ..project.paths import folders, regular_files
from . import build_outputs, file_content

KIB, MIB = 1024, 1024 * 1024
SIGNATURES = {
    ".png": ("a PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": ("a JPEG image", (b"\xff\xd8\xff",)),
    ".gif": ("a GIF image", (b"GIF87a", b"GIF89a")),
    ".webp": ("a WebP image", (b"RIFF",)),
    ".pdf": ("a PDF document", (b"%PDF-",)),
}
LIMITS = {".md": 256 * KIB, ".pdf": 10 * MIB}
IMAGE_LIMIT = 5 * MIB
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ALLOWED_TYPES = "pages (.md), images (.png, .jpg, .jpeg, .gif, .webp) and PDFs (.pdf)"
OTHER_PAGE_SUFFIXES = {".markdown", ".mdown", ".mkdn", ".mkd"}
"""Endings MkDocs also builds as pages; the check reads only .md, so a page ending so would go unchecked."""


def check_project_files(project) -> list[Problem]:
    """The files of a `project.Project`: docs/, data/ and the theme's custom folder (overrides/)."""
    custom = project.site.custom_dir
    others = [project.data_dir, project.root / (custom or "overrides")]
    return check_folders(project.root, project.docs_dir, others) + build_outputs.check_project(project)


def check_folders(root: Path, docs_dir: Path, other_dirs: list[Path]) -> list[Problem]:
    """Every problem with the files under docs_dir and other_dirs, with paths relative to root."""
    problems = []
    for folder in [docs_dir, *other_dirs]:
        problems += _links_and_oddities(root, folder)
    for path in regular_files(docs_dir):
        problems += _docs_file(root, path)
    for path in folders(docs_dir):
        if not SAFE_NAME.match(path.name):
            problems.append(_bad_name(root, path))
    return problems


def _links_and_oddities(root: Path, folder: Path) -> list[Problem]:
    if folder.is_symlink():
        return [_link(root, folder)]
    if not folder.is_dir():
        return []
    problems = []
    for parent, subfolders, names in os.walk(folder):
        for name in sorted(subfolders + names):
            path = Path(parent, name)
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(_link(root, path))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(
                    Problem(
                        _relative(root, path),
                        1,
                        "this is not a plain file (it is a device, a pipe or a socket). Remove it.",
                    )
                )
        subfolders[:] = sorted(name for name in subfolders if not os.path.islink(os.path.join(parent, name)))
    return problems


def _link(root: Path, path: Path) -> Problem:
    return Problem(
        _relative(root, path),
        1,
        f"this is a symbolic link (to '{os.readlink(path)}'). The site "
        "publishes only files kept in the repository: put the file itself here, or remove the link.",
    )


def _docs_file(root: Path, path: Path) -> list[Problem]:
    where = _relative(root, path)
    suffix = path.suffix.lower()
    if not SAFE_NAME.match(path.name):
        return [_bad_name(root, path)]
    if suffix in OTHER_PAGE_SUFFIXES:
        return [
            Problem(where, 1, f"pages end in .md, so the check cannot read this one. Rename it to '{path.stem}.md'.")
        ]
    if suffix != ".md" and suffix not in SIGNATURES:
        return [
            Problem(
                where,
                1,
                f"'{CONTROL.sub('?', path.name)}' is not a kind of file a page can use. docs/ holds {ALLOWED_TYPES}. "
                "Theme files (HTML, CSS, JavaScript) belong in overrides/, which maintainers look after.",
            )
        ]
    size = path.lstat().st_size
    limit = LIMITS.get(suffix, IMAGE_LIMIT)
    if size > limit:
        return [
            Problem(
                where,
                1,
                f"this file is {_size(size)}, over the limit of {_size(limit)} for a "
                f"{suffix} file in docs/. Make it smaller.",
            )
        ]
    if suffix in SIGNATURES:
        kind, signatures = SIGNATURES[suffix]
        with path.open("rb") as handle:
            start = handle.read(16)
        if not start.startswith(signatures) or (suffix == ".webp" and start[8:12] != b"WEBP"):
            return [
                Problem(
                    where,
                    1,
                    f"the file's name ends in {path.suffix}, but its content is not {kind}. Save it again as {kind}.",
                )
            ]
        found = file_content.pdf_problem(path) if suffix == ".pdf" else file_content.image_problem(path, kind)
        return [Problem(where, 1, found)] if found else []
    return []


def _bad_name(root: Path, path: Path) -> Problem:
    return Problem(
        _relative(root, path),
        1,
        f"the name '{CONTROL.sub('?', path.name)}' has characters that do not work in a web "
        "address. Rename it using only letters, digits, hyphens (-), underscores (_) and dots.",
    )


def _size(size: int) -> str:
    """Rounded up, so that a file just over a limit never reads as the limit itself."""
    return f"{math.ceil(size * 10 / MIB) / 10:.1f} MB" if size >= MIB else f"{math.ceil(size / KIB)} KB"


def _relative(root: Path, path: Path) -> str:
    """The path as the editor knows it; a control character in a name is shown as '?'."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return CONTROL.sub("?", shown)
