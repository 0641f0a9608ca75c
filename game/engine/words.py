"""Words for messages: "did you mean", what kind of value a writer wrote, short lists.

Every module that explains a problem uses these; this module uses no other part of the
game, so any module may import it at the top.
"""

from __future__ import annotations

import datetime
import difflib
from typing import Any

from game.engine.names import is_id


def did_you_mean(word: str, options) -> str:
    """` (did you mean 'x'?)` when a close match exists, else ``."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


class SceneRefs:
    """Did-you-mean for `chapter:scene` references, answered from an index of the story's
    scenes by chapter: a hint looks at one chapter's scenes (and, when the chapter itself
    is misspelt, at the chapter names), never at every scene of the story, so a story of
    100,000 scenes with a hundred bad references is reported in well under a second."""

    LARGE = 2000
    """Past this many scenes in one chapter, only scene ids of a like length and a like
    first or last letter are compared."""

    def __init__(self, chapters: dict[str, Any]) -> None:
        self.scenes = {cid: list(map(str, scenes)) for cid, scenes in chapters.items()}
        self._where: dict[str, str] | None = None

    def hint(self, ref: str) -> str:
        """` (did you mean 'chapter:scene'?)` for a reference that leads nowhere, else ``."""
        chapter, colon, scene = ref.partition(":")
        if not colon:  # a bare scene id: the chapter that has a scene of that name
            if self._where is None:
                self._where = {}
                for cid, ids in self.scenes.items():
                    for sid in ids:
                        self._where.setdefault(sid, cid)
            home = self._where.get(ref)
            return f" (did you mean '{home}:{ref}'?)" if home else ""
        if chapter not in self.scenes:
            close = difflib.get_close_matches(chapter, list(self.scenes), n=1, cutoff=0.6)
            if not close:
                return ""
            chapter = close[0]
        ids = self.scenes[chapter]
        if len(ids) > self.LARGE:
            ids = [
                sid
                for sid in ids
                if abs(len(sid) - len(scene)) <= 2
                and (sid[:1] == scene[:1] or sid[-1:] == scene[-1:])
            ]
        matches = difflib.get_close_matches(scene, ids, n=1, cutoff=0.6)
        return f" (did you mean '{chapter}:{matches[0]}'?)" if matches else ""


def type_word(value) -> str:
    """What kind of TOML value this is, in a writer's words: `text`, `a list`, …"""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return "a date or time"
    return type(value).__name__


def shorten(text: str, width: int) -> str:
    """`text` cut to about `width` characters at a word, with `…` where it was cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def name_list(names, limit: int = 8) -> str:
    """`'a', 'b' and 'c'`; past `limit` names, `'a', 'b', … and 5 more`."""
    quoted = [f"'{name}'" for name in names]
    if len(quoted) > limit:
        rest = len(quoted) - (limit - 1)
        quoted = [*quoted[: limit - 1], f"{rest} more"]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def did_you_mean_companion(word: str, companions) -> str:
    """` (did you mean 'x'?)` when a companion's id is close; else the ids there are, so a
    writer who wrote a name the story does not have sees which ones it does."""
    hint = did_you_mean(word, companions)
    if hint or not companions:
        return hint
    new = f"; for a new friend, add [companions.{word}] to story.toml" if is_id(word) else ""
    return f" (the companions are {name_list(companions)}{new})"
