"""Build a story folder into a frozen Story, collecting every problem with its line (the
format: story/README.md).

Reading the files is `reading`; the keys each table may hold are in `keys`, checked by
`tables`; scenes and choices are built in `scenes`; this module reads story.toml and the
chapters and puts the story together.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.files import MAX_FILE_BYTES, NotAStory, chapter_files, has_front
from game.engine.keys import (
    CHAPTER_KEYS,
    CHAPTER_TABLE,
    CHOICE_TABLE,
    COMPANION_KEYS,
    COMPANION_TABLE,
    FIRST_FORMAT,
    FORMAT,
    FORMAT_2_KEYS,
    HERO_TABLE,
    SCENE_TABLE,
    STORY_KEYS,
    STORY_TABLE,
    VISITS_BUILT_IN,
    WHEN_TABLE,
)
from game.engine.model import Chapter, Choice, Companion, Scene, Story, changed
from game.engine.names import FLAG, ID
from game.engine.problems import Problems
from game.engine.reading import SourceFile, read_toml
from game.engine.scenes import SceneBuilding, display_width
from game.engine.words import SceneRefs, did_you_mean


@dataclass
class LoadResult:
    """What loading found: the story (when it could be built) and every problem."""

    story: Story | None
    problems: Problems
    files: list[SourceFile] = field(default_factory=list)
    unparsed_names: set[str] = field(default_factory=set)
    """Names written in conditions that could not be read (no flag warnings for them)."""
    unread: list[Path] = field(default_factory=list)
    """Chapter files that could not be read: flags they set or test are not known."""

    @property
    def ok(self) -> bool:
        return self.story is not None and not self.problems.errors


class Loader(SceneBuilding):
    """Turns a story folder into a Story and a list of problems."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.problems = Problems(self.root)
        self.unread: list[Path] = []
        """Chapter files that could not be read far enough to know their chapter id."""
        self.chapter_starts: dict[str, str] = {}
        self.unparsed_names: set[str] = set()
        self.format = FIRST_FORMAT
        """The story's format, from story.toml (format-2 keys are errors below 2)."""

    # -- the story ------------------------------------------------------------
    def load(self) -> LoadResult:
        if not self.root.is_dir():
            if self.root.exists():
                raise NotAStory(f"{self.root}: not a folder (a story is a folder with story.toml)")
            raise NotAStory(f"{self.root}: no such folder")
        front = self.root / "story.toml"
        if not has_front(self.root):
            raise NotAStory(f"{self.root}: not a story folder (it has no story.toml)")
        files: list[SourceFile] = []
        src = read_toml(front, self.problems, self.root)
        if src is None:
            return LoadResult(None, self.problems)
        files.append(src)
        if self.newer_format(src):
            return LoadResult(None, self.problems, files)
        header = self.read_front(src)
        chapter_sources = []
        for path in chapter_files(self.root):
            chapter_src = read_toml(path, self.problems, self.root)
            if chapter_src is not None:
                files.append(chapter_src)
                chapter_sources.append(chapter_src)
            else:
                self.unread.append(path)
        companions = header["companions"]
        raw_chapters = self.read_chapters(chapter_sources, companions)
        chapters = self.build_chapters(raw_chapters, companions)
        story = self.build_story(src, header, chapters)
        return LoadResult(story, self.problems, files, self.unparsed_names, self.unread)

    def newer_format(self, src: SourceFile) -> bool:
        """A story written for a newer game: say so, and read no further (its keys may be new)."""
        story = src.data.get("story")
        fmt = story.get("format") if isinstance(story, dict) else None
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT:
            self.problems.error(
                src.path,
                src.line("story", "format"),
                f"this story is written in format {fmt}; this game reads "
                f"format {FORMAT} and older: update the game",
            )
            return True
        return False

    def read_front(self, src: SourceFile) -> dict:
        self.check_top(src, STORY_KEYS, "story.toml")
        data = src.data
        story = {}
        if "story" in data:
            story = self.check_table(src, data["story"], STORY_TABLE, ("story",), "[story]")
        else:
            self.problems.error(
                src.path, 1, "story.toml needs a [story] table with title and start"
            )
        fmt = story.get("format", FIRST_FORMAT)
        if "format" in story and fmt < FIRST_FORMAT:
            self.problems.error(
                src.path,
                src.line("story", "format"),
                f"[story]: 'format' should be {FIRST_FORMAT} or {FORMAT}",
            )
        else:
            self.format = fmt
        hero = {}
        if "hero" in data:
            hero = self.check_table(src, data["hero"], HERO_TABLE, ("hero",), "[hero]")
        else:
            self.problems.error(src.path, 1, "story.toml needs a [hero] table with a name")
        companions: dict[str, Companion] = {}
        raw_companions = data.get("companions", {})
        if not isinstance(raw_companions, dict):
            self.problems.error(
                src.path, src.line("companions"), "[companions] should hold one table per companion"
            )
            raw_companions = {}
        for cid, table in raw_companions.items():
            what = f"companion '{cid}'"
            if not ID.match(cid):
                self.problems.error(
                    src.path,
                    src.line("companions", cid),
                    f"{what}: an id uses only letters, digits, '-' and '_'",
                )
                continue
            if cid == "hero":
                self.problems.error(
                    src.path,
                    src.line("companions", cid),
                    "a companion cannot have the id 'hero': {hero} is the hero",
                )
                continue
            good = self.check_table(src, table, COMPANION_TABLE, ("companions", cid), what)
            companions[cid] = Companion(
                cid,
                good.get("name", cid),
                good.get("gift", ""),
                good.get("about", ""),
                good.get("portrait", ""),
            )
            portrait = good.get("portrait", "")
            if len(portrait) > 12 or "\n" in portrait:
                self.problems.warning(
                    src.path,
                    src.line("companions", cid, "portrait"),
                    f"{what}: a portrait should be one short glyph or word",
                )
        if "title" in story:
            self.text_problems(src, ("story", "title"), story["title"], "[story] title", companions)
        for cid, companion in companions.items():
            for key in ("name", "gift", "about"):
                self.text_problems(
                    src,
                    ("companions", cid, key),
                    getattr(companion, key),
                    f"companion '{cid}'",
                    companions,
                )
        renamed = data.get("renamed", {})
        if not isinstance(renamed, dict) or not all(isinstance(v, str) for v in renamed.values()):
            self.problems.error(
                src.path,
                src.line("renamed"),
                '[renamed] should hold lines such as "village:old_well" = "village:well"',
            )
            renamed = {}
        return {"story": story, "hero": hero, "companions": companions, "renamed": renamed}

    def read_chapters(self, sources: list[SourceFile], companions) -> list[tuple]:
        raw = []
        seen: dict[str, SourceFile] = {}
        for src in sources:
            self.check_top(src, CHAPTER_KEYS, "a chapter file")
            if "chapter" not in src.data:
                self.problems.error(
                    src.path, 1, "a chapter file needs a [chapter] table with id, title and start"
                )
                self.unread.append(src.path)
                continue
            info = self.check_table(
                src, src.data["chapter"], CHAPTER_TABLE, ("chapter",), "[chapter]"
            )
            cid = info.get("id")
            if cid is None:
                self.unread.append(src.path)
                continue
            if not ID.match(cid):
                self.problems.error(
                    src.path,
                    src.line("chapter", "id"),
                    f"chapter id '{cid}': use only letters, digits, '-' and '_'",
                )
                self.unread.append(src.path)
                continue
            if cid in seen:
                self.problems.error(
                    src.path,
                    src.line("chapter", "id"),
                    f"duplicate chapter id '{cid}': {seen[cid].path.name} already uses it",
                )
                continue
            seen[cid] = src
            if "title" in info:
                self.text_problems(
                    src, ("chapter", "title"), info["title"], "[chapter] title", companions
                )
            talk = info.get("talk", [])
            if not all(isinstance(t, str) for t in talk):
                self.problems.error(
                    src.path,
                    src.line("chapter", "talk"),
                    "[chapter]: 'talk' should be a list of questions in quotes",
                )
                talk = [t for t in talk if isinstance(t, str)]
            for question in talk:
                self.text_problems(src, ("chapter", "talk"), question, "talk question", companions)
            scenes = src.data.get("scenes", {})
            if not isinstance(scenes, dict):
                self.problems.error(
                    src.path,
                    src.line("scenes"),
                    "'scenes' should hold one [scenes.ID] table per scene",
                )
                scenes = {}
            misspelt = any(did_you_mean(k, {"scenes"}) for k in src.data if k not in CHAPTER_KEYS)
            if not scenes and not misspelt:
                self.problems.error(
                    src.path,
                    src.line("chapter"),
                    f"chapter '{cid}' has no scenes: add a [scenes.ID] table",
                )
            raw.append((src, cid, info, talk, scenes))
        return raw

    def build_chapters(self, raw: list[tuple], companions) -> dict[str, Chapter]:
        chapter_ids = {cid for _, cid, *_ in raw}
        scene_ids = {cid: set(scenes) for _, cid, _, _, scenes in raw}
        self.chapter_starts = {cid: str(info.get("start", "")) for _, cid, info, _, _ in raw}
        chapters: dict[str, Chapter] = {}
        for src, cid, info, talk, scenes in raw:
            built: dict[str, Scene] = {}
            for sid, table in scenes.items():
                scene = self.build_scene(src, cid, sid, table, companions, chapter_ids, scene_ids)
                if scene is not None:
                    built[sid] = scene
            start = info.get("start")
            if start is not None and scenes and start not in scenes:
                self.problems.error(
                    src.path,
                    src.line("chapter", "start"),
                    f"chapter '{cid}': start '{start}' is not a scene of this "
                    f"chapter{did_you_mean(start, scenes)}",
                )
            chapters[cid] = Chapter(
                cid,
                info.get("title", cid),
                start or "",
                src.path,
                (src, ("chapter",)),
                built,
                tuple(talk),
            )
        return chapters

    def build_story(self, src: SourceFile, header: dict, chapters: dict[str, Chapter]) -> Story:
        story = header["story"]
        starts = {cid: c.start for cid, c in chapters.items()}
        for chapter in chapters.values():
            for sid, scene in list(chapter.scenes.items()):
                if any(c.target.endswith(":") for c in scene.choices):
                    fixed = tuple(
                        _retarget(c, f"{c.target}{starts[c.target[:-1]]}")
                        if c.target.endswith(":")
                        else c
                        for c in scene.choices
                    )
                    chapter.scenes[sid] = changed(scene, choices=fixed)
        start = story.get("start", "")
        if start and start not in chapters and not self.unread:
            self.problems.error(
                src.path,
                src.line("story", "start"),
                f"[story]: start '{start}' is not a chapter{did_you_mean(start, chapters)}",
            )
        renamed = {}
        refs = SceneRefs({cid: c.scenes for cid, c in chapters.items()})
        for old, new in header["renamed"].items():
            chapter, _, scene = new.partition(":")
            if not (chapter in chapters and scene in chapters[chapter].scenes):
                if self.problems.full(src.path):
                    continue
                hint = refs.hint(new) or " (write chapter:scene)"
                if not self.unread:
                    self.problems.error(
                        src.path,
                        src.line("renamed", old),
                        f"[renamed]: '{new}' is not a scene{hint}",
                    )
                continue
            renamed[old] = new
        return Story(
            title=story.get("title", ""),
            start=start,
            hero_name=header["hero"].get("name", ""),
            root=self.root,
            file=src.path,
            companions=header["companions"],
            chapters=chapters,
            renamed=renamed,
            author=story.get("author", ""),
            format=self.format,
        )


