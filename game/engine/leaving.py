"""What a friend's leaving for good makes impossible later, said once at the `leave`.

A `leave` that gets nobody stuck can still make later choices, `when` texts and scenes
impossible: `fold_leaves` says so once, at the `leave`, and lists them below it, instead of
one warning at each (and none at the cause). A `leave` that gets the hero stuck is a
softlock's cause (softlock.py): its error says enough, and what it stops is only taken out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.conditions import FlagTest
from game.engine.coverage import Coverage, Never, Unmet
from game.engine.model import Choice, Scene, Story
from game.engine.problems import Problems
from game.engine.softlock import Cause, Rejoins, ahead, choice_line
from game.engine.text import fill
from game.engine.words import shorten

FOLDED_SHOWN = 5
"""The knock-ons of a `leave` listed under its warning; the rest are counted."""


@dataclass
class Fold:
    """What a `leave` makes impossible later: choices, `when` texts and scenes."""

    never: list[Never]
    scenes: list[Scene]


def _gone(unmet: Unmet, who: str, dead_flags: set[str]) -> bool:
    """Whether `unmet` says only that `who` is away, or a flag only `who` turned on is off."""
    if unmet.condition is None:
        return unmet.companion == who
    cond = unmet.condition
    if not isinstance(cond, FlagTest) or cond.negated:
        return False
    return cond.name == f"party.{who}" or cond.name in dead_flags


def fold_of_leave(
    story: Story, coverage: Coverage, visited: set[str], leave: tuple[Scene, Choice, str]
) -> Fold:
    """The choices never picked, the `when` texts never shown and the scenes never reached
    after `leave` only because the friend who leaves there never comes back."""
    scene, choice, who = leave
    if not story.has_scene(choice.target):
        return Fold([], [])
    later = ahead(story, story.scene(choice.target))
    rejoins = Rejoins(story, later)
    after = {s.ref for s in later if not rejoins.before(who, s)}
    dead_flags: set[str] = set()
    folded: dict[tuple[str, str, int], Never] = {}
    lost: dict[str, Scene] = {}
    while True:
        for never in [*coverage.never_picked, *coverage.never_shown]:
            key = (never.scene.ref, type(never.item).__name__, never.item.index)
            if key in folded or never.scene.ref not in after or not never.unmet:
                continue
            if all(_gone(u, who, dead_flags) for u in never.unmet):
                folded[key] = never
        dead = {(ref, i) for ref, kind, i in folded if kind == "Choice"}
        entered: dict[str, bool] = {}
        for s in story.scenes():
            alive = s.ref in visited and s.ref not in lost
            for c in s.choices:
                live = alive and (s.ref, c.index) not in dead
                entered[c.target] = entered.get(c.target, False) or live
        newly = {
            s.ref: s
            for s in later
            if s.ref not in visited and s.ref not in lost and not entered.get(s.ref, False)
        }
        setters: dict[str, bool] = {}
        for s in story.scenes():
            alive = s.ref in visited and s.ref not in lost and s.ref not in newly
            for c in s.choices:
                for name in c.set:
                    live = alive and (s.ref, c.index) not in dead
                    setters[name] = setters.get(name, False) or live
        flags = {name for name, live in setters.items() if not live}
        if not newly and flags <= dead_flags:
            break
        lost.update(newly)
        dead_flags |= flags
    order = {s.ref: n for n, s in enumerate(later)}
    return Fold(
        sorted(folded.values(), key=lambda n: (order[n.scene.ref], n.item.line)),
        sorted(lost.values(), key=lambda s: order[s.ref]),
    )


def fold_leaves(
    story: Story,
    coverage: Coverage,
    visited: set[str],
    problems: Problems,
    sources: dict[Path, Any],
    causes: list[Cause],
) -> None:
    """Say once, at the `leave` line, what a friend's leaving for good makes impossible
    later, instead of one warning at each thing it stops. A softlock's cause (in `causes`)
    already says so: its knock-ons are only taken out."""
    if not (coverage.never_picked or coverage.never_shown or causes):
        return
    leaves: list[tuple[tuple[Scene, Choice, str], bool]] = [
        (c.leave, False) for c in causes if c.leave is not None
    ]
    said = {(lv[0].ref, lv[1].index, lv[2]) for lv, _ in leaves}
    for scene in story.scenes():
        if scene.ref not in visited:
            continue
        for choice in scene.choices:
            for who in choice.leave:
                if (scene.ref, choice.index, who) not in said:
                    leaves.append(((scene, choice, who), True))
    taken: set[tuple[str, int]] = set()
    for leave, warn in leaves:
        fold = fold_of_leave(story, coverage, visited, leave)
        spots = [(n.scene, n.item.line, f"scene '{n.scene.id}', ") for n in fold.never]
        spots += [(s, s.line, f"scene '{s.id}' can never be reached") for s in fold.scenes]
        spots = [spot for spot in spots if (spot[0].ref, spot[1]) not in taken]
        who = leave[2]
        if warn and not any(_gone(u, who, set()) for n in fold.never for u in n.unmet):
            continue  # nothing later needs the friend who leaves: only flags, said elsewhere
        gone = set()
        for where, line, start in spots:
            file = problems.display_name(story.chapters[where.chapter].file)
            gone.add((file, line, start))
            taken.add((where.ref, line))
        before = len(problems.items)
        problems.items = [
            p
            for p in problems.items
            if p.is_error
            or not any(
                p.file == f and p.line == ln and p.message.startswith(st) for f, ln, st in gone
            )
        ]
        if not warn or len(problems.items) == before:
            continue
        scene, choice, who = leave
        problems.warning(
            story.chapters[scene.chapter].file,
            choice_line(story, sources, scene, choice, "leave", f'"{who}"'),
            _fold_message(story, fold, leave),
            _fold_notes(story, problems, fold),
        )


def _fold_message(story: Story, fold: Fold, leave: tuple[Scene, Choice, str]) -> str:
    scene, choice, who = leave
    name = story.companions[who].name if who in story.companions else who
    count = len(fold.never) + len(fold.scenes)
    things = f"{count} things" if count != 1 else "1 thing"
    return (
        f"scene '{scene.id}', choice {choice.index}: {name} leaves here for good, so {things} "
        f'later can never happen (below): remove leave = "{who}", or recruit {name} again later'
    )


def _fold_notes(story: Story, problems: Problems, fold: Fold) -> list[str]:
    names = story.names(story.hero_name)
    notes = []
    for never in sorted(fold.never, key=lambda n: not isinstance(n.item, Choice)):
        file = problems.display_name(story.chapters[never.scene.chapter].file)
        item, where = never.item, f"scene '{never.scene.id}'"
        if isinstance(item, Choice):
            text = shorten(" ".join(fill(item.text, names).split()), 50)
            notes.append(
                f'{file}:{item.line}: {where}, choice {item.index} ("{text}") is never picked'
            )
        else:
            notes.append(f"{file}:{item.line}: {where}, when {item.index} is never shown")
    for s in fold.scenes:
        file = problems.display_name(story.chapters[s.chapter].file)
        notes.append(f"{file}:{s.line}: scene '{s.id}' is never reached")
    if len(notes) > FOLDED_SHOWN + 1:
        notes = [*notes[:FOLDED_SHOWN], f"... and {len(notes) - FOLDED_SHOWN} more"]
    return notes
