"""Reading a story's TOML files (DESIGN §3): parse each one, report syntax, size and encoding
problems with their line, and keep where every key is written."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from game.engine.positions import Positions
from game.engine.problems import Problems

MAX_FILE_BYTES = 8 * 1024 * 1024


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
    """The chapter files of a story folder, by name; drafts (`_`, `.`) left out."""
    return sorted(
        p
        for p in root.glob("*.toml")
        if p.is_file() and p.name != "story.toml" and not p.name.startswith(("_", "."))
    )


def read_toml(path: Path, problems: Problems) -> SourceFile | None:
    """Parse one file; report syntax, size and encoding problems with their place."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(
                path,
                1,
                f"the file is too large ({size // 1024} KiB); "
                f"split it into chapters under {MAX_FILE_BYTES // (1024 * 1024)} MiB",
            )
            return None
        raw = path.read_bytes()
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
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", None)
        message = getattr(exc, "msg", str(exc))
        where = f" (line {line}, column {col})" if col else ""
        problems.error(path, line, f"TOML syntax: {message}{where}{_syntax_hint(source, line)}")
        return None
    except RecursionError:
        problems.error(path, 1, "the file is nested too deeply to read")
        return None
    return SourceFile(path, data, Positions(source), source)


def _syntax_hint(source: str, line: int) -> str:
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if text.count('"') % 2 == 1 and '"""' not in text:
        return '; is a closing quote (") missing?'
    if "=" not in text and text.strip() and not text.strip().startswith(("[", "#")):
        return "; every line needs the form key = value"
    return ""