def _retarget(choice: Choice, target: str) -> Choice:
    return changed(choice, target=target)


def load_story(root: Path | str) -> LoadResult:
    """Load a story folder. Raises NotAStory for a missing folder or one without story.toml.

    The cyclic garbage collector is paused while loading: a large story makes hundreds of
    thousands of small objects and no cycles, and collecting as they appear made loading
    grow faster than the story (measured: 100,000 scenes 17x the time of 10,000).
    """
    with collector_paused():
        return Loader(Path(root)).load()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused (and resumed after, if it was running).

    Loading and proving a story make millions of small objects and no cycles: collecting
    as they appear only costs time (reference counting still frees everything). When it
    resumes, what was made meanwhile is counted as old at once (`gc.freeze` then
    `gc.unfreeze`, which only move lists), instead of a first collection looking at every
    object made (60 ms after a 10,000-scene story): the story lives as long as the game,
    so a collection would only have moved it there, and a full collection still looks at
    it as at any old object."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            if not gc.get_freeze_count():  # never thaw what someone else froze
                gc.freeze()
                gc.unfreeze()
            gc.enable()


__all__ = [
    "CHAPTER_KEYS",
    "CHAPTER_TABLE",
    "CHOICE_TABLE",
    "COMPANION_KEYS",
    "COMPANION_TABLE",
    "FIRST_FORMAT",
    "FLAG",
    "FORMAT",
    "FORMAT_2_KEYS",
    "HERO_TABLE",
    "ID",
    "SCENE_TABLE",
    "STORY_KEYS",
    "STORY_TABLE",
    "VISITS_BUILT_IN",
    "WHEN_TABLE",
    "display_width",
    "MAX_FILE_BYTES",
    "LoadResult",
    "Loader",
    "NotAStory",
    "SourceFile",
    "chapter_files",
    "load_story",
    "read_toml",
]
