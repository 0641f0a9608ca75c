"""Reading a story's TOML files (story/README.md): parse each one, report syntax, size and encoding
problems with their line, and keep where every key is written."""

from __future__ import annotations

import bisect
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from game.engine.positions import Positions
from game.engine.problems import Problems
from game.engine.syntax import explain

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_BYTES = 64 * 1024
"""The longest single text (a scene's, a title, a choice): longer is a `check` error, so the
game always shows a scene at once."""
MAX_TEXT_LINES = 1000
"""The most lines a single text may have: with the size limit, the longest text `check`
allows is shown in well under a second (a screen lays out every line of a scene)."""


class RefusedFile(Exception):
    """A story file not read at all because of its kind or size; `str(exc)` says why."""


class NotAStory(Exception):
    """The folder is missing or holds no story.toml."""


@dataclass
class SourceFile:
    """One TOML file, parsed, with the positions of its keys."""

    path: Path
    data: dict[str, Any]
    positions: Positions
    source: str = ""
    _starts: list[int] | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)

    def line(self, *path) -> int:
        return self.positions.line(*path)

    def line_of(self, needle: str, *path) -> int:
        """The line of `needle` inside the value at `path` (a long text or a list spread over
        lines), else the line of `path` itself."""
        start = self.line(*path)
        if not needle or not self.source:
            return start
        if self._starts is None:
            self._starts = sorted(set(self.positions.lines.values()))
        following = bisect.bisect_right(self._starts, start)
        end = self._starts[following] if following < len(self._starts) else start + 10_000
        if self._lines is None:
            self._lines = self.source.split("\n")
        lines = self._lines
        for number in range(start, min(end, len(lines) + 1)):
            if needle in lines[number - 1]:
                return number
        return start


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


def read_toml(path: Path, problems: Problems, root: Path | None = None) -> SourceFile | None:
    """Parse one file; report its kind, size, syntax and encoding problems with their place."""
    try:
        raw = story_bytes(path, root if root is not None else Path(path).parent)
    except RefusedFile as exc:
        problems.error(path, 1, str(exc))
        return None
    except OSError as exc:
        problems.error(path, 1, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, "the file is not UTF-8 text: save it as UTF-8 in your editor")
        return None
    if source.startswith("\ufeff"):
        source = source[1:]
    try:
        data = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        line, message = explain(source, getattr(exc, "msg", str(exc)), getattr(exc, "pos", 0))
        problems.error(path, line, message)
        return None
    except RecursionError:
        problems.error(path, 1, "the file is nested too deeply to read")
        return None
    except ValueError as exc:  # a number of more than 4,300 digits: Python will not read it
        line = _long_number_line(source)
        problems.error(path, line, f"a number here is too long to read ({exc_words(exc)})")
        return None
    return SourceFile(path, data, Positions(source), source)


def _long_number_line(source: str) -> int:
    """The line of the first run of more than 4,000 digits (where Python gives up), else 1."""
    import re

    match = re.search(r"\d{4000}", source)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def exc_words(exc: ValueError) -> str:
    """Python's reason for refusing a number, shortened to what a writer needs."""
    return "more than 4,300 digits" if "digits" in str(exc) else "it is not a number"
