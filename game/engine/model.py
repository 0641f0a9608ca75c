"""The story model: frozen values built by the loader and read by everything else."""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from game.engine.conditions import VISITS, Condition
from game.engine.values import frozen


class Lines(Protocol):
    """Where the keys of a file are written (the loader's `SourceFile`)."""

    def line(self, *path: Any) -> int: ...


LineOrPlace = int | tuple[Lines, tuple]
"""A line number, or where to find it: (a file's `Lines`, the path of its table)."""


class Line:
    """The `line` of a scene, choice, chapter or `when` block: where it is written.

    The loader gives the place (the file and the table's path), and the line is found
    only when something reads it (a message): finding the line of every table of a file
    means scanning its whole text, which a story without problems never needs. Once
    found, it is kept. Comparing or hashing reads it, like any field."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = name  # kept in the instance's own `__dict__` under the field's name

    def __get__(self, obj: object, owner: type | None = None) -> int:
        if obj is None:
            raise AttributeError(self.slot)  # no default: the field stays required
        value = obj.__dict__[self.slot]
        if type(value) is not int:
            lines, path = value
            value = lines.line(*path)
            obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj: object, value: LineOrPlace) -> None:
        obj.__dict__[self.slot] = value

    @staticmethod
    def kept(obj: object) -> LineOrPlace:
        """The line of `obj` as it is kept: a number, or the place it is not yet read from."""
        return obj.__dict__["line"]


class Located:
    """Something with a `line` (a `Line`): pickled with its line read, never its place (a
    kept story holds only the model, not the files it was read from)."""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)  # (a subclass is a frozen dataclass with a `Line`)
        state["line"] = self.line  # type: ignore[attr-defined]
        return state


_Located = TypeVar("_Located", "Choice", "Scene")


def changed(item: _Located, **changes: Any) -> _Located:
    """`dataclasses.replace` that keeps the line unread when it is not read yet."""
    return replace(item, line=Line.kept(item), **changes)


@frozen
class Companion:
    """Someone who can join the party."""

    id: str
    name: str
    gift: str
    about: str = ""
    portrait: str = ""


@frozen
class Choice(Located):
    """A line the player can pick, what it needs, what it does, and where it leads."""

    text: str
    goto: str
    """As written in the file."""
    target: str
    """Where it leads, resolved: `chapter:scene`."""
    index: int
    """Its position in the scene, from 1."""
    line: Line = Line()
    id: str | None = None
    needs: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()
    locked: str | None = None
    once: bool = False
    recruit: tuple[str, ...] = ()
    leave: tuple[str, ...] = ()
    help_received: tuple[str, ...] = ()
    """Companions whose help the hero accepts (the story key `help`)."""
    help_given: tuple[str, ...] = ()
    """Companions the hero helps (the story key `give_help`)."""
    set: tuple[str, ...] = ()
    unset: tuple[str, ...] = ()
    add: tuple[tuple[str, int], ...] = ()
    reply: str | None = None
    """Format 2: shown after the choice is picked, before the next scene."""
    misstep: bool = False
    """Format 2: the story treats this choice as a misstep; no warm word follows it."""

    @property
    def key(self) -> str:
        """A stable name in its scene: its `id`, else `#position`."""
        return self.id if self.id else f"#{self.index}"

    @property
    def required(self) -> tuple[str, ...]:
        """Companions who must be in the party: `needs` and `help`."""
        return tuple(dict.fromkeys((*self.needs, *self.help_received)))


@frozen
class When(Located):
    """Format 2: more text for a scene, shown after its `text` while its conditions hold."""

    text: str
    conditions: tuple[Condition, ...]
    index: int
    """Its position among the scene's `when` blocks, from 1."""
    line: Line = Line()

    @property
    def uses_visits(self) -> bool:
        """Whether a condition reads `visits` (how often the hero has been in the scene)."""
        return any(condition.name == VISITS for condition in self.conditions)


@frozen
class Scene(Located):
    """A passage of text and the choices that leave it."""

    id: str
    chapter: str
    text: str
    line: Line = Line()
    choices: tuple[Choice, ...] = ()
    art: str | None = None
    ending: str | None = None
    when: tuple[When, ...] = ()
    """Format 2: more text while conditions hold, in file order."""
    hint: str | None = None
    """Format 2, endings only: shown in the endings gallery until this ending is found."""

    @property
    def ref(self) -> str:
        return f"{self.chapter}:{self.id}"


@frozen
class Chapter(Located):
    """One file: a set of scenes with a first scene."""

    id: str
    title: str
    start: str
    file: Path
    line: Line = Line()
    scenes: dict[str, Scene] = field(default_factory=dict)
    talk: tuple[str, ...] = ()


@frozen
class Story:
    """A whole story folder, loaded."""

    title: str
    start: str
    """The first chapter's id."""
    hero_name: str
    root: Path
    file: Path
    companions: dict[str, Companion] = field(default_factory=dict)
    chapters: dict[str, Chapter] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    author: str = ""
    format: int = 1

    @property
    def start_ref(self) -> str:
        return f"{self.start}:{self.chapters[self.start].start}"

    def scene(self, ref: str) -> Scene:
        """The scene named `chapter:scene`; KeyError when there is none."""
        chapter, _, scene = ref.partition(":")
        return self.chapters[chapter].scenes[scene]

    def chapter_title(self, chapter_id: str) -> str:
        """The chapter's title as written, or its id when the story has no such chapter
        (a save or a trail from before an edit)."""
        chapter = self.chapters.get(chapter_id)
        return chapter.title if chapter else chapter_id

    def has_scene(self, ref: str) -> bool:
        chapter, _, scene = ref.partition(":")
        return chapter in self.chapters and scene in self.chapters[chapter].scenes

    def scenes(self):
        """Every scene, chapter by chapter, in file order."""
        for chapter in self.chapters.values():
            yield from chapter.scenes.values()

    def names(self, hero: str) -> dict[str, str]:
        """What placeholders stand for: `hero` and every companion id."""
        names = {cid: c.name for cid, c in self.companions.items()}
        names["hero"] = hero
        return names
