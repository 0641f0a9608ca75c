"""Reading a story's TOML files (story/README.md): parse each one, report syntax, size and encoding
problems with their line, and keep where every key is written."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from game.engine.files import RefusedFile, story_bytes
from game.engine.positions import Positions
from game.engine.problems import Problems
from game.engine.syntax import explain

MAX_TEXT_BYTES = 64 * 1024
"""The longest single text (a scene's, a title, a choice): longer is a `check` error, so the
game always shows a scene at once."""
MAX_TEXT_LINES = 1000
"""The most lines a single text may have: with the size limit, the longest text `check`
allows is shown in well under a second (a screen lays out every line of a scene)."""


@dataclass
class SourceFile:
    """One TOML file, parsed, with the positions of its keys."""

    path: Path
    data: dict[str, Any]
    _positions: Positions | None = field(default=None, repr=False)
    """Found when a line is first asked for (see `positions`)."""
    source: str = ""
    _starts: list[int] | None = field(default=None, repr=False)
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def positions(self) -> Positions:
        """Where each table and key is written, found by scanning the text once, when a line
        is first asked for: a story without problems needs none (the model's lines are
        read only by messages, see `model.Line`)."""
        if self._positions is None:
            self._positions = Positions(self.source)
        return self._positions

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
    return SourceFile(path, data, None, source)


def _long_number_line(source: str) -> int:
    """The line of the first run of more than 4,000 digits (where Python gives up), else 1."""
    import re

    match = re.search(r"\d{4000}", source)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def exc_words(exc: ValueError) -> str:
    """Python's reason for refusing a number, shortened to what a writer needs."""
    return "more than 4,300 digits" if "digits" in str(exc) else "it is not a number"
