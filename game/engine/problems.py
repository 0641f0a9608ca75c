"""Problems found in a story: values with a place, collected rather than raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.text import clean
from game.engine.words import did_you_mean, name_list, shorten, type_word

__all__ = [
    "ERROR",
    "LIMIT_PER_FILE",
    "WARNING",
    "Problem",
    "Problems",
    "did_you_mean",
    "name_list",
    "shorten",
    "type_word",
]

ERROR = "error"
WARNING = "warning"
LIMIT_PER_FILE = 100
"""Errors (and, apart, warnings) shown for one file; past it, one line says the rest are not
shown. A huge broken file is then reported in bounded time and a screenful of lines."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a story, where it is, and how bad."""

    file: str
    line: int
    severity: str
    message: str
    notes: tuple[str, ...] = field(default=(), compare=False)
    """Lines that follow the message, such as the way to a softlock."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """`FILE:LINE: severity: message`, then any notes, indented.

        Messages quote what the writer wrote, so escape sequences and control characters are
        taken out and line breaks shown as spaces: one problem, one line, a safe terminal.
        """

        def one_line(text: str) -> str:
            return " ".join(clean(text).split("\n"))

        head = f"{one_line(self.file)}:{self.line}: {self.severity}: {one_line(self.message)}"
        return "\n".join([head, *(f"    {one_line(note)}" for note in self.notes)])


class Problems:
    """A collector of problems for one story."""

    def __init__(self, root: Path | None = None) -> None:
        self.items: list[Problem] = []
        self.root = root
        self._counts: dict[tuple[str, str], int] = {}

    def display_name(self, path: Path | str) -> str:
        """The file as a writer would name it: relative to where they stand, if possible."""
        path = Path(path)
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)

    def error(self, file: Path | str, line: int, message: str, notes=()) -> None:
        self._add(file, line, ERROR, message, notes)

    def warning(self, file: Path | str, line: int, message: str, notes=()) -> None:
        self._add(file, line, WARNING, message, notes)

    def full(self, file: Path | str, severity: str = ERROR) -> bool:
        """Whether `file` already has as many problems of this kind as are shown: callers may
        skip the work of finding more (such as a "did you mean")."""
        return self._counts.get((str(file), severity), 0) > LIMIT_PER_FILE

    def _add(self, file, line: int, severity: str, message: str, notes) -> None:
        key = (str(file), severity)
        count = self._counts.get(key, 0)
        self._counts[key] = count + 1
        if count < LIMIT_PER_FILE:
            self.items.append(
                Problem(self.display_name(file), line, severity, message, tuple(notes))
            )
        elif count == LIMIT_PER_FILE:
            self.items.append(
                Problem(
                    self.display_name(file),
                    line,
                    severity,
                    f"{LIMIT_PER_FILE} {severity}s in this file already: the rest, from here on, "
                    "are not shown",
                )
            )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        """Errors first, then warnings, each by file and line: "fix the first error first"
        must mean the first line printed, even when another chapter has warnings."""
        return sorted(self.items, key=lambda p: (not p.is_error, p.file, p.line, p.message))
