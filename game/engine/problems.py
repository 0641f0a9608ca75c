"""Problems found in a story: values with a place, collected rather than raised."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from game.engine.text import clean
from game.engine.values import frozen
from game.engine.words import did_you_mean, name_list, shorten, type_word

__all__ = [
    "ERROR",
    "LIMIT_PER_FILE",
    "LINE_LIMIT",
    "WARNING",
    "Problem",
    "Problems",
    "did_you_mean",
    "fold",
    "name_list",
    "shorten",
    "type_word",
]

ERROR = "error"
WARNING = "warning"
LIMIT_PER_FILE = 100
"""Errors (and, apart, warnings) shown for one file; past it, one line says the rest are not
shown. A huge broken file is then reported in bounded time and a screenful of lines."""
LINE_LIMIT = 200
"""No line of a report is longer: a longer one is folded into indented detail lines."""
BREAKS = (((": ", "; "), 2), ((" (",), 3), ((", ",), 3), ((" ",), 3))
"""Where a long line is broken, best first, each with how far along the line it must be (a
half, a third): where a message turns from what is wrong to what to change, then before an
aside in brackets, then between the items of a list, then between any two words."""


def fold(line: str, indent: str = "    ", width: int = LINE_LIMIT) -> list[str]:
    """`line` as lines of at most `width` characters: the first as far as it fits, broken at
    the last `: ` or `; ` that fits (else before a bracket, a `, `, a space: BREAKS), the rest
    indented by `indent` as detail lines, folded the same way. A word longer than a line is
    cut."""
    out = []
    while len(line) > width:
        cut = _break_at(line, len(indent), width)
        out.append(line[:cut].rstrip())
        line = indent + line[cut:].lstrip()
    out.append(line)
    return out


def _break_at(line: str, indent: int, width: int) -> int:
    """Where to break `line` (the length of its first part): the best BREAKS mark far enough
    along and within `width`, outside brackets if it can be ("(did you mean 'x'?)" stays
    whole). `indent` is the width of the lines that follow."""
    depth, outside = 0, []
    for char in line[:width]:
        depth += (char == "(") - (char == ")")
        outside.append(depth <= 0)
    for only_outside in (True, False):
        for marks, part in BREAKS:
            least = indent + (width - indent) // part
            spots = [
                at
                for at in range(least, width - 1)
                if line.startswith(marks, at) and (outside[at] or not only_outside)
            ]
            if spots:
                at = spots[-1]
                return at + 1 if line[at] != " " else at  # the mark's punctuation stays
    return width


@frozen(order=True)
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

    def format(self, width: int = LINE_LIMIT) -> str:
        """`FILE:LINE: severity: message`, then any notes, indented.

        Messages quote what the writer wrote, so escape sequences and control characters are
        taken out and line breaks shown as spaces: one problem, one line, a safe terminal. A
        line longer than `width` (LINE_LIMIT; a terminal's width when shown on one) is folded
        (`fold`): what is wrong on the first line, what to change on an indented line below
        it; a long note goes on deeper in.
        """

        def one_line(text: str) -> str:
            return " ".join(clean(text).split("\n"))

        head = f"{one_line(self.file)}:{self.line}: {self.severity}: {one_line(self.message)}"
        lines = fold(head, width=width)
        for note in self.notes:
            note = f"    {one_line(note)}"
            lines.extend(fold(note, " " * (len(note) - len(note.lstrip()) + 2), width))
        return "\n".join(lines)


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
