"""A story's files on disk, read safely: which files a story folder has, and their bytes
once their kind and size are known to be safe (also used for saves, the settings and the
story kept ready to play). Nothing here parses: `reading.py` does, so the game can start
from a story kept ready without loading the parser's helpers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 8 * 1024 * 1024


class RefusedFile(Exception):
    """A story file not read at all because of its kind or size; `str(exc)` says why."""


class NotAStory(Exception):
    """The folder is missing or holds no story.toml."""


def chapter_files(root: Path) -> list[Path]:
    """The chapter files of a story folder, by name; drafts (`_`, `.`) left out.

    Anything named `*.toml` that is not a folder counts, so that a link, a pipe or a device
    given a chapter's name is refused with a message (`story_bytes`), not silently skipped."""
    return sorted(
        p
        for p in root.glob("*.toml")
        if not p.is_dir() and p.name != "story.toml" and not p.name.startswith(("_", "."))
    )


def has_front(root: Path) -> bool:
    """Whether a folder has a `story.toml` (a file of any kind: `story_bytes` judges it)."""
    front = Path(root) / "story.toml"
    return front.is_symlink() or (front.exists() and not front.is_dir())


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in plain words."""
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not an ordinary file"


def story_bytes(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """A story file's bytes, read only once its kind and size are known to be safe (and any
    other file a player or writer may have put there: a save, the settings).

    Refused (RefusedFile, before a byte is read): a link that leads out of the story folder
    `root`, anything but a regular file (a pipe would wait forever, a device never end), a
    file over `limit` bytes (a sparse file can claim gigabytes it does not hold). At most
    `limit` bytes are ever read, even from a file that grows meanwhile. OSError when the
    file cannot be opened."""
    path = Path(path)
    if root is not None and path.is_symlink():
        real = path.resolve()
        if not real.is_relative_to(Path(root).resolve()):
            raise RefusedFile(
                "it is a link to a file outside the story folder: copy the file into the "
                "folder instead"
            )
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise RefusedFile(f"it is {_kind(info.st_mode)}, not a text file")
    if info.st_size > limit:
        raise RefusedFile(_too_large(info.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(fd)  # the file opened may not be the one looked at
        if not stat.S_ISREG(opened.st_mode):
            raise RefusedFile(f"it is {_kind(opened.st_mode)}, not a text file")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise RefusedFile(_too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is too large ({size // 1024} KiB); "
        f"split it into chapters under {limit // (1024 * 1024)} MiB"
    )
