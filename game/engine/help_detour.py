"""Where a choice that recruits a friend should lead, so the hero asks that friend next.

A choice that welcomes a friend and asks for nobody's help can carry the hero out of the
chapter before anyone helps (the teamwork rule). The advice then names a choice of the same
chapter that accepts that friend's help: send the welcome there, the friend joins, and the
hero can ask them. `check` gives this advice in two messages: a clash on a choice that
recruits (coverage_words.clash_words) and a break of the teamwork rule
(checker.explain_exploration).
"""

from __future__ import annotations

from game.engine.model import Choice, Scene, Story
from game.engine.text import fill
from game.engine.words import shorten


def help_detour(story: Story, scene: Scene, choice: Choice, who: str) -> str:
    """Where to send `choice` (in `scene`), which recruits `who`, once it asks for no help of
    its own: when the way on from it can leave the chapter with no help accepted (the
    teamwork rule), the scene of a choice of the chapter that accepts `who`'s help, as words
    to add to the advice ("" when the way on meets help anyway, or nothing there accepts it)."""
    place = help_place(story, scene, choice, who)
    if place is None:
        return ""
    return (
        "; its way on leaves the chapter before anyone helps (the teamwork rule), so also write "
        + place
    )


def help_place(story: Story, scene: Scene, choice: Choice, who: str) -> str | None:
    """`goto = "gate", where "Ask Tam to lift you up" accepts Tam's help`: where a choice that
    recruits `who` and goes on with no help in its chapter could lead instead, so the hero
    asks `who` next; None when its way on meets help anyway, or nothing there accepts it."""
    chapter = story.chapters[scene.chapter]
    if not _reached_without_help(story, scene.chapter, scene.ref):
        return None  # help is accepted before it, whatever it does
    if not _leaves_without_help(story, scene.chapter, choice.target):
        return None
    names = story.names(story.hero_name)
    for other in chapter.scenes.values():
        for helped in other.choices:
            if helped is choice or who not in helped.help_received or who in helped.recruit:
                continue
            if other.ref == choice.target:
                return None
            shown = shorten(" ".join(fill(helped.text, names).split()), 60)
            name = story.companions[who].name if who in story.companions else who
            return f'goto = "{other.id}", where "{shown}" accepts {name}\'s help'
    return None


def _leaves_without_help(story: Story, chapter: str, target: str) -> bool:
    """Whether some way from the scene `target` leaves `chapter` (or reaches an ending) through
    choices that accept no help, whatever their conditions."""
    return _help_free(story, chapter, [target])[1]


def _reached_without_help(story: Story, chapter: str, ref: str) -> bool:
    """Whether the scene `ref` can be reached from where the hero enters `chapter` (its start,
    or a scene another chapter leads to) through choices that accept no help."""
    entries = [f"{chapter}:{story.chapters[chapter].start}"]
    for scene in story.scenes():
        if scene.chapter != chapter:
            entries.extend(c.target for c in scene.choices if c.target.startswith(f"{chapter}:"))
    return ref in _help_free(story, chapter, entries)[0]


def _help_free(story: Story, chapter: str, starts: list[str]) -> tuple[set[str], bool]:
    """The scenes of `chapter` reached from `starts` through choices that accept no help, and
    whether such a way leaves the chapter (or reaches an ending)."""
    seen: set[str] = set()
    work = list(starts)
    leaves = False
    while work:
        ref = work.pop()
        if ref in seen or not story.has_scene(ref):
            continue
        here = story.scene(ref)
        if here.chapter != chapter or here.ending is not None:
            leaves = True
            if here.chapter != chapter:
                continue
        seen.add(ref)
        work.extend(c.target for c in here.choices if not c.help_received)
    return seen, leaves
