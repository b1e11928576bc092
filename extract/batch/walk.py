"""The files under a folder, and a reason for everything under it that could not be looked into.

pathlib's rglob passes over a folder it cannot read, a link to nowhere and a link that loops
without a word, and does not follow a link to a folder at all; a paper behind any of them would
be missing from the batch with nothing to say so. This walk follows links to folders, after the
real folders so a file is found by its real path first, reads each real folder once, and names
each thing it could not look into.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Walk:
    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)  # (path, why it was not looked into)


def walk_files(folder: Path) -> Walk:
    """Every file under folder (hidden names left out), unsorted, and what could not be read."""
    walk = Walk()
    visited: set[str] = set()
    links = [folder]  # the folder, then each link to a folder found under it
    while links:
        _walk(links.pop(0), walk, visited, links)
    return walk


def _walk(folder: Path, walk: Walk, visited: set[str], links: list[Path]) -> None:
    real = os.path.realpath(folder)
    if real in visited:  # a link to a folder read already: its files are in
        return
    visited.add(real)
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as error:
        walk.problems.append((folder, f"cannot read folder: {error.strerror or error}"))
        return
    for name in names:
        path = folder / name
        reason = unreachable(path)
        if reason:
            walk.problems.append((path, reason))
        elif not path.is_dir():
            if path.is_file():  # not a pipe or a device, which would block or never end
                walk.files.append(path)
        elif not path.is_symlink():
            _walk(path, walk, visited, links)
        elif Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(path)):
            walk.problems.append((path, f"link loop: leads back to {os.readlink(path)}, a folder it is in; not followed"))
        else:
            links.append(path)


def unreachable(path: Path) -> str | None:
    """Why path cannot be followed to a file or folder (a broken link, a link loop, gone), else None."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "link loop: the link leads back to itself; not followed"
        if path.is_symlink():
            return f"broken link to {os.readlink(path)}"
        if error.errno == errno.ENOENT:
            return "no such file or directory"
        return f"cannot be read: {error.strerror or error}"
    return None
