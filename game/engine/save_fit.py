"""Fitting a save to the story as it is now.

A save made before the story was edited still loads: renamed scenes
(`[renamed]`) are followed, a removed scene resumes at its chapter's start, a
removed chapter at the story's start; `once` choices and the trail are
remembered by the choice's key (its `id`, else `#position`) and its text, so a
choice without an id that moved is still found. A game in progress is fitted
the same way when the writer edits the story under it (`fit_state`).
"""

from __future__ import annotations

import re
from typing import Any

from game.engine.model import Story
from game.engine.rules import find_choice
from game.engine.save_file import SaveError, help_counters
from game.engine.state import GameState, Origin, Step, frozen_counts
from game.engine.text import clean_line, render_line, render_plain
from game.engine.values import frozen


@frozen
class Resumed:
    """A loaded save: the state to play on, and what changed if the story moved under it."""

    state: GameState
    notice: str | None
    """e.g. "The story changed: you are back at the start of chapter X." """
    team: Any = None
    """A two-player game's `[team]` table, as saved (unchecked: `game.session` reads it)."""


def _follow(story: Story, ref: str) -> str | None:
    """The scene `ref` names now: itself, or where `[renamed]` sends it; None when gone."""
    seen = set()
    while not story.has_scene(ref) and ref in story.renamed and ref not in seen:
        seen.add(ref)
        ref = story.renamed[ref]
    return ref if story.has_scene(ref) else None


def fit_scene(story: Story, ref: str, hero: str) -> tuple[str, str | None]:
    """Where a hero who stood at `ref` stands in the story as it is now: there, or where
    `[renamed]` sends it, else the start of its chapter, else of the story; and what to
    tell the player when they were moved."""
    scene = _follow(story, ref)
    if scene is not None:
        return scene, None
    chapter = story.chapters.get(ref.partition(":")[0])
    if chapter is not None:
        title = render_line(chapter.title, story.names(hero))
        return (
            f"{chapter.id}:{chapter.start}",
            f"The story changed: you are back at the start of chapter “{title}”.",
        )
    return story.start_ref, "The story changed: you are back at the start of the story."


def fit_party(story: Story, party) -> tuple[tuple[str, ...], str | None]:
    """The party without companions the story no longer has, and what to tell the player."""
    party = tuple(dict.fromkeys(party))
    gone = [who for who in party if who not in story.companions]
    if not gone:
        return party, None
    verb = "is" if len(gone) == 1 else "are"
    return (
        tuple(who for who in party if who in story.companions),
        f"{_few(gone)} {verb} no longer in the story and left the party.",
    )


def _few(names: list[str], most: int = 5) -> str:
    """Names from a save, cleaned and short, at most `most` of them: 'a, b and 7 more'."""
    shown = [clean_line(name, 40) for name in names[:most]]
    if len(names) > most:
        shown.append(f"{len(names) - most} more")
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else "".join(shown)


def fit_state(story: Story, state: GameState) -> tuple[GameState, str | None]:
    """The state, moved where the edited story needs it (as a save is when it loads): a
    renamed scene, else the start of its chapter, else the story's start. Companions who
    are gone leave."""
    scene, moved = fit_scene(story, state.scene, state.hero)
    party, left = fit_party(story, state.party)
    if scene != state.scene or party != state.party:
        state = state.evolve(scene=scene, party=party)
    return state, " ".join(n for n in (moved, left) if n) or None


def _fit_key(story: Story, ref: str, key: str, text: str | None) -> str:
    """A choice's key in the edited story: an `id` stays; a `#position` follows its text."""
    if not story.has_scene(ref):
        return key
    scene = story.scene(ref)
    choice = find_choice(scene, key)
    if choice is not None and (not key.startswith("#") or text is None or choice.text == text):
        return key
    if text is not None:
        same = [c for c in scene.choices if c.text == text]
        if len(same) == 1:
            return same[0].key
    return key


def _split_step(entry: str) -> tuple[str, str]:
    ref, _, key = entry.rpartition(":")
    return ref, key


def belongs(story: Story, data: dict) -> bool:
    """Whether a save is of this story: the same title, or (retitled) a chapter it knows."""
    return data["story"] == story.title or data["chapter"] in story.chapters


def another_story(data: dict) -> str:
    """Why a save of another story is not loaded here, its title quoted short and clean."""
    return f"it belongs to another story ('{clean_line(data['story'], 60)}')"


def resume(story: Story, data: dict) -> Resumed:
    """The game state a verified save holds, fitted to the story as it is now."""
    if not belongs(story, data):
        raise SaveError(another_story(data))
    notices = []
    texts = data.get("texts", {})
    ref = f"{data['chapter']}:{data['scene']}"
    scene, notice = fit_scene(story, ref, data["hero"])
    notices += [notice] if notice else []
    steps: dict[str, Step] = {}  # a long trail repeats the same few steps: fit each once
    for entry in dict.fromkeys((*data.get("trail", []), *data.get("once", []))):
        old_ref, key = _split_step(entry)
        text = texts.get(entry)
        new_ref = _follow(story, old_ref) or old_ref
        steps[entry] = Step(new_ref, _fit_key(story, new_ref, key, text), text or "")
    trail = [steps[entry] for entry in data.get("trail", [])]
    used_once = {f"{steps[e].scene}:{steps[e].choice}" for e in data.get("once", [])}
    party, notice = fit_party(story, data.get("party", []))
    notices += [notice] if notice else []
    counters = dict(data.get("counters", {}))
    counters.update(help_counters(data))
    origin_table = data.get("origin", {})
    origin_ref = origin_table.get("scene") or story.start_ref
    origin_scene = _follow(story, origin_ref)
    if origin_scene is None:
        chapter = story.chapters.get(origin_ref.partition(":")[0])
        origin_scene = f"{chapter.id}:{chapter.start}" if chapter else story.start_ref
    origin = Origin(
        origin_scene,
        tuple(w for w in dict.fromkeys(origin_table.get("party", [])) if w in story.companions),
        frozenset(origin_table.get("flags", [])),
    )
    state = GameState(
        hero=data["hero"],
        scene=scene,
        origin=origin,
        party=party,
        flags=frozenset(data.get("flags", [])),
        counters=frozen_counts(counters),
        used_once=frozenset(used_once),
        trail=tuple(trail),
    )
    return Resumed(state, " ".join(notices) or None, data.get("team"))


def describe(story: Story | None, data: dict) -> str:
    """Where a save stands, for a list: the chapter's title and the scene's first words."""
    chapter_id, scene_id = data.get("chapter", ""), data.get("scene", "")
    if story is None:
        return f"{chapter_id}:{scene_id}"
    names = story.names(str(data.get("hero", "")))
    ref = _follow(story, f"{chapter_id}:{scene_id}")
    chapter = story.chapters.get(ref.partition(":")[0] if ref else chapter_id)
    if chapter is None:
        return f"{chapter_id}:{scene_id}"
    title = render_line(chapter.title, names)
    if ref is None:
        return f"{title} (the scene '{scene_id}' is gone)"
    return f"{title}: {first_words(render_plain(story.scene(ref).text, names))}".rstrip(": ")


def first_words(text: str, limit: int = 60) -> str:
    """The first sentence when it is short, else the first words and '…'."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?…])(?:\s|$)", text)
    if match and len(match.group(1)) <= limit:
        return match.group(1)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(".,;:!?—- ") + "…"
