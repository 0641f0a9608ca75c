"""The story model: frozen values built by the loader and read by everything else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.conditions import VISITS, Condition


@dataclass(frozen=True)
class Companion:
    """Someone who can join the party."""

    id: str
    name: str
    gift: str
    about: str = ""
    portrait: str = ""


@dataclass(frozen=True)
class Choice:
    """A line the player can pick, what it needs, what it does, and where it leads."""

    text: str
    goto: str
    """As written in the file."""
    target: str
    """Where it leads, resolved: `chapter:scene`."""
    index: int
    """Its position in the scene, from 1."""
    line: int
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


@dataclass(frozen=True)
class When:
    """Format 2: more text for a scene, shown after its `text` while its conditions hold."""

    text: str
    conditions: tuple[Condition, ...]
    index: int
    """Its position among the scene's `when` blocks, from 1."""
    line: int

    @property
    def uses_visits(self) -> bool:
        """Whether a condition reads `visits` (how often the hero has been in the scene)."""
        return any(condition.name == VISITS for condition in self.conditions)


@dataclass(frozen=True)
class Scene:
    """A passage of text and the choices that leave it."""

    id: str
    chapter: str
    text: str
    line: int
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


@dataclass(frozen=True)
class Chapter:
    """One file: a set of scenes with a first scene."""

    id: str
    title: str
    start: str
    file: Path
    line: int
    scenes: dict[str, Scene] = field(default_factory=dict)
    talk: tuple[str, ...] = ()


@dataclass(frozen=True)
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
