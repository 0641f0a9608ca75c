"""Endings found: which endings of a story a family has reached, kept in the saves folder.

One small TOML file per story (`endings-<story>.toml`, beside the saves), written
atomically (a new temporary file, fsync, rename). A damaged file never stops the game:
it reads as "nothing found yet" with the reason, and it is kept, not lost: the next
ending found moves it aside to `<name>.damaged` before a fresh list is written.

    book = EndingsBook(folder, story)
    book.read().count(story)          # (found, of)
    book.record(story, "Stronger Together", "Robin")

No Textual here: the title screen, the gallery and `--plain` all read the same book.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import tomli

from game.engine.model import Story
from game.engine.values import frozen

FORMAT = 1
"""The endings file's format version."""
MAX_BYTES = 256 * 1024
"""A bigger endings file is not read (it is listed as damaged)."""
DAMAGED_SUFFIX = ".damaged"
"""A damaged endings file is kept under its name plus this."""


@frozen
class FoundEnding:
    """One ending, the first time it was reached."""

    name: str
    """The ending's name, as the story calls it."""
    hero: str
    """The hero who reached it (as typed: clean it before showing it)."""
    found_at: datetime | None
    """When (None when the file holds no usable date)."""


@frozen
class StoryEnding:
    """An ending of the story and what the family knows of it."""

    name: str
    hint: str | None
    """The writer's hint, shown while it is not found (format 2; None without one)."""
    found: FoundEnding | None


@frozen
class EndingsRecord:
    """What the endings file holds."""

    found: tuple[FoundEnding, ...] = ()
    damaged: str | None = None
    """Why the file could not be read, when it could not."""
    kept: tuple[Path, ...] = ()
    """Damaged files moved aside, kept for a grown-up to look at."""

    def found_names(self) -> set[str]:
        return {f.name for f in self.found}

    def count(self, story: Story) -> tuple[int, int]:
        """(endings of this story found, endings the story has)."""
        names = story_ending_names(story)
        return len(self.found_names() & set(names)), len(names)

    def gallery(self, story: Story) -> list[StoryEnding]:
        """Every ending of the story, in the story's order, found or not."""
        found = {f.name: f for f in self.found}
        return [
            StoryEnding(name, hint, found.get(name)) for name, hint in story_endings(story).items()
        ]


def story_endings(story: Story) -> dict[str, str | None]:
    """The story's endings by name (in chapter and scene order) with their hints."""
    endings: dict[str, str | None] = {}
    for chapter in story.chapters.values():
        for scene in chapter.scenes.values():
            if scene.ending and not endings.get(scene.ending):
                endings[scene.ending] = getattr(scene, "hint", None)
    return endings


def story_ending_names(story: Story) -> list[str]:
    return list(story_endings(story))


def file_name(story: Story) -> str:
    """`endings-stronger-together.toml`: one file per story, named by its title."""
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-")[:40].strip("-")
    return f"endings-{slug or 'story'}.toml"


class EndingsBook:
    """The endings found in one story, in one saves folder."""

    def __init__(self, folder: Path, story: Story) -> None:
        self.folder = Path(folder)
        self.path = self.folder / file_name(story)
        """The endings file."""
        self.story_title = story.title

    def read(self) -> EndingsRecord:
        """The endings found so far; an empty record (with the reason) for a damaged file."""
        kept = tuple(sorted(self.folder.glob(self.path.name + DAMAGED_SUFFIX + "*")))
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return EndingsRecord(kept=kept)
        except OSError as exc:
            return EndingsRecord(damaged=f"it cannot be read ({exc.strerror})", kept=kept)
        if not self.path.is_file() or size > MAX_BYTES:
            return EndingsRecord(damaged="it is not a small endings file", kept=kept)
        try:
            data = tomli.loads(self.path.read_text(encoding="utf-8"))
            found = _found(data)
        except OSError as exc:
            return EndingsRecord(damaged=f"it cannot be read ({exc.strerror})", kept=kept)
        except (UnicodeDecodeError, tomli.TOMLDecodeError, ValueError) as exc:
            reason = str(exc).split("\n")[0] or type(exc).__name__
            return EndingsRecord(damaged=f"it is damaged: {reason}", kept=kept)
        return EndingsRecord(found=found, kept=kept)

    def record(self, ending: str, hero: str, when: datetime | None = None) -> EndingsRecord:
        """Note that `hero` reached `ending` (kept with the first hero and date only).
        A damaged file is moved aside first, never overwritten. Raises OSError."""
        record = self.read()
        if ending in record.found_names() and not record.damaged:
            return record
        if record.damaged and self.path.exists():
            self._keep_damaged()
            record = self.read()
        found = (*record.found, FoundEnding(ending, hero, when or datetime.now(UTC)))
        self._write(found)
        return self.read()

    def _keep_damaged(self) -> None:
        target = self.path.with_name(self.path.name + DAMAGED_SUFFIX)
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}{DAMAGED_SUFFIX}-{number}")
        os.replace(self.path, target)

    def _write(self, found: tuple[FoundEnding, ...]) -> None:
        import tomli_w

        self.folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for entry in found:
            row: dict[str, object] = {"ending": entry.name, "hero": entry.hero}
            if entry.found_at is not None:
                row["found_at"] = entry.found_at
            rows.append(row)
        text = (
            "# Stronger Together: the endings found in this story (the endings gallery).\n"
            + tomli_w.dumps({"format": FORMAT, "story": self.story_title, "found": rows})
        )
        handle, temporary = tempfile.mkstemp(prefix=".endings-", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _found(data: dict) -> tuple[FoundEnding, ...]:
    """The file's `found` rows; ValueError when anything in it is not as written by us."""
    version = data.get("format", FORMAT)
    if type(version) is not int or version > FORMAT:
        raise ValueError("it is from a newer game")
    rows = data.get("found", [])
    if not isinstance(rows, list):
        raise ValueError("'found' is not a list")
    found: list[FoundEnding] = []
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError("an entry of 'found' is not a table")
        name, hero, when = row.get("ending"), row.get("hero", ""), row.get("found_at")
        if not isinstance(name, str) or not isinstance(hero, str):
            raise ValueError("an entry has no ending's name")
        if when is not None and not isinstance(when, datetime):
            raise ValueError("an entry's date is not a date")
        if when is not None:
            try:
                when.astimezone()  # a date a terminal can show (not year 1 or 9999's edge)
            except (ValueError, OverflowError):
                when = None
        if name not in {f.name for f in found}:
            found.append(FoundEnding(name, hero, when))
    return tuple(found)
